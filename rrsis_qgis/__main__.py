"""`python -m rrsis_qgis …`: the command line (see cli.py)."""
import os
import sys

from .cli import EXIT_INTERRUPTED, main

if __name__ == "__main__":  # not when a worker process of `--cluster local:N` imports this module as __mp_main__
    code = main()
    if code == EXIT_INTERRUPTED:
        # A Ctrl+C that lands inside a C extension's start-up code (torch's, run through PyRun_String) marks the
        # interpreter as "killed by an unhandled KeyboardInterrupt" even though cli.main caught it, and a normal
        # exit then re-raises SIGINT (status -2 instead of 130). Nothing is left to clean up here: leave directly.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
