"""The build clock: one moment per run, real time or a fixed moment for previews and tests.

A run reads the clock once (`fix_now`, when its settings are loaded) and every part of it
(reader, embargo, events, feeds, mails, plan, release names) takes that moment from
`build_now`, so an embargo that ends during a run is on the pages and in the mails, or in
neither.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import Any

from .config import ConfigError
from .greek import athens
from .i18n import msg

YEARS = (1900, 2999)
"""The years a moment or a content date may have: an archive's oldest item to far ahead (date arithmetic fails at
the calendar's edges, years 1 and 9999)."""


def parse_moment(value: str | datetime, where: str = "KIRYX_NOW") -> datetime:
    """An aware Athens datetime from ISO 8601 text ('2026-12-02 09:00', Athens if no offset)."""
    if isinstance(value, datetime):
        return athens(value)
    try:
        moment = athens(datetime.fromisoformat(str(value).strip()))
        if not YEARS[0] <= moment.year <= YEARS[1]:
            raise ValueError(value)
        return moment
    except (ValueError, OverflowError):
        raise ConfigError(f"{where}: " + str(msg("'{value}' is not a moment; write it as 'YYYY-MM-DD HH:MM' (Athens "
                                                 "time)", value=value))) from None


def fix_now(settings: MutableMapping[str, Any]) -> datetime:
    """Fix this run's moment in the settings: `KIRYX_NOW` when given, else the clock, read once."""
    value = settings.get("KIRYX_NOW")
    moment = parse_moment(value) if value else athens(datetime.now(UTC))
    settings["KIRYX_NOW"] = moment
    return moment


def build_now(settings: MutableMapping[str, Any]) -> datetime:
    """This run's moment (fixed on first use)."""
    value = settings.get("KIRYX_NOW")
    return value if isinstance(value, datetime) else fix_now(settings)
