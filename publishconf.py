"""Production settings: pelicanconf.py plus the public address (Pelican's convention)."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = KIRYX.get("site_url", "")  # noqa: F405 (a missing one is named by the settings check)
RELATIVE_URLS = False
