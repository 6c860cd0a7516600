"""The site's Markdown converter, configured from MARKDOWN the way Pelican's own reader does it.

Pelican loads every extension named in MARKDOWN['extension_configs']; `Markdown(**MARKDOWN)` alone
would only configure them, and tables, footnotes and attribute lists would stay plain text.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from markdown import Markdown


def converter(settings: dict[str, Any]) -> Markdown:
    """A converter with the extensions of `extension_configs` (and `extensions`) loaded."""
    extensions = list(dict.fromkeys([*settings.get("extensions", []), *settings.get("extension_configs", {})]))
    return Markdown(**{**settings, "extensions": extensions})


def plain_footnotes(root: Any) -> None:
    """In an lxml tree of a body, footnote marks as «[1]» and no «↩» links back: for plain text (a mail's text
    part, a calendar's description), where «600.000 €¹» became «600.000 €1», another amount."""
    for mark in root.xpath('.//a[contains(concat(" ", @class, " "), " footnote-ref ")]'):
        mark.text = f"[{mark.text_content()}]"
        mark.attrib.pop("href", None)
    for back in root.xpath('.//a[contains(concat(" ", @class, " "), " footnote-backref ")]'):
        back.drop_tree()


def shown_target(target: str) -> str:
    """A link's target as plain text shows it after the link's words: an e-mail address without its prefilled
    subject; any other whole (a live stream's ?v=… is the stream)."""
    return target.removeprefix("mailto:").split("?", 1)[0] if target.startswith("mailto:") else target


_TABLE = re.compile(r"<table\b")
_BACKLINK = re.compile(r'(<a class="footnote-backref" href="[^"]*" title="([^"]*)")>')


def for_readers(html: str) -> str:
    """A sanitized body as pages show it. Each table is in a region of its own, «Πίνακας 1», … that scrolls
    sideways when it is wider than a phone (its words and amounts whole: WCAG 1.4.10 lets a table scroll) and that a
    keyboard can reach to scroll (2.1.1); the table itself stays a table for screen readers (not `display: block`).
    A footnote's «↩» link back is named by its title («Επιστροφή στο κείμενο (υποσημείωση 1)»), not read as «↩»
    (2.4.4)."""
    numbers = itertools.count(1)
    wrapped = _TABLE.sub(lambda _: f'<div class="table-scroll" role="region" tabindex="0" '
                                   f'aria-label="Πίνακας {next(numbers)}"><table', html)
    return _BACKLINK.sub(r'\1 aria-label="\2">', wrapped.replace("</table>", "</table></div>"))
