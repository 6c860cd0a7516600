"""Kiryx content in Pelican: the YAML-front-matter reader, embargo and drafts, and a hard stop on bad input.

- `KiryxReader` reads every `.md` file with the same parser and rules as `publish.py check`.
- Drafts and items whose date has not come are removed before taxonomies, feeds and pages
  are built, and so are the static files only they reference: nothing embargoed is written.
- Any invalid file aborts the build before the first page is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag

from kiryx.clock import build_now
from kiryx.config import config_for
from kiryx.content.catalogue import render_body
from kiryx.content.content_types import type_of
from kiryx.content.frontmatter import read_source
from kiryx.content.problems import ContentError, Problem
from kiryx.content.schema import Item, validate
from kiryx.greek import slugify

_FILE_FIELDS = ("image",)


class KiryxReader(BaseReader):
    """Markdown with YAML front matter, validated by the Kiryx content model.

    Under `publish.py build` the content was checked just before; the reader then reuses
    that catalogue instead of parsing each file a second time.
    """

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._markdown = Markdown(**settings["MARKDOWN"])

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        root = Path(self.settings["PATH"]).resolve()
        rel = Path(source_path).resolve().relative_to(root).as_posix()
        checked = self.settings.get("KIRYX_CATALOGUE")
        if checked and rel in checked.by_path:
            return checked.html[rel], self.metadata(checked.by_path[rel])
        config = config_for(self.settings)
        source, problems = read_source(Path(source_path), rel)
        ctype = type_of(rel)
        if source is None or ctype is None:
            problems = problems or [Problem(rel, 1, "path", "not inside a content type folder")]
            raise _failed(self.settings, problems)
        item, problems = validate(source, ctype, config, root)
        html, _ = render_body(item, self._markdown, config)  # warnings are for `check` to print
        if any(p.is_error for p in problems):
            raise _failed(self.settings, problems)
        return html, self.metadata(item)

    def metadata(self, item: Item) -> dict[str, Any]:
        """Pelican metadata: its own keys plus every typed Kiryx field."""
        values = dict(item.values)
        if "url" in values:  # a coverage entry's link; Pelican's own `url` is the page's address
            values["outlet_url"] = values.pop("url")
        meta: dict[str, Any] = {
            **values,
            "content_type": item.type.key,
            "type_label": item.type.singular,
            "type_plural": item.type.plural,
            "template": item.type.template,
            "url": item.url,
            "save_as": item.url + "index.html",
            "source_rel": item.source.rel,
            "summary": values.get("summary") or values.get("excerpt", ""),
            "tags": [_tag(name, self.settings) for name in values.get("tags", [])],
            "attachments": [_file_info(a, self.settings) for a in values.get("attachments", [])],
            "changes": sorted(values.get("changes", []), key=lambda c: c["date"], reverse=True),
        }
        if "category" in values:
            meta["category"] = _category(values["category"], self.settings)
        changed = [values["updated"]] if "updated" in values else []
        changed += [c["date"] for c in values.get("changes", [])]
        if changed:
            meta["modified"] = max(changed)
        return meta


def _failed(settings: dict[str, Any], problems: list[Problem]) -> ContentError:
    settings.setdefault("KIRYX_FAILED", []).extend(p for p in problems if p.is_error)
    return ContentError(problems)


def _category(slug: str, settings: dict[str, Any]) -> Category:
    configured = config_for(settings).category(slug)
    assert configured, f"category {slug!r} was validated against KIRYX['categories']"
    category = Category(configured.name, settings)
    category.slug = configured.slug
    return category


def _tag(name: str, settings: dict[str, Any]) -> Tag:
    tag = Tag(name, settings)
    tag.slug = slugify(name)
    return tag


def _file_info(attachment: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    path = Path(settings["PATH"]) / attachment["file"]
    return {
        **attachment,
        "size": path.stat().st_size,
        "format": path.suffix.lstrip(".").upper(),
    }


def validate_settings(pelican: Any) -> None:
    """Validate KIRYX before anything runs, so templates and plugins can rely on KIRYX_CONFIG."""
    config_for(pelican.settings)


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = KiryxReader


def stop_on_errors(generators: list[Any]) -> None:
    """Abort before anything is written if any file failed validation."""
    failed = generators[0].settings.get("KIRYX_FAILED")
    if failed:
        raise ContentError(sorted(failed))


def embargo(generator: ArticlesGenerator) -> None:
    """Keep only public articles; non-press-releases lose Pelican's default category."""
    now = build_now(generator.settings)
    future = [a for a in generator.articles if a.date > now]
    held = generator.drafts + generator.drafts_translations + future
    generator.articles = [a for a in generator.articles if a.date <= now]
    generator.drafts, generator.drafts_translations = [], []
    generator.context.setdefault("kiryx_held", []).extend(held)
    for article in generator.articles:
        if article.content_type != "press-releases" and hasattr(article, "category"):
            del article.category


def unlink_held_files(generator: StaticGenerator) -> None:
    """Drop static files referenced only by held (draft or embargoed) items."""
    held = generator.context.get("kiryx_held", [])
    published = generator.context.get("articles", []) + generator.context.get("pages", [])
    held_files = {f for item in held for f in _referenced_files(item)}
    public_files = {f for item in published for f in _referenced_files(item)}
    secret = held_files - public_files
    generator.staticfiles = [s for s in generator.staticfiles if s.relative_source_path not in secret]
    generator.context["staticfiles"] = generator.staticfiles


def _referenced_files(item: Any) -> set[str]:
    files = {getattr(item, name) for name in _FILE_FIELDS if getattr(item, name, None)}
    files |= {a["file"] for a in getattr(item, "attachments", [])}
    files |= {i["file"] for i in getattr(item, "images", [])}
    return files


def drop_draft_pages(generator: PagesGenerator) -> None:
    """Draft pages are held like draft articles: never written, not even to drafts/."""
    generator.context.setdefault("kiryx_held", []).extend(generator.draft_pages)
    generator.draft_pages, generator.draft_translations = [], []


def register() -> None:
    signals.initialized.connect(validate_settings)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(embargo)
    signals.page_generator_finalized.connect(drop_draft_pages)
    signals.all_generators_finalized.connect(stop_on_errors)
    signals.static_generator_finalized.connect(unlink_held_files)
