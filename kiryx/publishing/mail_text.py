"""The text/plain part of a mail, made from its HTML part by inscriptis (a maintained HTML-to-text converter).

Inscriptis lays out lists, tables, quotes and definition lists; it is configured here to write
a link as «text <target>» (or just the address, when the text is the address), an image as
«[Εικόνα: description]», and to underline headings. Lines are wrapped at 76 characters, with a
hanging indent for list items and quotes; table rows are never wrapped.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import lxml.html
from inscriptis import get_annotated_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement
from inscriptis.model.tag import CustomHtmlTagHandlerMapping

from ..content.markdown import plain_footnotes, shown_target

WIDTH = 76
_MARKER = re.compile(r"^(\s*)(\*|\d+\.)?\s*")


def _a_start(state: Any, attrs: dict[str, str]) -> None:
    state.link_target = attrs.get("href", "")


def _a_end(state: Any) -> None:
    target = state.link_target
    if target and not target.startswith(("#", "tel:")):
        state.tags[-1].write(f" <{shown_target(target)}>")
    state.link_target = ""


def _img_start(state: Any, attrs: dict[str, str]) -> None:
    if attrs.get("alt"):
        state.tags[-1].write(f"[Εικόνα: {attrs['alt']}]")


_CSS = {
    **CSS_PROFILES["strict"],
    "dt": HtmlElement(display=Display.block, margin_before=1),
    "dd": HtmlElement(display=Display.block, padding_inline=4),
    "blockquote": HtmlElement(display=Display.block, padding_inline=4, margin_before=1, margin_after=1),
    "figcaption": HtmlElement(display=Display.block),
    "hr": HtmlElement(display=Display.block, margin_before=1, margin_after=1),
}
_CONFIG = ParserConfig(
    css=_CSS,
    annotation_rules={"h1": ["heading"], "h2": ["heading"], "h3": ["heading"], "table": ["table"]},
    custom_html_tag_handler_mapping=CustomHtmlTagHandlerMapping(
        start_tag_mapping={"a": _a_start, "img": _img_start}, end_tag_mapping={"a": _a_end}),
)


def _plain_links(html: str) -> str:
    """Links whose text is their address keep only the text (no «https://x <https://x>»); footnote marks «[1]»."""
    tree = lxml.html.document_fromstring(html)
    plain_footnotes(tree)
    for link in tree.iter("a"):
        target = link.get("href", "")
        if link.text_content().strip() in (target, shown_target(target)):
            link.attrib.pop("href", None)
    return lxml.html.tostring(tree, encoding="unicode")


def to_text(html: str) -> str:
    """Readable, wrapped plain text of an HTML document ("" for none: an item with photos and no text)."""
    if not html.strip():
        return ""
    annotated = get_annotated_text(_plain_links(html), _CONFIG)
    text: str = annotated["text"]
    spans = annotated["label"]
    headings = {text.count("\n", 0, start) for start, _, label in spans if label == "heading"}
    tables: set[int] = set()
    for start, end, label in spans:
        if label == "table":
            tables.update(range(text.count("\n", 0, start), text.count("\n", 0, end) + 1))
    lines: list[str] = []
    for number, line in enumerate(text.split("\n")):
        line = line.rstrip()
        if number in tables or len(line) <= WIDTH:
            lines.append(line)
        else:
            indent = _MARKER.match(line)
            hang = " " * (indent.end() if indent and indent.group(2) else len(line) - len(line.lstrip()))
            lines += textwrap.wrap(line, WIDTH, subsequent_indent=hang, break_long_words=False,
                                   break_on_hyphens=False)
        if number in headings and line.strip():
            lines.append("-" * min(len(line.strip()), WIDTH))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
