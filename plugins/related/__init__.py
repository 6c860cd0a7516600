"""Related items («Σχετικά»): up to three per item page, computed once per build.

Candidates are the listed items (public, not withdrawn) of the public content types. They rank by
the number of tags they share with the item, then by sharing its category, then newest first; an
item that shares neither is not related. Each tag and category is a bit set over the candidates,
newest first, so an item's ranking is a few operations on whole sets (a 15-year archive of 5,000
items takes well under a second), not a comparison with every other item.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator

SHOWN = 3


def _category(item: Any) -> str | None:
    category = getattr(item, "category", None)
    return category.slug if category else None


def _members(bits: int) -> Iterator[int]:
    """The positions in a bit set, lowest (newest) first."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


def relate(items: list[Any], candidates: list[Any], shown: int = SHOWN) -> dict[int, list[Any]]:
    """{id(item): its related candidates, best first} for every item."""
    newest = sorted(candidates, key=lambda a: (a.date, a.url), reverse=True)
    position = {id(a): n for n, a in enumerate(newest)}
    by_tag: dict[str, int] = defaultdict(int)
    by_category: dict[str, int] = defaultdict(int)
    for n, candidate in enumerate(newest):
        for tag in getattr(candidate, "tags", []):
            by_tag[tag.slug] |= 1 << n
        if _category(candidate):
            by_category[_category(candidate)] |= 1 << n  # type: ignore[index]
    found: dict[int, list[Any]] = {}
    for item in items:
        others = ~(1 << position[id(item)]) if id(item) in position else -1
        tags = [by_tag[slug] for slug in dict.fromkeys(t.slug for t in getattr(item, "tags", []))]
        at_least = [others] + [0] * len(tags)  # at_least[k]: the candidates sharing k tags or more
        for members in tags:
            for k in range(len(tags), 0, -1):
                at_least[k] |= at_least[k - 1] & members
        same = by_category.get(_category(item) or "", 0)
        groups = []  # best first: more shared tags, then the same category
        for k in range(len(tags), 0, -1):
            exactly = at_least[k] & ~(at_least[k + 1] if k < len(tags) else 0)
            groups += [exactly & same, exactly & ~same]
        groups.append(same & others & ~(at_least[1] if tags else 0))
        chosen: list[Any] = []
        for group in groups:
            for n in _members(group):
                if len(chosen) == shown:
                    break
                chosen.append(newest[n])
        found[id(item)] = chosen
    return found


def add_related(generator: ArticlesGenerator) -> None:
    sections: dict[str, list[Any]] = generator.context.get("sections", {})
    candidates = [a for items in sections.values() for a in items]
    items = generator.articles + generator.hidden_articles
    found = relate(items, candidates)
    for item in items:
        item.related = found[id(item)]


def register() -> None:
    signals.article_generator_finalized.connect(add_related)
