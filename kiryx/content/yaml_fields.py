"""YAML front matter parsed with the line of every field: libyaml's parser first, PyYAML's own for the files it
refuses (its messages and line numbers say more). Dates stay text, so Kiryx parses them in Athens time."""

from __future__ import annotations

from typing import Any

import yaml

from ..i18n import Message, msg


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so Kiryx parses them in Athens time."""


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same with libyaml's parser: used first; a file it refuses is read again by _Loader,
    whose messages and line numbers say more."""


for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
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
        _walk(node, "", lines, first_line)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _walk(node: yaml.Node, prefix: str, lines: dict[str, int], first: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            if key in lines:
                raise FieldsError(key_node.start_mark.line + first, key, msg("this field appears twice"))
            lines[key] = key_node.start_mark.line + first
            _walk(value_node, key, lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}[{i}]"
            lines[key] = item.start_mark.line + first
            _walk(item, key, lines, first)
