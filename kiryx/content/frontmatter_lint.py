"""The mistakes people make in front matter, found on its raw lines before YAML reads them.

YAML silently cuts a value at ` #` (a comment), keeps typographic quotes as part of the text,
refuses tabs with a message about "tokens", reads `21:30` as the number 1290 and `\\` as an
escape. Each case here gets a message that says what happened and what to type instead.
"""

from __future__ import annotations

import json
import re

from ..i18n import Message, msg
from .fields import FIELDS
from .problems import Problem

PATH_KEYS = frozenset({"image", "file", "reply"})
_KNOWN = frozenset(f.name for f in FIELDS) | frozenset(p.name for f in FIELDS for p in f.parts)
_FIELD = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<gap>\s+|$)(?P<value>.*)$")
_HASHTAG = re.compile(r"(?:^|\s)#\S")
_TIME_ONLY = re.compile(r"^\d{1,2}[:.]\d{2}$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUOTES = {("“", "”"), ("„", "“"), ("‘", "’"), ("”", "”"), ("‚", "‘")}
# A line that belongs to front matter: a field (also misspelled: `ημερομηνία:`, `title:Κείμενο`), a list item
# (also `-Πολιτισμός`), a note, an indented line; the first that is none of these is where the text began.
_YAML_LIKE = re.compile(r"^\s*(?:$|#(?!#)|-|[^\s:#]+:)|^\s+\S")  # `## Πρόγραμμα` is the text's heading
_NO_SPACE = re.compile(r"^(?P<lead>\s*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")  # not https://
_NO_DASH_SPACE = re.compile(r"^(?P<lead>\s*)-(?P<value>[^\s\-\d].*)$")  # not ---, not -1
# What YAML refuses or misreads at the start of a plain value: reserved (@ `), an alias (*), an anchor (&), a
# tag (!), a directive (%); and a list or mapping with more text after it (`[Πρόσκληση] για όλους`).
_RESERVED = frozenset("@`*&!%")
_TEXT_AFTER = re.compile(r"^(?:\[[^\]\"']*\]|\{[^}\"']*\})\s*[^\s#]")  # quoted parts may hold anything
_QUOTED_PARTS = re.compile(r"\"[^\"]*\"|'[^']*'")


def lint(lines: list[str], first: int, rel: str) -> tuple[list[str], list[Problem]]:
    """The front-matter lines with typographic quotes taken off, and the problems found."""
    out: list[str] = []
    problems: list[Problem] = []
    days: dict[str, str] = {}  # the day of `start` and of `date`, as written so far
    key = "front matter"  # the field a list item below belongs to
    block: int | None = None  # in a block value (`summary: |`, as the browser editor writes one): its key's column
    quote = ""  # in a quoted value that goes on over lines (the editor folds long ones at 80 columns): its quote

    def error(line: int, field: str, message: Message) -> None:
        problems.append(Problem(rel, line, field, message))

    for number, line in enumerate(lines, first):
        if block is not None and (not line.strip() or _indent(line) > block):  # text, whatever it looks like
            out.append(line)
            continue
        block = None
        if quote:
            out.append(line)
            quote = "" if _QUOTE_ENDS[quote].search(line) else quote
            continue
        if "\t" in line:
            error(number, "front matter", msg("this line has a tab; indent with spaces (the Tab key may type one)"))
            line = line.replace("\t", "  ")
        if spaced := _NO_SPACE.match(line):
            line = f"{spaced['lead']}{spaced['key']}: {spaced['value']}"
            error(number, spaced["key"], msg("put a space after the colon: {fixed}", fixed=line.strip()))
        elif spaced := _NO_DASH_SPACE.match(line):
            line = f"{spaced['lead']}- {spaced['value']}"
            error(number, "front matter", msg("put a space after the dash of a list item: {fixed}", fixed=line.strip()))
        match = _FIELD.match(line)
        if not match:
            item = _ITEM.match(line)
            if item and _typographic(item["value"].strip()):
                value = item["value"].strip()
                problems.append(_typographic_quotes(rel, number, key, value))
                line = f"{item['lead']}{json.dumps(value[1:-1], ensure_ascii=False)}"
            out.append(line)
            continue
        lead, key, value = match["lead"], match["key"], match["value"].strip()
        if _BLOCK.match(value):
            block = len(lead)
        if _typographic(value):
            problems.append(_typographic_quotes(rel, number, key, value))
            value = value[1:-1]
            line = f"{lead}{key}: {json.dumps(value, ensure_ascii=False)}"
        elif value[:1] == "[" and value[-1:] == "]" and any(_typographic(p.strip()) for p in value[1:-1].split(",")):
            parts = [p.strip() for p in value[1:-1].split(",")]
            quoted = next(p for p in parts if _typographic(p))
            problems.append(_typographic_quotes(rel, number, key, quoted))
            value = "[" + ", ".join(json.dumps(p[1:-1], ensure_ascii=False) if _typographic(p) else p
                                    for p in parts) + "]"
            line = f"{lead}{key}: {value}"
        elif value[:1] in ("'", '"') and not _closed(value) and _field_follows(lines, number - first, len(lead)):
            error(number, key, msg("the value opens a quote ({quote}) but does not close it; end the line with "
                                   "{quote}: {key}: {quote}…{quote}", quote=value[0], key=key))
            line = line.rstrip() + value[0]  # closed here, so that the rest of the file is still read
        elif value[:1] in ("'", '"') and not _closed(value):
            quote = value[0]  # it goes on: the lines up to its closing quote are its text
        elif value[:1] in _RESERVED or _TEXT_AFTER.match(value):
            fixed = json.dumps(value, ensure_ascii=False)
            error(number, key, msg("YAML cannot read a value that starts with {char} unquoted; put the value in "
                                   "quotes: {key}: {fixed}", char=value[0], key=key, fixed=fixed))
            line = f"{lead}{key}: {fixed}"  # quoted here, so that the rest of the file is still read
        elif (value[:1] == "[" and (bare := _QUOTED_PARTS.sub("", value)).count("[") > bare.count("]")
              and _field_follows(lines, number - first, len(lead))):
            error(number, key, msg("the list opens with '[' but does not close it; end the line with ']': "
                                   "{key}: {fixed}", key=key, fixed=value + "]"))
            line = line.rstrip() + "]"  # closed here, so that the rest of the file is still read
        elif value[:1] not in ("'", '"', "{", "[") and (": " in value or value.endswith(":")):
            fixed = json.dumps(value, ensure_ascii=False)
            error(number, key, msg("the value has a colon, which YAML reads as the start of another field; put the "
                                   "value in quotes: {key}: {fixed}", key=key, fixed=fixed))
            line = f"{lead}{key}: {fixed}"  # quoted here, so that the rest of the file is still read
        elif value[:1] not in ("'", '"') and _HASHTAG.search(value):
            words = value.split()
            if all(w.startswith("#") for w in words):
                fixed = "[" + ", ".join(w.lstrip("#") for w in words) + "]"
            else:
                fixed = json.dumps(value, ensure_ascii=False)
            error(number, key, msg("everything from '#' on would be lost, because YAML reads it as a note; "
                                   "put the value in quotes: {key}: {fixed}", key=key, fixed=fixed))
        raw = value.strip("'\"")
        if key in PATH_KEYS and "\\" in raw:
            error(number, key, msg("paths use '/', not '\\': {key}: {fixed}", key=key, fixed=raw.replace("\\", "/")))
        elif key in PATH_KEYS and (raw.startswith("content/") or raw.startswith("/") and not (
                key == "reply" and not raw.endswith(".md"))):  # a reply's address: the check names its file
            fixed = raw.lstrip("/").removeprefix("content/")
            error(number, key, msg("write the path from inside content/: {key}: {fixed}", key=key, fixed=fixed))
        if key in ("start", "date") and (found := _DATE.search(raw)):
            days[key] = found.group(0)
        if key in ("start", "end") and _TIME_ONLY.match(raw):  # the start's day, else the publication's
            day = days.get("start") or days.get("date") or "YYYY-MM-DD"
            example = f"{day} {raw.replace('.', ':').zfill(5)}"
            error(number, key, msg("a time needs its date: {key}: {example}", key=key, example=example))
        out.append(line)
    return out, problems


_ITEM = re.compile(r"^(?P<lead>\s*-\s+)(?P<value>.+)$")


def _typographic(value: str) -> bool:
    """Is this value wrapped in typographic quotes («“Κυκλοφορία”», «‘Αγώνας’»)?"""
    return len(value) > 1 and (value[:1], value[-1:]) in _QUOTES


def _typographic_quotes(rel: str, line: int, key: str, value: str) -> Problem:
    return Problem(rel, line, key, msg(
        "the value is in typographic quotes {quotes}, which are left out; to quote a value, use straight quotes: "
        "{key}: \"…\"", quotes=value[0] + "…" + value[-1], key=key), "warning")


_QUOTED = {'"': re.compile(r'^"(?:[^"\\]|\\.)*"'), "'": re.compile(r"^'(?:[^']|'')*'")}


def _closed(value: str) -> bool:
    """Is a value that starts with a quote closed on its line (a note may follow: `summary: ""  # …`)?"""
    return bool(_QUOTED[value[0]].match(value))


def _field_follows(lines: list[str], index: int, column: int) -> bool:
    """Is the next line a new field (not indented more than this one's key, at `column`), or the end, so a quoted
    value cannot go on over lines?"""
    rest = lines[index + 1:index + 2]
    if not rest or rest[0].strip() in ("", "---"):
        return True
    return bool(_FIELD.match(rest[0])) and _indent(rest[0]) <= column


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_BLOCK = re.compile(r"^[|>][+-]?\d?[+-]?\s*(?:#.*)?$")
"""A block value's header: `|`, `|-`, `>`, `>-`, … (the text follows on the lines indented below)."""
_QUOTE_ENDS = {'"': re.compile(r'(?<!\\)"'), "'": re.compile(r"(?<!')'(?!')")}
"""Where a quoted value that went on over lines closes."""


def body_starts(lines: list[str]) -> int | None:
    """The index of the first line that is not front matter (text, a heading), if any."""
    return next((i for i, line in enumerate(lines) if not _YAML_LIKE.match(line)), None)


_TOP_FIELD = re.compile(r"^[A-Za-z_][\w-]*:(?:\s|$)")
_NAMED = re.compile(r"^\s*(?:-\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?:\s*[=;]\s*|\s+)(?P<rest>\S.*)?)?\s*$")


def _field_line(line: str) -> re.Match[str] | None:
    """A line that is a field's name and value without the colon: `location Αίθουσα`, `Location= …`, `tags` alone
    (its list below). A known field's name in any case; another name only in lowercase, as field names are written
    (an English sentence of the text is no field)."""
    named = _NAMED.match(line)
    if named and (named["name"].lower() in _KNOWN or named["name"].islower() and named["rest"]):
        return named
    return None


def missing_colon(line: str) -> Message:
    """What a line inside the fields that is no field says: a field's name without its colon (`location Αίθουσα`), or
    text that belongs below the closing '---'."""
    if named := _field_line(line):
        rest = named["rest"] or ""
        name = named["name"] if named["name"].lower() not in _KNOWN else named["name"].lower()
        return msg("'{name}' needs a colon after it, as every field does: {name}: {rest}", name=name,
                   rest=rest if len(rest) <= 30 else rest[:30] + "…")
    return msg("this line is no field ('name: value'); the text goes below the closing '---' line")


def stray_line(lines: list[str]) -> int | None:
    """Of the lines between the '---' lines, the index of the first that is no field while fields follow it, or that
    is a field's name and text with only fields after it: a field written without its colon, not the end of the
    fields."""
    start = body_starts(lines)
    if start is None:
        return None
    rest = lines[start + 1:]
    if any(_TOP_FIELD.match(line) for line in rest) or _field_line(lines[start]) and body_starts(rest) is None:
        return start
    return None
