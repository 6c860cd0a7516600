#!/usr/bin/env python3
"""Kiryx command line: `python publish.py --help`."""

import sys

from kiryx.cli import main

if __name__ == "__main__":
    sys.exit(main())
