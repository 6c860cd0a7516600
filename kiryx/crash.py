"""A fault of Kiryx itself: its traceback saved to `<state>/crash.log` for a bug report, one line for the user; and
a file system's refusal, which is none, in one line."""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime

from .i18n import Message, msg
from .site import ROOT


def refused(err: OSError) -> str:
    """What the file system refused and where: «Not a directory (/srv/site/out)»."""
    return f"{err.strerror or err}" + (f" ({err.filename})" if err.filename else "")


def record(command: str) -> Message:
    """Save the exception being handled to the crash log; what to tell the user."""
    log = ROOT / os.environ.get("KIRYX_STATE_DIR", ".kiryx") / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now(UTC).isoformat()} publish.py {command}\n{traceback.format_exc()}\n")
        saved = msg("the details are in {log}", log=str(log))
    except OSError:
        saved = msg("the details could not be saved")
    return msg("{command}: Kiryx failed unexpectedly; this is a fault of Kiryx, not of your content. Please report "
               "it ({saved}).", command=command, saved=saved)
