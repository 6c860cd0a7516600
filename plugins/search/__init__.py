"""Greek full-text search: Pagefind indexes the item and static pages in every build.

Only pages that carry `data-pagefind-body` are indexed (public items that are not withdrawn,
and static pages; never lists, tags or archives): Pagefind leaves out every other page once one
page has it. Pagefind 1.6 stems Greek and folds accents and case (`el`); its bundle is
deterministic. The pages are split between two indexes that the search page searches as one
(Pagefind's `mergeIndex`): the recent one (items of this year and the last, and the static
pages) and the archive (older items). A new item or an edit re-indexes the recent one only, and
an index none of whose pages changed is reused as it is. The binary is the one `publish.py
setup` fetched; without it the search page says search is not available.
"""

from __future__ import annotations

import contextlib
import fcntl
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
from kiryx.content.content_types import TYPES
from kiryx.content.schema import Item
from kiryx.fingerprints import key as output_key
from kiryx.greek import athens

# The indexes and the folders of their bundles, in the order the search page searches them: the recent one first
# (Pagefind's primary index, at the address a single index had).
INDEXES = {"recent": "pagefind", "archive": "pagefind-archive"}


def index_of(item: Item, year: int) -> str:
    """The index an item's page goes in, in the build's `year`: items of that year and the last, and static pages,
    in the recent one; older items in the archive, which new items and most edits then leave as it is."""
    date = item.values.get("date") if item.type.key != "pages" else None  # an Athens moment: its year is its URL's
    return "archive" if date and date.year < year - 1 else "recent"


def indexed_items(build: Build) -> list[Item]:
    """The items whose pages are indexed: the listed ones of the public types, and the static pages."""
    return [item for item in build.catalogue.items if item.is_listed(build.now) and
            (item.type.key == "pages" or item.type.key in build.config.public_types)]


def indexed_pages(build: Build) -> dict[str, dict[str, str]]:
    """For each index, the output pages it covers, as written so far, with the keys they were made from."""
    pages: dict[str, dict[str, str]] = {name: {} for name in INDEXES}
    written, year = build.state.new, athens(build.now).year
    for item in sorted(indexed_items(build), key=lambda i: i.url):
        rel = f"{item.url}index.html"
        if rel in written:
            pages[index_of(item, year)][rel] = written[rel]
    return pages


class Indexing:
    """One Pagefind run over one index's pages, started once they are all written (after the pages
    generator) and awaited when the build finishes (stopped if it fails): the feeds, calendars, sitemaps
    and images are made meanwhile, on the other core."""

    def __init__(self, build: Build, output: Path, cache: Path, name: str, pages: dict[str, str]):
        self.build, self.output, self.cache, self.name, self.pages = build, output, cache, name, pages
        self.key = output_key(*(f"{rel}={key}" for rel, key in self.pages.items()))
        self.process: subprocess.Popen[str] | None = None
        self.started = time.perf_counter()
        self.seconds, self.peak = 0.0, 0
        binary = pagefind_binary(build)
        if not self.pages or build.state.reuse_tree(INDEXES[name], self.key) or binary is None:
            return
        site = _pages_folder(cache / f"search-pages-{name}", output, self.pages)
        self.bundle = scratch_folder(cache, name)
        self.process = subprocess.Popen([str(binary / "pagefind_extended"), "--site", str(site), "--output-path",
                                         str(self.bundle), "--force-language", "el", "--silent"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        build.on_failure.append(self.stop)  # a build that fails meanwhile leaves no indexer running

    def wait(self, pages: dict[str, str]) -> Indexing:
        """Wait for Pagefind and record its bundle; index again if its `pages` (as written now) changed meanwhile.
        Returns the run that made the bundle."""
        if self.process is None:
            return self
        errors = self.process.stderr.read() if self.process.stderr else ""
        _, status, usage = os.wait4(self.process.pid, 0)  # its own peak memory, for the log
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.seconds, self.peak = time.perf_counter() - self.started, usage.ru_maxrss // 1024
        self.build.on_failure.remove(self.stop)
        try:
            if self.process.returncode:
                raise RuntimeError(f"Pagefind failed: {errors.strip()[-500:]}")
            if pages != self.pages:  # a page written late: not in this index
                return Indexing(self.build, self.output, self.cache, self.name, pages).wait(pages)
            self.build.state.made_tree(INDEXES[self.name], self.key, self.bundle)
        finally:
            shutil.rmtree(self.bundle, ignore_errors=True)
        return self

    def stop(self) -> None:
        """Stop Pagefind (the build failed): it must not go on, nor write its bundle into a discarded folder."""
        assert self.process is not None, "only a started run is stopped"
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.bundle, ignore_errors=True)


def pagefind_binary(build: Build) -> Path | None:
    """The folder of the Pagefind that `publish.py setup` fetched, if it did."""
    return vendor.location(vendor.folder(build.config.state_dir), vendor.pagefind())  # type: ignore[arg-type]


class Search:
    """Both indexes of a build: started together, awaited together, reported in one line.

    The folders of links to the pages and the bundles' scratch folders belong to the cache, not to one build: a
    second build on the same cache (a manual build while cron publishes) waits for this one's indexing to end
    (a lock on `<cache>/search.lock`, released when it ends, fails, or its process dies; at once when every index
    is reused), instead of emptying them under its Pagefind."""

    def __init__(self, build: Build, output: Path, cache: Path):
        self.build, self.output = build, output
        cache.mkdir(parents=True, exist_ok=True)
        self.lock = (cache / "search.lock").open("a")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            self.runs = [Indexing(build, output, cache, name, pages) for name, pages in indexed_pages(build).items()]
        except BaseException:
            self.lock.close()
            raise
        if any(run.process for run in self.runs):
            build.on_failure.append(self.lock.close)  # after the runs' stops: no Pagefind of this build is left
        else:  # every index reused: the folders are the other builds' again at once
            self.lock.close()
        if not any(run.pages for run in self.runs):
            print("search: nothing to index", file=sys.stderr)
        elif pagefind_binary(build) is None:
            print("search: not indexed (run publish.py setup once to fetch Pagefind)", file=sys.stderr)

    def wait(self) -> None:
        self._wait()  # if it fails, the build's failure stops the runs left, then releases the lock
        if not self.lock.closed:
            self.build.on_failure.remove(self.lock.close)
            self.lock.close()

    def _wait(self) -> None:
        waiting = time.perf_counter()
        started = [run for run in self.runs if run.process is not None]
        if not started:
            return
        pages = indexed_pages(self.build)  # every page is written by now
        done = [run.wait(pages[run.name]) for run in started]
        awaited = time.perf_counter() - waiting
        size = sum(p.stat().st_size for folder in INDEXES.values() if (self.output / folder).is_dir()
                   for p in (self.output / folder).rglob("*") if p.is_file())
        anew = ", ".join(f"{run.name} ({len(run.pages)} pages)" for run in done)
        print(f"search: {sum(len(run.pages) for run in self.runs)} pages; indexed anew: {anew} in "
              f"{max(run.seconds for run in done):.1f} s, {awaited:.1f} s of it awaited "
              f"(Pagefind peak {max(run.peak for run in done)} MB; bundle {size / 1e6:.1f} MB)")


def start_index(generator: PagesGenerator, writer: Any = None) -> None:
    """Every indexed page is written: index them while the rest of the site is made."""
    build = build_of(generator.settings)
    search = Search(build, Path(generator.output_path), Path(generator.settings["CACHE_PATH"]))
    build.on_finish.insert(0, search.wait)


def scratch_folder(cache: Path, name: str, memory: Path = Path("/dev/shm")) -> Path:
    """An empty folder for an index's bundle, in memory when there is room (/dev/shm): creating its thousands of
    small files on disk took Pagefind longer than indexing (2.4 s against 0.6 s at 5,000 pages), and most of them
    equal the previous build's, which the build state links instead. One per cache and index, emptied before
    each use."""
    try:
        roomy = memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > 512 * 2**20
    except OSError:
        roomy = False
    base = (memory / f"kiryx-{output_key(str(cache.resolve()))[:16]}-{name}" if roomy
            else cache / "search-bundle" / name)
    shutil.rmtree(base, ignore_errors=True)  # Pagefind adds to a folder: a previous run's files would stay
    return base


def _pages_folder(site: Path, output: Path, pages: dict[str, str]) -> Path:
    """A folder of links to one index's pages only, at their own paths (so their URLs are the same): Pagefind
    reads every page of the folder it is given, and needs not read the lists and tag pages.

    Kept in the cache and brought up to date by the pages' keys (recorded beside them): a page made from
    another key is linked again, a page no longer indexed is removed (making and removing thousands of
    folders on every build is slow). One folder per cache and index, not per output: a publish builds into a
    new release folder every time. Without its record (a first run, or one that stopped half-way) it starts
    empty.
    """
    record = site / ".kiryx-pages.json"
    try:
        linked = json.loads(record.read_text(encoding="utf-8"))
        record.unlink()  # rewritten once the folder matches it again
        if not isinstance(linked, dict):
            raise ValueError(record)  # damaged: made again
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
    """The search page's filters (the values Pagefind knows for type, category and year) and its indexes."""
    build = build_of(generator.settings)
    config = build.config
    years = sorted({a.date.year for a in generator.articles}, reverse=True)
    generator.context["search_filters"] = [
        ("type", "Είδος", [TYPES[key].singular for key in config.public_types] + [TYPES["pages"].singular]),
        ("category", "Κατηγορία", [c.name for c in config.categories]),
        ("year", "Έτος", [str(y) for y in years]),
    ]
    used = {index_of(item, athens(build.now).year) for item in indexed_items(build)}
    generator.context["search_indexes"] = [folder for name, folder in INDEXES.items() if name in used]


def register() -> None:
    signals.article_generator_finalized.connect(add_filters)
    signals.page_writer_finalized.connect(start_index)
