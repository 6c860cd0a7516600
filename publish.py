#!/usr/bin/env python3
"""Kiryx command line: `python publish.py --help`."""

import atexit
import contextlib
import gc
import os
import sys

# Importing Kiryx, Pelican and their libraries makes no garbage, only objects that stay: collecting meanwhile just
# walks them again and again (a tenth of a warm check). Frozen, later collections pass them by.
gc.disable()
try:
    from kiryx.cli import main
except ModuleNotFoundError as missing:
    sys.exit(f"publish.py: the Python package '{missing.name}' is not installed, so Kiryx cannot run.\n"
             "Install Kiryx and its packages once, from this folder:\n"
             "    python3 -m venv .venv && .venv/bin/pip install -e .\n"
             "then run it with that Python:  .venv/bin/python publish.py …")
finally:
    gc.freeze()
    gc.enable()

if __name__ == "__main__":
    try:
        status = main()
    except SystemExit as done:  # argparse's --help and usage errors (a status); any other exit as Python does it
        if not isinstance(done.code, int | None):
            raise
        status = done.code or 0
    # The run is over: end the process without the interpreter's teardown, which would free the build's millions of
    # objects one by one (half a second after a 5,000-item build) only for the memory to be returned anyway. Exit
    # handlers still run, and everything printed is flushed first.
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away (`publish.py plan | head`)
            stream.flush()
    os._exit(status)
