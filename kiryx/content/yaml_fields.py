"""YAML front matter parsed with the line of every field: libyaml's parser first, PyYAML's own for the files it
refuses (its messages and line numbers say more). Dates stay text, so Kiryx parses them in Athens time; of YAML
1.1's guesses, only true/false are booleans (a summary `yes` or a tag `no` stays a word) and 21:30 is not the
number 1290 (base 60)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..i18n import Message, msg
from .frontmatter_lint import missing_colon


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so Kiryx parses them in Athens time."""


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same with libyaml's parser: used first; a file it refuses is read again by _Loader,
    whose messages and line numbers say more."""


_NARROWER = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^(?:0|-?[1-9][0-9]*)$"),
}
"""The values read as other than text: true/false (not yes/no/on/off), whole numbers as written (a count). Not
floats, octal, hex, 1_000 or +5: «title: 3.10» was «3.1», «tags: [0700]» the tag «448»."""
_TEXT = ("tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")
for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, _NARROWER.get(tag, rx)) for tag, rx in resolvers if tag not in _TEXT]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class FieldsError(Exception):
    """The fields are not valid YAML, or one appears twice: where, which field and what."""

    def __init__(self, line: int, field: str, message: Message):
        super().__init__(str(message))
        self.line, self.field, self.message = line, field, message


def parse_fields(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    """The value of the YAML `text` (whose first line is file line `first_line`) and the line of every field
    (`attachments[1].file`)."""
    try:
        try:
            return _parse_with(_FastLoader, text, first_line)
        except yaml.MarkedYAMLError:
            return _parse_with(_Loader, text, first_line)
    except yaml.MarkedYAMLError as err:
        lines = text.split("\n")
        if err.problem == "could not find expected ':'" and err.context_mark:  # a key without its colon, in a list
            line = err.context_mark.line  # where the key began (the problem's mark is the line after it)
            raise FieldsError(line + first_line, "front matter", missing_colon(lines[line])) from None
        if str(err.problem).startswith("mapping values are not allowed") and err.problem_mark and \
                err.problem_mark.line and ":" not in lines[err.problem_mark.line - 1]:  # `- file x.jpg`, then `alt:`
            line = err.problem_mark.line - 1
            raise FieldsError(line + first_line, "front matter", missing_colon(lines[line])) from None
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else first_line
        raise FieldsError(line, "front matter", msg("YAML error: {detail}", detail=str(err.problem or err))) from None


def _parse_with(kind: type, text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    loader = kind(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        lines: dict[str, int] = {}
        _walk(node, "", lines, first_line, set())
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _walk(node: yaml.Node, prefix: str, lines: dict[str, int], first: int, seen: set[int], at: int = 0) -> None:
    """Record the line of every field under `node` (written at line `at`: its key's, or its list's); a value met
    twice is a YAML alias (`*name`), which no field needs and which, nested, would make a few lines stand for
    billions of values."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            raise FieldsError(at or first, prefix or "front matter", msg(
                "repeats another value with a YAML alias (*name); write the value out"))
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            if key in lines:
                raise FieldsError(key_node.start_mark.line + first, key, msg("this field appears twice"))
            lines[key] = key_node.start_mark.line + first
            _walk(value_node, key, lines, first, seen, lines[key])
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}[{i}]"
            lines[key] = item.start_mark.line + first
            _walk(item, key, lines, first, seen, node.start_mark.line + first)
