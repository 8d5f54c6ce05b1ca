"""crisiscomm: a crisis-communication dashboard for public institutions.

The core modules of this package never import Textual; `crisiscomm.tui`
is the dashboard on top of them and `crisiscomm.cli` the command line.
"""

__version__ = "0.1.0"
