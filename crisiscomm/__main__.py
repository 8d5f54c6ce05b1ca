from crisiscomm.cli import main

main()
