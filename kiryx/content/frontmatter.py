"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ..i18n import msg
from .frontmatter_lint import body_starts, lint, missing_colon, stray_line
from .problems import Problem

# Characters no web page or feed may hold (XML 1.0 refuses them): C0 controls but tab and line ends, and two
# non-characters; the C1 controls, which YAML refuses (a text converted from Windows-1252 the wrong way holds its
# quotes and dashes as U+0091–U+0097); and the line ends YAML sees where a reader sees none (NEL, U+2028, U+2029).
# Word pastes U+000B for Shift+Enter.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Characters no text of the site may carry (feeds and calendars are XML, which refuses them)."""


@dataclass
class Source:
    """One content file: where it is, its raw fields with their lines, and its body."""

    rel: str
    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    digest: str = ""
    """SHA-256 of the file's bytes."""

    def line(self, key: str) -> int:
        """Line of a field (`attachments[1].file`), falling back to its parent, then 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0] if "." in key else key.rpartition("[")[0]
        return 1

    def text_line(self, needle: str, after: int = 0) -> int:
        """Line of the first line of the text holding `needle` (after the line `after`: its next occurrence, else its
        first), falling back to the text's first line."""
        return self.find_line(needle, after=after) or self.find_line(needle) or self.body_line

    def find_line(self, *needles: str, after: int = 0) -> int | None:
        """The first line of the text after the line `after` that holds any of `needles`; None when none does."""
        lines = self.body.split("\n")
        return next((self.body_line + n for n, line in enumerate(lines)
                     if self.body_line + n > after and any(x in line for x in needles)), None)


def parse_source(raw: bytes, rel: str) -> tuple[Source | None, list[Problem]]:
    """Split the bytes of one file into fields and body."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(rel, line, "encoding", msg("the file is not UTF-8; save it as UTF-8 (Unicode)"))]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    controlled = [(n, found[0]) for n, line in enumerate(lines, 1) if (found := CONTROL.search(line))]
    if controlled:  # said, and read past as spaces: the file's other mistakes are told in the same check
        lines = [CONTROL.sub(" ", line) for line in lines]
    source, problems = _parse_lines(lines, raw, rel)
    return source, [Problem(rel, n, "text", msg(
        "this line has an invisible control character (U+{code:04X}), which some programs paste in (Word for "
        "Shift+Enter); delete it, or type the line again", code=ord(char))) for n, char in controlled] + problems


def _parse_lines(lines: list[str], raw: bytes, rel: str) -> tuple[Source | None, list[Problem]]:
    """The fields and body of a file's lines (`raw`, its bytes, gives its digest)."""
    if not lines or lines[0].strip() != "---":
        return None, [Problem(rel, 1, "front matter",
                              msg("the file must start with a line '---' followed by the fields"))]
    # the closing line indented no more than the opening one: a '---' indented further is a block value's text
    indent = len(lines[0]) - len(lines[0].lstrip())
    end = next((i for i in range(1, len(lines))
                if lines[i].strip() == "---" and len(lines[i]) - len(lines[i].lstrip()) <= indent), None)
    stray = stray_line(lines[1:end])  # with no closing line too: told first, a '---' added above it would hide it
    if stray is not None:
        return None, [Problem(rel, stray + 2, "front matter", missing_colon(lines[stray + 1]))]
    text_starts = body_starts(lines[1:end])
    if text_starts is not None:
        line = text_starts + 2
        return None, [Problem(rel, line, "front matter", msg(
            "the fields end before line {line}, but the closing '---' line is missing; add a line '---' above it",
            line=line))]
    if end is None:
        return None, [Problem(rel, 1, "front matter", msg("no closing '---' line after the fields"))]
    yaml_lines, noticed = lint(lines[1:end], 2, rel)
    if any(p.is_error for p in noticed):
        return None, noticed
    yaml_text = "\n".join(yaml_lines)
    from .yaml_fields import FieldsError, parse_fields  # noqa: PLC0415 - PyYAML is imported when a file is read

    try:
        fields, field_lines = parse_fields(yaml_text, first_line=2)
    except FieldsError as err:
        return None, [Problem(rel, err.line, err.field, err.message)]
    if not isinstance(fields, dict):
        return None, [Problem(rel, 2, "front matter", msg("the fields must be 'name: value' lines"))]
    escaped = []
    for key, value in fields.items():  # «"\x02"»: YAML's escapes, as the browser editor writes a pasted control
        fields[key], char = _without_controls(value)
        if char:
            escaped.append(Problem(rel, field_lines.get(key, 2), str(key), msg(
                "has an invisible control character (U+{code:04X}), written as an escape in quotes (the browser "
                "editor saves a pasted one so); delete it, or type the text again", code=ord(char))))
    body = "\n".join(lines[end + 1 :])
    return Source(rel, fields, field_lines, body, end + 2, hashlib.sha256(raw).hexdigest()), noticed + escaped


def _without_controls(value: Any) -> tuple[Any, str]:
    """A field's value with control characters as spaces, and the first one found ("" for none)."""
    if isinstance(value, str):
        found = CONTROL.search(value)
        return CONTROL.sub(" ", value), found[0] if found else ""
    if isinstance(value, dict):
        pairs = {k: _without_controls(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, next((c for _, c in pairs.values() if c), "")
    if isinstance(value, list):
        items = [_without_controls(v) for v in value]
        return [v for v, _ in items], next((c for _, c in items if c), "")
    return value, ""
