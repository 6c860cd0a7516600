#!/usr/bin/env python3
"""Kiryx command line: `python publish.py --help`."""

import sys

try:
    from kiryx.cli import main
except ModuleNotFoundError as missing:
    sys.exit(f"publish.py: the Python package '{missing.name}' is not installed, so Kiryx cannot run.\n"
             "Install Kiryx and its packages once, from this folder:\n"
             "    python3 -m venv .venv && .venv/bin/pip install -e .\n"
             "then run it with that Python:  .venv/bin/python publish.py …")

if __name__ == "__main__":
    sys.exit(main())
