"""Read and validate a whole content folder: every file, then the checks across files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown import Markdown

from ..config import KiryxConfig
from .cache import ResultCache, fingerprint
from .frontmatter import parse_source
from .problems import Problem
from .sanitize import sanitize
from .schema import Item, validate

if TYPE_CHECKING:
    from ..history import History
from .content_types import TYPES


@dataclass
class Catalogue:
    """Every item of a content folder, and every problem found in it."""

    root: Path
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)
    by_path: dict[str, Item] = field(default_factory=dict)
    cache_hits: int = 0
    history: History | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def content_files(root: Path) -> list[Path]:
    """The Markdown files Kiryx reads: under each content type's folder."""
    return sorted(p for key in TYPES for p in (root / key).rglob("*.md") if p.is_file())


def render_body(item: Item, markdown: Markdown, config: KiryxConfig) -> tuple[str, list[Problem]]:
    """Markdown to sanitized HTML, with a warning for everything the sanitizer removed."""
    markdown.reset()
    html, removed = sanitize(markdown.convert(item.source.body), config.iframe_hosts)
    warnings = [
        Problem(item.source.rel, _line_of(item, what), "body", f"removed unsafe {what}", "warning")
        for what in removed
    ]
    return html, warnings


def _line_of(item: Item, what: str) -> int:
    needle = what.split()[0].strip("<>'").rstrip(":")
    for offset, line in enumerate(item.source.body.split("\n")):
        if needle in line:
            return item.source.body_line + offset
    return item.source.body_line


def load(root: Path, config: KiryxConfig, markdown_settings: dict[str, Any],
         cache_dir: Path | None = None) -> Catalogue:
    """Validate every file of `root`, render each body once, then check across files.

    With `cache_dir`, a file whose bytes (and settings, and the folder's other files) are
    unchanged since the last run is not parsed again.
    """
    catalogue = Catalogue(root)
    cache = ResultCache(cache_dir, fingerprint(root, config, markdown_settings))
    markdown = Markdown(**markdown_settings)
    for path in content_files(root):
        rel = path.relative_to(root).as_posix()
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        result = cache.get(rel, digest)
        if result is None:
            result = _read_one(raw, path, rel, root, config, markdown)
            cache.put(rel, digest, result)
        item, html, problems = result
        catalogue.problems += problems
        if item is not None:
            catalogue.items.append(item)
            catalogue.by_path[rel] = item
            catalogue.html[rel] = html
    cache.save()
    catalogue.cache_hits = cache.hits
    catalogue.problems += _across(catalogue)
    catalogue.problems.sort()
    return catalogue


def _read_one(raw: bytes, path: Path, rel: str, root: Path, config: KiryxConfig,
              markdown: Markdown) -> tuple[Item | None, str, list[Problem]]:
    source, problems = parse_source(raw, path, rel)
    if source is None:
        return None, "", problems
    item, more = validate(source, TYPES[rel.split("/", 1)[0]], config, root)
    html, warnings = render_body(item, markdown, config)
    return item, html, problems + more + warnings


def _across(catalogue: Catalogue) -> list[Problem]:
    problems = []
    by_url: dict[str, list[Item]] = defaultdict(list)
    for item in catalogue.items:
        if item.values.get("slug"):
            by_url[item.url].append(item)
    for url, items in by_url.items():
        for item in items[1:] if len(items) > 1 else []:
            first = items[0].source.rel
            key = "slug" if "slug" in item.source.fields else "title"
            problems.append(Problem(
                item.source.rel, item.source.line(key), "slug",
                f"'{item.slug}' is already used by {first} (both would be /{url}); set a different 'slug:'",
            ))
    rels = catalogue.by_path
    for item in catalogue.items:
        reply = item.values.get("reply")
        if reply and (reply not in rels or rels[reply].type.key != "press-releases"):
            problems.append(Problem(
                item.source.rel, item.source.line("reply"), "reply",
                f"'{reply}' is not a press release in content/press-releases/",
            ))
    return problems
