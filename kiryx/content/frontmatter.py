"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import yaml

from ..i18n import msg
from .frontmatter_lint import body_starts, lint
from .problems import Problem


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


def parse_source(raw: bytes, rel: str) -> tuple[Source | None, list[Problem]]:
    """Split the bytes of one file into fields and body."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(rel, line, "encoding", msg("the file is not UTF-8; save it as UTF-8 (Unicode)"))]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(rel, 1, "front matter",
                              msg("the file must start with a line '---' followed by the fields"))]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
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
    try:
        fields, field_lines = _parse_yaml(yaml_text, first_line=2)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 2 if mark else 2
        return None, [Problem(rel, line, "front matter", msg("YAML error: {detail}", detail=str(err.problem or err)))]
    except _DuplicateKey as dup:
        return None, [Problem(rel, dup.line, dup.key, msg("this field appears twice"))]
    if not isinstance(fields, dict):
        return None, [Problem(rel, 2, "front matter", msg("the fields must be 'name: value' lines"))]
    body = "\n".join(lines[end + 1 :])
    return Source(rel, fields, field_lines, body, end + 2, hashlib.sha256(raw).hexdigest()), noticed


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


def _parse_yaml(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    try:
        return _parse_with(_FastLoader, text, first_line)
    except yaml.MarkedYAMLError:
        return _parse_with(_Loader, text, first_line)


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
                raise _DuplicateKey(key, key_node.start_mark.line + first)
            lines[key] = key_node.start_mark.line + first
            _walk(value_node, key, lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}[{i}]"
            lines[key] = item.start_mark.line + first
            _walk(item, key, lines, first)
