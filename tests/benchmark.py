"""Benchmark: check and build a synthetic 15-year archive (default 5,000 items).

    .venv/bin/python tests/benchmark.py [--items 5000] [--keep DIR]

Prints seconds for: the git history pass (cold and cached), check, cold build, warm build
(unchanged content), and a build after editing one item. Speed targets live here, not in
timed tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import git

from kiryx.history import History
from kiryx.site import ROOT, build, check, load_settings

CATEGORIES = ["dimotiki-archi", "perivallon", "politismos", "koinoniki-politiki",
              "athlitismos", "erga-ypodomes", "paideia", "politiki-prostasia"]
TAGS = ["Καθαριότητα", "Νεολαία", "Πράσινο", "Σχολεία", "Εθελοντισμός", "Οδοποιία", "Υγεία",
        "Πολιτισμός", "Παραλία", "Αθλητισμός", "Ανακύκλωση", "Κοινωνική στήριξη"]
BODY = "\n\n".join([
    "## Αναλυτικά",
    "Ο Δήμος Αλίμου ανακοινώνει ότι ολοκληρώθηκαν οι εργασίες στο πλαίσιο του προγράμματος, "
    "με τη συμμετοχή των αρμόδιων υπηρεσιών και εθελοντών της πόλης. " * 4,
    "- πρώτο σημείο\n- δεύτερο σημείο\n- τρίτο σημείο",
    "> «Συνεχίζουμε με σχέδιο και διαφάνεια», δήλωσε ο Δήμαρχος.",
])


def make_archive(root: Path, items: int) -> None:
    """Write `items` press releases and events over 15 years into `root`."""
    shutil.copytree(ROOT / "content" / "press-kit" / "logos", root / "press-kit" / "logos")
    for n in range(items):
        year, day = 2012 + n * 15 // items, n % 28 + 1
        month = n % 12 + 1
        kind = "events" if n % 5 == 0 else "press-releases"
        extra = f"start: {year}-{month:02d}-{day:02d} 18:00\n" if kind == "events" else \
            f"category: {CATEGORIES[n % len(CATEGORIES)]}\n"
        path = root / kind / str(year) / f"item-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Ανακοίνωση αριθμός {n} για τον Άλιμο\ndate: {year}-{month:02d}-{day:02d} 10:00\n"
            f"summary: Σύνοψη της ανακοίνωσης {n}.\n{extra}"
            f"tags: [{TAGS[n % len(TAGS)]}, {TAGS[(n * 7) % len(TAGS)]}]\n---\n{BODY}\n",
            encoding="utf-8",
        )


def commit_twice(root: Path) -> None:
    """A git repository around the archive: one commit adding it, one editing every tenth item."""
    repo = git.Repo.init(root.parent)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Kiryx benchmark").set_value("user", "email", "bench@example.org")
    repo.git.add(root.name)
    repo.git.commit("-qm", "Archive")
    for path in sorted(root.rglob("item-*0.md")):
        path.write_text(path.read_text(encoding="utf-8") + "\nΔιόρθωση.\n", encoding="utf-8")
    repo.git.commit("-qam", "Edits")


def timed(label: str, action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(f"{label:<34}{seconds:8.2f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kiryx-bench-"))
    content, output = work / "content", work / "output"
    if not content.exists():
        make_archive(content, args.items)
        commit_twice(content)
    os.environ["KIRYX_STATE_DIR"] = str(work / "state")
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content, KIRYX_NOW="2026-11-24T12:00:00+02:00",
                             CACHE_PATH=str(work / "cache"))
    print(f"{args.items} items in {content}")
    shutil.rmtree(work / "cache", ignore_errors=True)
    timed("git history (one log pass)", lambda: History.of(content, work / "cache"))
    timed("git history (cached)", lambda: History.of(content, work / "cache"))
    timed("check (cold cache)", lambda: check(settings))
    timed("check (warm cache)", lambda: check(settings))
    timed("build (cold)", lambda: build(settings, output))
    timed("build (warm, nothing changed)", lambda: build(settings, output))
    edited = next((content / "press-releases").rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nΣυμπλήρωση.\n", encoding="utf-8")
    timed("build (one item edited)", lambda: build(settings, output))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
