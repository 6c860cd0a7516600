"""The media-coverage archive: replies in both directions, pages per outlet, an internal switch.

With `KIRYX['coverage_public'] = False` coverage entries are removed before anything is built
(no pages, lists, feeds, tags or reply links) while `check` still validates them.
Otherwise each entry links to the press release that answers it (`reply_item`), each such
press release lists what it answers (`replies_to`), and `/coverage/outlets/` indexes the
outlets with their counts, one page each.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from kiryx.config import config_for
from kiryx.content.fields import COVERAGE_KINDS
from kiryx.greek import fold, slugify

KINDS = dict(COVERAGE_KINDS)


def keep_internal(generator: ArticlesGenerator) -> None:
    if not config_for(generator.settings).coverage_public:
        generator.articles = [a for a in generator.articles if a.content_type != "coverage"]


def link_replies(generator: ArticlesGenerator) -> None:
    by_source = {a.source_rel: a for a in generator.articles}
    for article in generator.articles:
        article.replies_to = []
    outlets: dict[str, list[Any]] = defaultdict(list)  # by the outlet's slug: «ΚΑΘΗΜΕΡΙΝΗ» is «Καθημερινή»
    for entry in (a for a in generator.articles if a.content_type == "coverage"):
        entry.kind_label = KINDS[entry.kind]
        entry.reply_item = by_source.get(getattr(entry, "reply", None) or "")
        if entry.reply_item:
            entry.reply_item.replies_to.append(entry)
        outlets[slugify(entry.outlet)].append(entry)
    named = []
    for slug, entries in outlets.items():  # named as its first entry by path writes it (the check's reference)
        name = min(entries, key=lambda e: e.source_rel).outlet
        named.append((name, slug, entries))
    generator.context["coverage_outlets"] = sorted(named, key=lambda o: (fold(o[0]), o[0]))


class OutletsGenerator(Generator):
    """Writes /coverage/outlets/ and one page per outlet."""

    def generate_output(self, writer: Any) -> None:
        outlets = self.context.get("coverage_outlets", [])
        if not outlets:
            return
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file("coverage/outlets/index.html", self.get_template("coverage-outlets"), self.context,
                          relative_urls=relative, outlets=outlets, url="coverage/outlets/")
        template = self.get_template("coverage-outlet")
        for name, slug, entries in outlets:
            writer.write_file(f"coverage/outlets/{slug}/index.html", template, self.context,
                              relative_urls=relative, outlet=name, entries=entries,
                              url=f"coverage/outlets/{slug}/")


def get_generators(_pelican: Any) -> type[Generator]:
    return OutletsGenerator


def register() -> None:
    signals.article_generator_pretaxonomy.connect(keep_internal)
    signals.article_generator_finalized.connect(link_replies)
    signals.get_generators.connect(get_generators)
