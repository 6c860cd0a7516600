"""«Σχετικά»: up to three items by shared tags, then category, then newest; never anything unpublished."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from plugins.related import relate
from tests.conftest import SiteBuilder, write


def release(root: Path, name: str, title: str, date: str, category: str, tags: list[str], extra: str = "") -> None:
    write(root, f"press-releases/2026/{name}.md", f"""
        ---
        title: {title}
        date: 2026-{date}
        category: {category}
        summary: Περίληψη της ανακοίνωσης «{title}».
        tags: [{", ".join(tags)}]
        {extra}
        ---
        Κείμενο της ανακοίνωσης.
        """)


def related(site: Path, url: str) -> list[str]:
    page = (site / url / "index.html").read_text(encoding="utf-8")
    section = page.split('<section class="related"', 1)[1].split("</section>", 1)[0] if "related-title" in page else ""
    return re.findall(r'<a href="/[^"]+">([^<]+)</a>', section)


def test_related_items_rank_by_shared_tags_then_category_then_date(content_dir: Path,
                                                                    build_site: SiteBuilder) -> None:
    release(content_dir, "a", "Άλφα", "11-01 10:00", "perivallon", ["Ακτές", "Ανακύκλωση"])
    release(content_dir, "b", "Βήτα", "10-01 10:00", "politismos", ["Ακτές", "Ανακύκλωση"])  # two tags
    release(content_dir, "c", "Γάμμα", "10-20 10:00", "perivallon", ["Ακτές"])  # one tag and the category
    release(content_dir, "d", "Δέλτα", "11-10 10:00", "paideia", ["Ακτές"])  # one tag, older than the event
    release(content_dir, "e", "Έψιλον", "11-15 10:00", "perivallon", [])  # the category only
    release(content_dir, "f", "Ζήτα αποσυρμένο", "11-02 10:00", "perivallon", ["Ακτές", "Ανακύκλωση"],
            "status: withdrawn\n        withdrawal_note: Δόθηκε κατά λάθος.")
    release(content_dir, "g", "Ήτα υπό εμπάργκο", "12-01 10:00", "perivallon", ["Ακτές", "Ανακύκλωση"])
    release(content_dir, "h", "Θήτα πρόχειρο", "11-03 10:00", "perivallon", ["Ακτές", "Ανακύκλωση"],
            "status: draft")
    write(content_dir, "events/2026/i.md", """
        ---
        title: Ιώτα εκδήλωση
        date: 2026-11-20 10:00
        summary: Μια εκδήλωση για τις ακτές.
        start: 2026-12-05 10:00
        location: Ακτή Καλαμακίου
        tags:
        - Ανακύκλωση
        ---
        Κείμενο.
        """)
    site = build_site()
    assert related(site, "press-releases/2026/alfa") == ["Βήτα", "Γάμμα", "Ιώτα εκδήλωση"]
    assert related(site, "press-releases/2026/epsilon") == ["Άλφα", "Γάμμα"], "same category, newest first"
    assert related(site, "events/2026/iota-ekdilosi") == ["Άλφα", "Βήτα"]
    assert related(site, "press-releases/2026/delta") == ["Άλφα", "Γάμμα", "Βήτα"]
    shown = "".join(p.read_text(encoding="utf-8") for p in site.rglob("index.html"))
    assert "Ήτα υπό εμπάργκο" not in shown and "Θήτα πρόχειρο" not in shown
    assert related(site, "press-releases/2026/zita-aposyrmeno")[:1] == ["Άλφα"], "its page stays, with related items"
    assert all("Ζήτα" not in " ".join(related(site, f"press-releases/2026/{n}")) for n in ("alfa", "vita", "gamma"))


def test_the_bit_set_ranking_equals_comparing_every_pair() -> None:
    """The fast ranking gives what a plain comparison of every pair of items gives."""
    rng = random.Random(743)
    tags = [SimpleNamespace(slug=f"t{n}") for n in range(8)]
    categories = [SimpleNamespace(slug=f"c{n}") for n in range(4)] + [None]
    items = [SimpleNamespace(url=f"i{n}/", date=datetime(2012, 1, 1) + timedelta(days=rng.randrange(900)),
                             tags=rng.sample(tags, rng.randrange(4)), category=rng.choice(categories))
             for n in range(300)]
    candidates, hidden = items[:280], items[280:]  # as if the last ones were withdrawn

    newest = sorted(candidates, key=lambda a: (a.date, a.url), reverse=True)  # the same date: by address

    def expected(item: SimpleNamespace) -> list[SimpleNamespace]:
        def rank(other: SimpleNamespace) -> tuple:
            shared = len({t.slug for t in item.tags} & {t.slug for t in other.tags})
            same = item.category is not None and other.category is item.category
            return (-shared, not same, newest.index(other)) if shared or same else ()
        return sorted((o for o in candidates if o is not item and rank(o)), key=rank)[:3]

    found = relate(items, candidates)
    assert all(found[id(item)] == expected(item) for item in candidates + hidden)
    assert sum(len(found[id(i)]) == 3 for i in items) > 200
