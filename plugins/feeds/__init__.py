"""RSS 2.0 and Atom 1.0 feeds for journalists, written with feedgen.

One pair of feeds for everything, for each content type, each category and each tag, at
`/feeds/<key>.atom.xml` and `/feeds/<key>.rss.xml`, plus the «Ροές RSS» page at `/feeds/`.
Everything in a feed comes from content, so two builds of the same content are identical.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from kiryx.build import build_of
from kiryx.clock import build_now
from kiryx.config import config_for, public_url
from kiryx.content.content_types import ARTICLE_TYPES, TYPES
from kiryx.fingerprints import key as output_key

from .entries import Entry, make_entry
from .writer import FeedSpec, Publisher, atom, rss


class FeedsGenerator(Generator):
    """Writes every feed and the page that lists them."""

    def generate_output(self, writer: Any) -> None:
        build = build_of(self.settings)
        config, site, root = build.config, public_url(self.settings), Path(self.settings["PATH"])
        specs, who = self.specs(), self.publisher()
        made: dict[str, Entry] = {}

        days = build.catalogue.registry.first_days

        def entries(spec: FeedSpec) -> tuple[Entry, ...]:
            return tuple(made.get(a.source_rel) or made.setdefault(a.source_rel, make_entry(
                a, config, site, root, build.images, days.get(a.source_rel, ""))) for a in spec.articles)

        for spec in specs:
            bodies = [build.prints.content(a) for a in spec.articles]  # feeds carry the full text
            key = output_key(build.prints.of(spec), *bodies, build.prints.of(who),
                             *(days.get(a.source_rel, "") for a in spec.articles))
            for path, render in ((spec.atom_path, atom), (spec.rss_path, rss)):
                build.state.emit(path, key, lambda spec=spec, render=render: render(spec, entries(spec), who))
        writer.write_file("feeds/index.html", self.get_template("feeds"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], feeds=specs, url="feeds/")

    def publisher(self) -> Publisher:
        config = config_for(self.settings)
        site = public_url(self.settings)
        # An empty feed's date: the newest public item's, else the build's day (never the wall clock).
        dates = [a.date for a in self.context.get("articles", [])]
        now = build_now(self.settings)
        quiet = max(dates, default=now.replace(hour=0, minute=0, second=0, microsecond=0))
        return Publisher(site_url=site, author=config.press_office.name,
                         email=config.press_office.email, logo=f"{site}/{config.municipality.logo_png}",
                         icon=f"{site}/favicon.svg", quiet=quiet)

    def specs(self) -> list[FeedSpec]:
        config = config_for(self.settings)
        limit = config.feed_items

        def entries(articles: list[Any]) -> tuple[Any, ...]:
            """The newest by their last change (`modified`: publication, correction, withdrawal), as readers sort
            them: a corrected old item comes back up, where a reader sees the update."""
            return tuple(sorted(articles, key=lambda a: (a.modified, a.source_rel), reverse=True)[:limit])

        town = config.municipality.name
        sections = self.context.get("sections", {})
        # Withdrawn items stay in the feeds that carried them, as an update that says so.
        withdrawn = [a for a in self.context.get("hidden_articles", []) if a.content_type in sections]
        specs = [FeedSpec("all", f"{town}: όλες οι δημοσιεύσεις",
                          "Δελτία τύπου, εκδηλώσεις, ενημερωτικά έντυπα και δημοσιεύματα, με πλήρες κείμενο.",
                          "", entries([a for key in ARTICLE_TYPES for a in sections.get(key, [])] + withdrawn))]
        specs += [FeedSpec(key, f"{town}: {TYPES[key].plural}", f"{TYPES[key].plural} του Γραφείου Τύπου.",
                           f"{key}/", entries(sections[key] + [a for a in withdrawn if a.content_type == key]))
                  for key in ARTICLE_TYPES if key in sections]
        # Every configured category has its feed, empty or not, so a subscription never breaks.
        used = {cat.slug: items for cat, items in self.context.get("categories", [])}
        specs += [FeedSpec(f"category/{cat.slug}", f"{town}: {cat.name}",
                           f"Δελτία τύπου της κατηγορίας «{cat.name}».",
                           f"category/{cat.slug}/" if cat.slug in used else "category/",
                           entries(used.get(cat.slug, []) + [a for a in withdrawn if getattr(
                               a, "category", None) and a.category.slug == cat.slug]))
                  for cat in config.categories]
        # A tag's feed carries its withdrawn items too, and stays when they were its only ones (its page does not).
        tagged = {tag.slug: (tag, list(items)) for tag, items in self.context.get("tags", [])}
        listed = set(tagged)
        for article in withdrawn:
            for tag in getattr(article, "tags", []):
                tagged.setdefault(tag.slug, (tag, []))[1].append(article)
        specs += [FeedSpec(f"tag/{slug}", f"{town}: {tag.name}", f"Δημοσιεύσεις με την ετικέτα «{tag.name}».",
                           tag.url if slug in listed else "tag/", entries(items))
                  for slug, (tag, items) in tagged.items()]
        return specs


def get_generators(_pelican: Any) -> type[Generator]:
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
