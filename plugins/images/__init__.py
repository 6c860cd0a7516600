"""Images: every published image stripped of metadata, with responsive renditions and social cards.

- Image files in the static folders are not copied as they are; their stripped originals are
  written instead, with WebP and JPEG renditions (480/960/1600 px) under /media/renditions/.
- Every image missing from the cache is made first, on all cores; missing social cards are drawn by
  child processes at low priority while Pelican reads and renders, and awaited at the end.
- Templates get `image_set(path)` (for the `picture` macro) and `article.social_image`.
- `<img>` in Markdown bodies pointing at local images become `<picture>` elements.
- `<cache>/images/last-build.json` says how many images were rendered and how many came from cache.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator, StaticGenerator

from kiryx.build import build_of
from kiryx.build_state import link_or_copy
from kiryx.content.media import is_image
from kiryx.images.store import ImageSet, ImageStore, local_image

_IMG = re.compile(r'<img\b([^>]*)>')
_ATTR = re.compile(r'(\w+)="([^"]*)"')
BODY_SIZES = "(min-width: 60rem) 46rem, 100vw"


def store_of(settings: dict[str, Any]) -> ImageStore:
    """This build's image store, shared with the press_kit plugin."""
    return build_of(settings).images


def prepare(pelican: Pelican) -> None:
    """Make every missing rendition now, in parallel, before any page is written; start drawing the missing social
    cards (stopped if the build fails)."""
    build = build_of(pelican.settings)
    town = build.config.municipality
    unused = build.catalogue.unused  # never published, never decoded: an upload waiting for its text may be broken
    build.images.prepare([rel for rel in build.catalogue.static if is_image(rel) and rel not in unused])
    build.on_failure.append(build.images.drawing.stop)
    items = [i for i in build.catalogue.shown(build.now) if i.type.key != "pages"]  # the cards pages will show
    build.images.prepare_cards([(i.values["title"], i.values.get("image")) for i in items],
                               town.logo_png, town.brand_color, town.name)


def attach_cards(generator: ArticlesGenerator) -> None:
    """Each article's 1200×630 social image (`article.social_image`); a leaflet without a cover image gets
    the first page of its PDF as one (alt «Εξώφυλλο του εντύπου «…»» unless `image_alt` says otherwise)."""
    build = build_of(generator.settings)
    town = build.config.municipality
    for article in generator.articles + generator.hidden_articles:
        pdfs = [a["file"] for a in getattr(article, "attachments", []) if a["file"].lower().endswith(".pdf")]
        if article.content_type == "leaflets" and not getattr(article, "image", None) and pdfs:
            cover = build.images.cover(pdfs[0])
            if cover:
                article.image, article.image_caption, article.image_credit = cover, "", ""  # a page, not a photo
                article.image_alt = getattr(article, "image_alt", None) or f"Εξώφυλλο του εντύπου «{article.title}»"
    cards = build.images.prepare_cards([(a.title, getattr(a, "image", None))
                                        for a in generator.articles + generator.hidden_articles],
                                       town.logo_png, town.brand_color, town.name)
    for article in generator.articles + generator.hidden_articles:
        article.social_image = cards[(article.title, getattr(article, "image", None))]


def picture_html(image: ImageSet, alt: str, site: str, sizes: str = BODY_SIZES) -> str:
    """<picture> with WebP and JPEG sources, dimensions and lazy loading (for body images)."""
    def srcset(mime: str) -> str:
        return ", ".join(f"{site}/{r.url} {r.width}w" for r in image.of(mime))
    fallback = image.fallback
    return (f'<picture><source type="image/webp" srcset="{srcset("image/webp")}" sizes="{sizes}">'
            f'<img src="{site}/{fallback.url}" srcset="{srcset("image/jpeg")}" sizes="{sizes}" '
            f'width="{image.width}" height="{image.height}" alt="{html.escape(alt)}" loading="lazy" '
            f'decoding="async"></picture>')


def rewrite_bodies(generator: ArticlesGenerator | PagesGenerator) -> None:
    store, site = store_of(generator.settings), generator.settings["SITEURL"]
    items = getattr(generator, "articles", []) + getattr(generator, "pages", [])

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        rel = local_image(attrs.get("src", ""), store.content)
        return picture_html(store.get(rel), html.unescape(attrs.get("alt", "")), site) if rel else match.group(0)

    for item in items:
        if "<img" in item._content:
            item._content = _IMG.sub(replace, item._content)


def take_over_images(generator: StaticGenerator) -> None:
    """Publish stripped images instead of Pelican's plain copies."""
    store = store_of(generator.settings)
    kept = []
    for static in generator.staticfiles:
        if is_image(static.relative_source_path):
            store.get(static.relative_source_path)
        else:
            kept.append(static)
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept


def add_globals(generator: Generator) -> None:
    """`image_set(path)`: the published form of an image (all of them were made and registered before writing;
    rendering a page registers nothing)."""
    generator.env.globals["image_set"] = store_of(generator.settings).published


def write_images(pelican: Pelican) -> None:
    output = Path(pelican.output_path)
    stats = store_of(pelican.settings).write(lambda source, rel: link_or_copy(source, output / rel),
                                             build_of(pelican.settings).now)
    build_of(pelican.settings).counts["images"] = stats
    removed = f", {stats['removed']} no longer needed removed from the cache" if stats["removed"] else ""
    print(f"images: {stats['rendered']} rendered, {stats['cached']} from cache, {stats['files']} files{removed}")


def register() -> None:
    signals.initialized.connect(prepare)
    signals.generator_init.connect(add_globals)
    signals.article_generator_finalized.connect(attach_cards)
    signals.article_generator_finalized.connect(rewrite_bodies)
    signals.page_generator_finalized.connect(rewrite_bodies)
    signals.static_generator_finalized.connect(take_over_images)
    signals.finalized.connect(write_images)
