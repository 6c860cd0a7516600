"""The build clock: real time, or a fixed moment for previews and tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from .greek import athens


def build_now(settings: Mapping[str, Any]) -> datetime:
    """`KIRYX_NOW` from the settings (ISO 8601, Athens if no offset), else the current time."""
    fixed = settings.get("KIRYX_NOW")
    if fixed:
        return athens(fixed if isinstance(fixed, datetime) else datetime.fromisoformat(str(fixed)))
    return athens(datetime.now(UTC))
