"""`python -m papercli`, and the `papercli` command's entry point."""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    """Load the command line and run it. A Ctrl-C while it loads (the first tenth of
    a second, which a shell loop running papercli file by file hits often) says
    `interrupted` and ends by the signal, as one during the run does, instead of
    printing a traceback of the import it cut short."""
    try:
        from papercli.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("papercli: interrupted\n")
        sys.stderr.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
