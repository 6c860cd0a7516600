#!/usr/bin/env python3
"""Kiryx command line: `python publish.py --help`."""

import gc
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
    sys.exit(main())
