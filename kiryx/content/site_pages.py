"""The static pages the settings name (KIRYX['pages']): which exist, to link from every page, and a warning, said
on the settings file, when one the law asks for does not (the accessibility statement, law 4727/2020; the privacy
policy, GDPR): its link would silently vanish from every page."""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import KiryxConfig
from ..i18n import msg
from .problems import Problem
from .schema import Item

REQUIRED = {"accessibility": msg("the accessibility statement"), "privacy": msg("the privacy policy")}


def linked_pages(items: list[Item], config: KiryxConfig, now: datetime) -> dict[str, str]:
    """KIRYX['pages'] that exist ({'contact': 'grafeio-typou/', …}), for the header and footer links."""
    addresses = {i.url for i in items if i.type.key == "pages" and i.is_listed(now)}
    return {role: url for role, url in dataclasses.asdict(config.pages).items() if url in addresses}


def settings_path(settings: dict[str, Any], content: Path) -> str:
    """The settings file as a problem's path, which is relative to the content folder."""
    return os.path.relpath(settings.get("KIRYX_SETTINGS_FILE") or Path.cwd() / "pelicanconf.py", content)


def missing_pages(items: list[Item], config: KiryxConfig, now: datetime, settings_file: str) -> list[Problem]:
    """A warning for each page the law asks for that no public page has the address of."""
    found = linked_pages(items, config, now)
    return [Problem(settings_file, 1, f"pages.{role}", msg(
        "KIRYX['pages']['{role}'] is '{url}', but no public page has that address, so no page links to {what}; "
        "write content/pages/{slug}.md, or set the address of the page you have", role=role, url=url,
        what=REQUIRED[role], slug=url.rstrip("/").rsplit("/", 1)[-1]), "warning")
        for role, url in dataclasses.asdict(config.pages).items() if role in REQUIRED and role not in found]
