"""One browser tab's app process under `crisiscomm serve`: the dashboard or the wall, ended with its server.

textual-serve starts each tab's app through a shell and stops it by asking it
to quit over its pipe; a server that is killed, or that stops while an app is
busy, would leave the app running with nobody to show it to. So the app asks
the kernel to end it when its parent (the server) ends (Linux's
PR_SET_PDEATHSIG), and leaves at once if the server is already gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the server's own shutdown still asks the app to quit
        pass
    if os.getppid() != parent or parent == 1:  # the server ended before the request took effect
        sys.exit(0)


def main() -> None:
    end_with_parent()
    from crisiscomm.cli import main as cli

    cli(prog_name="crisiscomm")


if __name__ == "__main__":
    main()
