"""Greek full-text search: Pagefind indexes the item and static pages in every build.

Only pages that carry `data-pagefind-body` are indexed (public items that are not withdrawn,
and static pages; never lists, tags or archives): Pagefind leaves out every other page once one
page has it. Pagefind 1.6 stems Greek and folds accents and case (`el`); its bundle is
deterministic, and it is reused from the previous build when no indexed page changed. The
binary is the one `publish.py setup` fetched; without it the search page says search is not
available.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from kiryx import vendor
from kiryx.build import Build, build_of
from kiryx.build_state import link_or_copy
from kiryx.commands.setup import vendor_folder
from kiryx.content.content_types import TYPES
from kiryx.fingerprints import key as output_key

BUNDLE = "pagefind"


def indexed_pages(build: Build) -> dict[str, str]:
    """The output pages the index covers, as written so far, with the keys they were made from."""
    items = [i for i in build.catalogue.items if i.is_listed(build.now) and
             (i.type.key == "pages" or i.type.key in build.config.public_types)]
    written = build.state.new
    return {rel: written[rel] for rel in sorted({f"{item.url}index.html" for item in items}) if rel in written}


class Indexing:
    """One Pagefind run over the indexed pages, started once they are all written (after the pages
    generator) and awaited when the build finishes (stopped if it fails): the feeds, calendars, sitemaps
    and images are made meanwhile, on the other core."""

    def __init__(self, build: Build, output: Path, cache: Path):
        self.build, self.output, self.cache = build, output, cache
        self.pages = indexed_pages(build)
        self.key = output_key(*(f"{rel}={key}" for rel, key in self.pages.items()))
        self.process: subprocess.Popen[str] | None = None
        self.started = time.perf_counter()
        if build.state.reuse_tree(BUNDLE, self.key):
            return
        binary = vendor.location(vendor_folder(build.config.state_dir), vendor.pagefind())  # type: ignore[arg-type]
        if binary is None or not self.pages:
            print("search: nothing to index" if not self.pages else
                  "search: not indexed (run publish.py setup once to fetch Pagefind)", file=sys.stderr)
            return
        site = _pages_folder(cache, output, self.pages)
        self.bundle = scratch_folder(cache)
        self.process = subprocess.Popen([str(binary / "pagefind_extended"), "--site", str(site), "--output-path",
                                         str(self.bundle), "--force-language", "el", "--silent"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        build.on_failure.append(self.stop)  # a build that fails meanwhile leaves no indexer running

    def wait(self) -> None:
        """Wait for Pagefind and record its bundle; index again if an indexed page changed meanwhile."""
        if self.process is None:
            return
        waiting = time.perf_counter()
        errors = self.process.stderr.read() if self.process.stderr else ""
        _, status, usage = os.wait4(self.process.pid, 0)  # its own peak memory, for the log
        self.process.returncode = os.waitstatus_to_exitcode(status)
        done = time.perf_counter()
        self.build.on_failure.remove(self.stop)
        try:
            if self.process.returncode:
                raise RuntimeError(f"Pagefind failed: {errors.strip()[-500:]}")
            if indexed_pages(self.build) != self.pages:
                Indexing(self.build, self.output, self.cache).wait()  # a page written late: not in this index
                return
            self.build.state.made_tree(BUNDLE, self.key, self.bundle)
        finally:
            shutil.rmtree(self.bundle, ignore_errors=True)
        size = sum(p.stat().st_size for p in (self.output / BUNDLE).rglob("*") if p.is_file())
        print(f"search: {len(self.pages)} pages indexed in {done - self.started:.1f} s, {done - waiting:.1f} s of them "
              f"awaited (Pagefind peak {usage.ru_maxrss // 1024} MB; bundle {size / 1e6:.1f} MB)")

    def stop(self) -> None:
        """Stop Pagefind (the build failed): it must not go on, nor write its bundle into a discarded folder."""
        assert self.process is not None, "only a started run is stopped"
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.bundle, ignore_errors=True)


def start_index(generator: PagesGenerator, writer: Any = None) -> None:
    """Every indexed page is written: index them while the rest of the site is made."""
    build = build_of(generator.settings)
    indexing = Indexing(build, Path(generator.output_path), Path(generator.settings["CACHE_PATH"]))
    build.on_finish.insert(0, indexing.wait)


def scratch_folder(cache: Path, memory: Path = Path("/dev/shm")) -> Path:
    """An empty folder for Pagefind's bundle, in memory when there is room (/dev/shm): creating its thousands of
    small files on disk took it longer than indexing (2.4 s against 0.6 s at 5,000 pages), and most of them equal
    the previous build's, which the build state links instead. One per cache, emptied before each use."""
    try:
        roomy = memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > 512 * 2**20
    except OSError:
        roomy = False
    base = memory / f"kiryx-{output_key(str(cache.resolve()))[:16]}" if roomy else cache / "search-bundle"
    shutil.rmtree(base, ignore_errors=True)  # Pagefind adds to a folder: a previous run's files would stay
    return base


def _pages_folder(cache: Path, output: Path, pages: dict[str, str]) -> Path:
    """A folder of links to the indexed pages only, at their own paths (so their URLs are the same): Pagefind
    reads every page of the folder it is given, and needs not read the lists and tag pages.

    Kept in the cache and brought up to date by the pages' keys (recorded beside them): a page made from
    another key is linked again, a page no longer indexed is removed (making and removing thousands of
    folders on every build is slow). One folder per cache, not per output: a publish builds into a new
    release folder every time. Without its record (a first run, or one that stopped half-way) it starts empty.
    """
    site = cache / "search-pages"
    record = site / ".kiryx-pages.json"
    try:
        linked = json.loads(record.read_text(encoding="utf-8"))
        record.unlink()  # rewritten once the folder matches it again
    except (OSError, ValueError):
        shutil.rmtree(site, ignore_errors=True)
        linked = {}
    for rel, key in pages.items():
        if linked.get(rel) != key:
            link_or_copy(output / rel, site / rel)
    for rel in linked.keys() - pages.keys():
        with contextlib.suppress(FileNotFoundError):
            os.unlink(site / rel)
    site.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(pages), encoding="utf-8")
    return site


def add_filters(generator: ArticlesGenerator) -> None:
    """The search page's filters: the values Pagefind knows for type, category and year."""
    config = build_of(generator.settings).config
    years = sorted({a.date.year for a in generator.articles}, reverse=True)
    generator.context["search_filters"] = [
        ("type", "Είδος", [TYPES[key].singular for key in config.public_types] + [TYPES["pages"].singular]),
        ("category", "Κατηγορία", [c.name for c in config.categories]),
        ("year", "Έτος", [str(y) for y in years]),
    ]


def register() -> None:
    signals.article_generator_finalized.connect(add_filters)
    signals.page_writer_finalized.connect(start_index)
