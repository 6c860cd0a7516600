"""The press kit: «Υλικό για τον Τύπο» with a ZIP per item, the /press-kit/ page and a photo archive.

- Every item with photos or attachments gets `article.press_kit` (its ZIP and size): stripped
  originals, attachments, `credits.txt` (captions, credits, licence) and the text as the page shows it.
- `/press-kit/` shows content/press-kit/: logos, official photos, documents, the fact sheet (facts.md),
  brand colour, contacts, and one ZIP of all of it.
- `/press-kit/archive/` lists every photo set by year and month, with its item and ZIP.
Files come from the images plugin's store, so nothing is published with its metadata.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from kiryx.build import build_of
from kiryx.config import KiryxConfig, config_for, public_url
from kiryx.content.catalogue import LOGO_SHOWN, is_kit_document, is_kit_logo, is_kit_photo
from kiryx.content.content_types import PHOTO_LED
from kiryx.content.markdown import converter
from kiryx.content.media import is_image
from kiryx.content.references import absolute_links, kit_zip
from kiryx.content.sanitize import sanitize
from kiryx.greek import greek_date, greek_datetime
from kiryx.images import recipe
from kiryx.images.description import description
from kiryx.images.store import ImageStore
from kiryx.publishing import mail_text

from .zips import Made, cached_zip


def store_of(settings: dict[str, Any]) -> ImageStore:
    return build_of(settings).images


def _credits(article: Any, photos: list[dict[str, Any]], names: dict[str, str], license_: str) -> bytes:
    lines = [article.title, greek_datetime(article.date), ""]
    for photo in photos:
        lines += [names[photo["file"]], f"  {photo.get('caption', '')}", f"  {photo['credit']}",
                  f"  Άδεια: {photo.get('license') or license_}", ""]
    return "\n".join(lines).encode("utf-8")


def _names(files: list[str]) -> dict[str, str]:
    """Each file's name in the ZIP: its own, or with its folder's when two share one (media/2025/x.jpg and
    media/2026/x.jpg: one overwrote the other, and journalists got one photo of two)."""
    own = Counter(PurePosixPath(f).name for f in files)
    return {f: PurePosixPath(f).name if own[PurePosixPath(f).name] == 1 else f.replace("/", "-") for f in files}


# What makes the text besides the item's file and the settings: the HTML-to-text converter and this module.
TEXT_RECIPE = recipe(mail_text.__file__, recipe(__file__))


def _text(article: Any, html: str, summary: str, site: str) -> bytes:
    """The text as the page shows it, in plain text with absolute links: never the source file, whose notes
    (<!-- … -->), raw HTML the sanitizer removed and front matter are not for publication."""
    page = f"{site}/{article.url}"
    body = mail_text.to_text(absolute_links(html, page))
    changes = [f"- {greek_date(c['date'])}: {c['note']}" for c in _changes(article)]  # as the page gives them
    history = ["", "Ιστορικό αλλαγών:", *changes] if changes else []  # the corrections the page, feed and mail give
    return "\n".join([article.title, greek_datetime(article.date), page, "", summary, "", body.rstrip("\n"),
                      *history, ""]).encode("utf-8")


def _changes(article: Any) -> list[dict[str, Any]]:
    """The changes the page shows at this build's moment (one dated later is not there yet)."""
    return [c for c in getattr(article, "changes", []) if c.get("note")]


def _as_published(store: ImageStore, content: Path, rel: str) -> Path:
    """A file as the site publishes it: a photo without its metadata (GPS, camera, author), any other as it is."""
    if is_image(rel):
        store.get(rel)
        return store.outputs[rel]
    return content / rel


def build_item_kits(generator: ArticlesGenerator) -> None:
    store, config = store_of(generator.settings), config_for(generator.settings)
    content, site = Path(generator.settings["PATH"]), public_url(generator.settings)
    catalogue = build_of(generator.settings).catalogue
    for article in generator.articles:
        photos, files = getattr(article, "images", []) or _lead(article, config), getattr(article, "attachments", [])
        if not photos and not files:
            article.press_kit = None
            continue
        rel = article.source_rel
        item = catalogue.by_path[rel]
        shown = "\0".join(f"{c['date']}\0{c['note']}" for c in _changes(article))
        text = Made(f"{TEXT_RECIPE}\0{catalogue.key}\0{item.source.digest}\0{site}\0{article.url}\0{shown}",
                    functools.partial(_text, article, catalogue.html[rel], item.values.get("summary", ""), site))
        names = _names([photo["file"] for photo in photos])
        entries: dict[str, bytes | Path | Made] = {f"{article.slug}.txt": text, "credits.txt": _credits(
            article, photos, names, config.photo_license)}
        for photo in photos:
            entries[f"photos/{names[photo['file']]}"] = _as_published(store, content, photo["file"])
        for attachment, name in _names([a["file"] for a in files]).items():
            entries[f"files/{name}"] = _as_published(store, content, attachment)
        archive = cached_zip(store.cache, entries)
        out = kit_zip(article.url, catalogue.registry.urls.get(rel, [article.url])[0])
        store.register(out, archive)
        article.press_kit = {"zip": out, "size": archive.stat().st_size, "files": sorted(entries), "photos": photos}


def _lead(article: Any, config: KiryxConfig) -> list[dict[str, Any]]:
    """The photo of an item that has one (`image:`) and no `images:`, as its press kit offers it: the page showed
    it at 1,600 px while the mail and the feed offered it in full."""
    if article.content_type not in PHOTO_LED or not getattr(article, "image", None):
        return []
    return [{"file": article.image, "alt": article.image_alt, "caption": getattr(article, "image_caption", "") or "",
             "credit": getattr(article, "image_credit", "") or config.photo_credit}]


_HEADING = re.compile(r"<(/?)h([1-5])\b")


def _logo(path: Path, published: Path) -> dict[str, Any]:
    """A logo as the page offers it: what it is (colour or white, for dark backgrounds; drawn or pixels), its
    file's format and size as published (a PNG is written anew, without its metadata)."""
    white = "white" in path.stem.split("-")
    kind = "διανυσματικό, για κάθε μέγεθος" if path.suffix == ".svg" else "εικόνα PNG"
    return {"path": f"press-kit/logos/{path.name}", "white": white, "format": path.suffix[1:].upper(),
            "size": published.stat().st_size, "what": f"{'λευκό, για σκούρο φόντο' if white else 'έγχρωμο'}, {kind}"}


def _file(path: Path, folder: str, published: Path) -> dict[str, Any]:
    """A file the press kit offers for download: its address, name, format and size as published."""
    return {"path": f"press-kit/{folder}/{path.name}", "name": path.name, "format": path.suffix.lstrip(".").upper(),
            "size": published.stat().st_size}


def _kit_credits(photos: list[Path], config: KiryxConfig) -> bytes:
    """Each photo of the press kit with its description (the page's caption: the file itself is published without
    its metadata), its credit and licence."""
    lines = []
    for photo in photos:
        lines += [photo.name, *([f"  {said}"] if (said := description(photo)) else []), f"  {config.photo_credit}",
                  f"  Άδεια: {config.photo_license}", ""]
    return "\n".join(lines or [config.photo_credit, config.photo_license, ""]).encode("utf-8")


def _kit_contact(config: KiryxConfig) -> bytes:
    """The colour and the contacts the press kit page gives, for the ZIP taken away."""
    office, town = config.press_office, config.municipality
    return "\n".join([f"{office.name}, {town.name}", f"{office.street_address}, {office.postcode} {office.city}",
                      f"Τηλ.: {office.phone} · {office.email}", f"Ωράριο: {office.hours_text}", "",
                      f"Κύριο χρώμα: {town.brand_color}", ""]).encode("utf-8")


class PressKitGenerator(Generator):
    """Writes /press-kit/ and /press-kit/archive/."""

    def generate_output(self, writer: Any) -> None:
        settings, content = self.settings, Path(self.settings["PATH"]) / "press-kit"
        store, config = store_of(settings), config_for(settings)
        every_logo = sorted(p for p in (content / "logos").glob("*") if is_kit_logo(f"press-kit/logos/{p.name}"))
        logos = [p for p in every_logo if p.suffix.lower() in LOGO_SHOWN]
        print_logos = [p for p in every_logo if p not in logos]
        photos = sorted(p for p in (content / "photos").glob("*") if is_kit_photo(f"press-kit/photos/{p.name}"))
        documents = sorted(p for p in (content / "documents").glob("*")
                           if p.is_file() and is_kit_document(f"press-kit/documents/{p.name}"))
        facts = content / "facts.md"
        fact_html = ""
        if facts.is_file():
            fact_html, _ = sanitize(converter(settings["MARKDOWN"]).convert(facts.read_text(encoding="utf-8")))
            fact_html = _HEADING.sub(lambda h: f"<{h[1]}h{int(h[2]) + 1}", fact_html)  # under «Βασικά στοιχεία»
        published = {f"logos/{p.name}": _as_published(store, content.parent, f"press-kit/logos/{p.name}")
                     for p in every_logo}
        for folder, files in (("photos", photos), ("documents", documents)):
            for file in files:
                rel = f"press-kit/{folder}/{file.name}"
                published[f"{folder}/{file.name}"] = _as_published(store, content.parent, rel)
        entries: dict[str, bytes | Path] = {**published}
        if facts.is_file():  # the text as the page shows it: not the source, whose notes (<!-- … -->) stay inside
            entries["facts.txt"] = mail_text.to_text(fact_html).encode("utf-8")
        entries["credits.txt"] = _kit_credits(photos, config)
        entries["contact.txt"] = _kit_contact(config)
        kit = cached_zip(store.cache, entries)
        store.register("press-kit/press-kit.zip", kit)
        relative = settings["RELATIVE_URLS"]
        writer.write_file("press-kit/index.html", self.get_template("press-kit"), self.context, relative_urls=relative,
                          logos=[_logo(p, published[f"logos/{p.name}"]) for p in logos],
                          kit_photos=[(f"press-kit/photos/{p.name}", description(p)) for p in photos], facts=fact_html,
                          print_logos=[_file(p, "logos", published[f"logos/{p.name}"]) for p in print_logos],
                          documents=[_file(p, "documents", published[f"documents/{p.name}"]) for p in documents],
                          kit_size=kit.stat().st_size, url="press-kit/")
        by_month: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for article in self.context.get("articles", []):
            if (getattr(article, "press_kit", None) or {}).get("photos"):
                by_month[(article.date.year, article.date.month)].append(article)
        months = [(items[0].date, items) for _, items in sorted(by_month.items(), reverse=True)]
        writer.write_file("press-kit/archive/index.html", self.get_template("press-kit-archive"), self.context,
                          relative_urls=relative, months=months, url="press-kit/archive/")


def get_generators(_pelican: Any) -> type[Generator]:
    return PressKitGenerator


def register() -> None:
    signals.article_generator_finalized.connect(build_item_kits)
    signals.get_generators.connect(get_generators)
