"""Kiryx content in Pelican: the checked catalogue as reader, embargo and drafts, withdrawals, a hard stop.

- The whole content folder is checked once when Pelican starts (`publish.py build` hands over
  the catalogue it just checked); any error stops the build before the first page is written.
- `KiryxReader` gives Pelican each file's fields and HTML from that catalogue, with its
  permanent URL.
- Drafts and items whose date has not come are removed before taxonomies, feeds and pages are
  built, and so are the files only they use (front matter and body): nothing embargoed is written.
- A withdrawn item is a Pelican `hidden` article: its page stays, it leaves every list.
- Templates get `KIRYX_PAGES`: the pages of KIRYX['pages'] that exist, to link from every page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag

from kiryx.build import build_of
from kiryx.build import start as start_build
from kiryx.clock import build_now, fix_now
from kiryx.config import config_for
from kiryx.content.catalogue import Catalogue
from kiryx.content.problems import ContentError, Problem
from kiryx.content.recurrence import schedule_of
from kiryx.content.schema import Item
from kiryx.content.site_pages import linked_pages
from kiryx.greek import slugify
from kiryx.history import last_modified
from kiryx.site import check

_PELICAN_STATUS = {"published": "published", "draft": "draft", "withdrawn": "hidden"}


def catalogue_of(settings: dict[str, Any]) -> Catalogue:
    """The checked catalogue of this build."""
    return build_of(settings).catalogue


class KiryxReader(BaseReader):
    """Markdown with YAML front matter, read and validated by the Kiryx content model."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self.tags: dict[str, Tag] = {}  # one Tag per name, as Pelican groups them anyway
        self.categories: dict[str, Category] = {}

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        catalogue = catalogue_of(self.settings)
        rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        if rel not in catalogue.by_path:
            raise ContentError([Problem(rel, 1, "path", "not inside a content type folder")])
        return catalogue.html[rel], self.metadata(catalogue.by_path[rel])

    def metadata(self, item: Item) -> dict[str, Any]:
        """Pelican metadata: its own keys plus every typed Kiryx field."""
        values, now, config = dict(item.values), build_now(self.settings), config_for(self.settings)
        if "url" in values:  # a coverage entry's link; Pelican's own `url` is the page's address
            values["outlet_url"] = values.pop("url")
        meta: dict[str, Any] = {
            **values,
            "status": _PELICAN_STATUS[values["status"]],
            "withdrawn": values.get("withdrawn") if item.is_withdrawn else None,
            "content_type": item.type.key,
            "type_label": item.type.singular,
            "type_plural": item.type.plural,
            "template": item.type.template,
            "url": item.url,
            "save_as": item.url + "index.html",
            "source_rel": item.source.rel,
            "summary": values.get("summary") or values.get("excerpt", ""),
            "tags": [self.tag(name) for name in values.get("tags", [])],
            "attachments": [_file_info(a, values.get("title", ""), self.settings)
                            for a in values.get("attachments", [])],
            "changes": sorted(item.changes_at(now), key=lambda c: c["date"], reverse=True),
            "images": item.photos(config.photo_credit),
        }
        if values.get("image"):
            lead = item.lead_photo(config.photo_credit)
            meta["image_caption"], meta["image_credit"] = lead["caption"], lead["credit"]
        if item.type.key == "events":
            meta["schedule"] = schedule_of(values)
        if "category" in values:
            meta["category"] = self.category(values["category"])
        modified = last_modified(item, catalogue_of(self.settings).history, now) or values.get("date")
        if modified:
            meta["modified"] = modified  # equal to `date` when it never changed
        meta["source_url"] = config.source_url.format(path=item.source.rel) if config.source_url else ""
        meta["history_url"] = config.history_url.format(path=item.source.rel) if config.history_url else ""
        return meta

    def category(self, slug: str) -> Category:
        if slug not in self.categories:
            configured = config_for(self.settings).category(slug)
            assert configured, f"category {slug!r} was validated against KIRYX['categories']"
            category = self.categories[slug] = Category(configured.name, self.settings)
            category.slug = configured.slug
        return self.categories[slug]

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            tag = self.tags[name] = Tag(name, self.settings)
            tag.slug = slugify(name)
        return self.tags[name]


def _file_info(attachment: dict[str, Any], title: str, settings: dict[str, Any]) -> dict[str, Any]:
    """An attachment as pages show it: size, format and, unless it is accessible, where to ask for a format that is."""
    path = Path(settings["PATH"]) / attachment["file"]
    office = config_for(settings).press_office
    return {
        **attachment,
        "size": path.stat().st_size,
        "format": path.suffix.lstrip(".").upper(),
        "request": office.format_request(title, attachment),
    }


def start(pelican: Any) -> None:
    """Validate KIRYX, fix the clock, check all content and start the build before anything runs.

    Under `publish.py build` the catalogue was checked just before and is reused, and the build
    reuses what it can of the previous output (`KIRYX_PREVIOUS_OUTPUT`).
    """
    settings = pelican.settings
    config_for(settings)
    fix_now(settings)
    catalogue = settings.get("KIRYX_CATALOGUE")
    if catalogue is None:
        catalogue = check(settings)
        if catalogue.errors:
            raise ContentError(catalogue.errors)
    previous = settings.get("KIRYX_PREVIOUS_OUTPUT")
    settings["KIRYX_PAGES"] = linked_pages(catalogue.items, config_for(settings), build_now(settings))
    start_build(settings, catalogue, Path(pelican.output_path), Path(previous) if previous else None)


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = KiryxReader


def embargo(generator: ArticlesGenerator) -> None:
    """Keep only public articles; non-press-releases lose Pelican's default category."""
    now = build_now(generator.settings)
    generator.articles = [a for a in generator.articles if a.date <= now]
    generator.hidden_articles = [a for a in generator.hidden_articles if a.date <= now]
    generator.drafts, generator.drafts_translations = [], []
    for article in generator.articles + generator.hidden_articles:
        if article.content_type != "press-releases" and hasattr(article, "category"):
            del article.category


def tags_with_pages(generator: ArticlesGenerator) -> None:
    """A withdrawn item's tags that still have a page (`linked_tags`): one only it had left with it."""
    for article in generator.hidden_articles:
        article.linked_tags = [tag for tag in getattr(article, "tags", []) if tag in generator.tags]


def unlink_held_files(generator: StaticGenerator) -> None:
    """Drop static files used only by held (draft or embargoed) items, and Markdown sources (the press kit's facts:
    the page shows them; the source's notes, <!-- … -->, are not for publication)."""
    secret = catalogue_of(generator.settings).held_files(build_now(generator.settings))
    generator.staticfiles = [s for s in generator.staticfiles if s.relative_source_path not in secret
                             and not s.relative_source_path.endswith(".md")]
    generator.context["staticfiles"] = generator.staticfiles


def hold_pages(generator: PagesGenerator) -> None:
    """Draft pages and pages whose date has not come are held like articles: never written (not even to drafts/),
    never listed. Written, a page dated ahead would stop every publish at the embargo guard until its day."""
    now = build_now(generator.settings)
    for name in ("pages", "hidden_pages"):
        held = [p for p in getattr(generator, name) if getattr(p, "date", None) is None or p.date <= now]
        setattr(generator, name, held)
        generator.context[name] = held
    generator.draft_pages, generator.draft_translations = [], []
    generator.context["draft_pages"] = []


def register() -> None:
    signals.initialized.connect(start)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(embargo)
    signals.article_generator_finalized.connect(tags_with_pages)
    signals.page_generator_finalized.connect(hold_pages)
    signals.static_generator_finalized.connect(unlink_held_files)
