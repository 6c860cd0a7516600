"""Greek full-text search: Pagefind indexes the item and static pages in every build.

Only pages that carry `data-pagefind-body` are indexed (public items that are not withdrawn,
and static pages; never lists, tags or archives): Pagefind leaves out every other page once one
page has it. Pagefind 1.6 stems Greek and folds accents and case (`el`); its bundle is
deterministic. The pages are split between indexes that the search page searches as one
(Pagefind's `mergeIndex`): the recent one (items of this year and the last, and the static
pages), then one for each older year. A new item or an edit re-indexes the index of its year
only, and an index none of whose pages changed is reused as it is; at most two Pagefind runs at
once. The binary is the one `publish.py setup` fetched; without it the search page says search is
not available.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
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

RECENT = "recent"
"""The index of the items of this year and the last, and of the static pages: Pagefind's primary, searched first."""
PRIMARY = "pagefind"
"""The folder of Pagefind's primary index."""
PARALLEL = 2
"""Pagefind runs at once (each on several threads): more would only share the cores and add up their memory."""


def folders(indexes: list[str]) -> dict[str, str]:
    """Each index's folder, in the order the search page searches them (`in_order`): the first, Pagefind's primary,
    whole (its scripts and WebAssembly serve every index) at /pagefind/, the address whose scripts the web server
    lets compile WebAssembly; that is the recent index unless nothing is recent (no static page, no item of this
    year or the last). The others keep only their data, each year's at /pagefind-<year>/."""
    return {name: PRIMARY if n == 0 else f"pagefind-{name}" for n, name in enumerate(indexes)}


def index_of(item: Item, year: int) -> str:
    """The index an item's page goes in, in the build's `year`: items of that year and the last, and static pages,
    in the recent one; an older item in its year's, which new items and edits of other years leave as it is."""
    date = item.values.get("date") if item.type.key != "pages" else None  # an Athens moment: its year is its URL's
    return str(date.year) if date and date.year < year - 1 else RECENT


def in_order(indexes: set[str]) -> list[str]:
    """Indexes as the search page searches them: the recent one, then the years, newest first."""
    return sorted(indexes, key=lambda index: (index != RECENT, -int(index) if index != RECENT else 0))


def indexed_items(build: Build) -> list[Item]:
    """The items whose pages are indexed: the listed ones of the public types, and the static pages."""
    return [item for item in build.catalogue.items if item.is_listed(build.now) and
            (item.type.key == "pages" or item.type.key in build.config.public_types)]


def indexed_pages(build: Build) -> dict[str, dict[str, str]]:
    """For each index (in order), the output pages it covers, as written so far, with the keys they were made from."""
    year, items = athens(build.now).year, indexed_items(build)
    pages: dict[str, dict[str, str]] = {name: {} for name in in_order({index_of(i, year) for i in items})}
    written = build.state.new
    for item in sorted(items, key=lambda i: i.url):
        rel = f"{item.url}index.html"
        if rel in written:
            pages[index_of(item, year)][rel] = written[rel]
    return pages


class Indexing:
    """One Pagefind run over one index's pages, prepared once they are all written (after the pages generator), run
    in the background (`Search`) and recorded when the build finishes: the feeds, calendars, sitemaps and images
    are made meanwhile."""

    def __init__(self, build: Build, output: Path, cache: Path, name: str, folder: str, pages: dict[str, str]):
        self.build, self.output, self.cache, self.name, self.pages = build, output, cache, name, pages
        self.folder = folder
        self.key = output_key(folder, *(f"{rel}={key}" for rel, key in self.pages.items()))  # whole or data only
        self.process: subprocess.Popen[str] | None = None
        self.started, self.seconds, self.peak, self.errors = 0.0, 0.0, 0, ""
        binary = pagefind_binary(build)
        self.needed = bool(pages) and binary is not None and not build.state.reuse_tree(folder, self.key)
        if binary is not None and self.needed:
            self.site = _pages_folder(cache / f"search-pages-{name}", output, self.pages)
            self.bundle = scratch_folder(cache, name)
            self.command = [str(binary / "pagefind_extended"), "--site", str(self.site), "--output-path",
                            str(self.bundle), "--force-language", "el", "--silent"]

    def start(self) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def finish(self) -> None:
        """Wait for Pagefind to end (in a thread of its own: `Search`)."""
        assert self.process is not None, "only a started run ends"
        self.errors = self.process.stderr.read() if self.process.stderr else ""
        _, status, usage = os.wait4(self.process.pid, 0)  # its own peak memory, for the log
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.seconds, self.peak = time.perf_counter() - self.started, usage.ru_maxrss // 1024

    def record(self, pages: dict[str, str]) -> Indexing:
        """Record the bundle of a run that ended; index again if its `pages` (as written now) changed meanwhile.
        Returns the run that made the bundle."""
        try:
            if self.process is None or self.process.returncode:
                raise RuntimeError(f"Pagefind failed: {self.errors.strip()[-500:]}")
            if pages != self.pages:  # a page written late: not in this index
                again = Indexing(self.build, self.output, self.cache, self.name, self.folder, pages)
                if not again.needed:  # as the previous build made it: reused
                    return again
                again.start()
                again.finish()
                return again.record(pages)
            if self.folder != PRIMARY:
                _data_only(self.bundle)
            self.build.state.made_tree(self.folder, self.key, self.bundle)
        finally:
            shutil.rmtree(self.bundle, ignore_errors=True)
        return self


def _data_only(bundle: Path) -> None:
    """Keep of a bundle the search page merges into the primary one only its data (entry, meta, index, filter and
    fragment files): the scripts, styles and WebAssembly it uses are the primary's (half a megabyte a year)."""
    for path in bundle.iterdir():
        if path.is_file() and path.name != "pagefind-entry.json" and path.suffix != ".pf_meta":
            path.unlink()


def pagefind_binary(build: Build) -> Path | None:
    """The folder of the Pagefind that `publish.py setup` fetched, if it did."""
    return vendor.location(vendor.folder(build.config.state_dir), vendor.pagefind())  # type: ignore[arg-type]


class Search:
    """Every index of a build: run in the background, PARALLEL at a time, newest first; awaited together, stopped
    together if the build fails, reported in one line.

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
            indexed = indexed_pages(build)
            self.runs = [Indexing(build, output, cache, name, folder, indexed[name])
                         for name, folder in folders(list(indexed)).items()]
            _forget_others(cache, {run.name for run in self.runs})
        except BaseException:
            self.lock.close()
            raise
        self.started = [run for run in self.runs if run.needed]
        self.guard, self.stopped = threading.Lock(), False
        self.pool = ThreadPoolExecutor(PARALLEL, thread_name_prefix="pagefind")
        self.ends = [self.pool.submit(self._index, run) for run in self.started]
        if self.started:
            build.on_failure.append(self.stop)  # a build that fails meanwhile leaves no indexer running
        else:  # every index reused: the folders are the other builds' again at once
            self.lock.close()
        if not any(run.pages for run in self.runs):
            print("search: nothing to index", file=sys.stderr)
        elif pagefind_binary(build) is None:
            print("search: not indexed (run publish.py setup once to fetch Pagefind)", file=sys.stderr)

    def _index(self, run: Indexing) -> None:
        with self.guard:
            if self.stopped:
                return
            run.start()
        run.finish()

    def stop(self) -> None:
        """Stop Pagefind (the build failed): no run goes on or starts, nor writes its bundle into a discarded
        folder."""
        with self.guard:
            self.stopped = True
            for run in self.started:
                if run.process is not None and run.process.returncode is None:
                    run.process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        for run in self.started:
            shutil.rmtree(run.bundle, ignore_errors=True)
        self.lock.close()

    def wait(self) -> None:
        """Record every index made (if one failed, the build's failure stops the others, then releases the
        lock)."""
        waiting = time.perf_counter()
        if not self.started:
            return
        pages = indexed_pages(self.build)  # every page is written by now
        done = []
        for run, end in zip(self.started, self.ends, strict=True):
            end.result()
            done.append(run.record(pages[run.name]))
        self.pool.shutdown()
        self.build.on_failure.remove(self.stop)
        self.lock.close()
        awaited = time.perf_counter() - waiting
        size = sum(p.stat().st_size for run in self.runs if (self.output / run.folder).is_dir()
                   for p in (self.output / run.folder).rglob("*") if p.is_file())
        anew = ", ".join(f"{run.name} ({len(run.pages)} page{'s' if len(run.pages) != 1 else ''})" for run in done)
        print(f"search: {sum(len(run.pages) for run in self.runs)} pages; indexed anew: {anew} in "
              f"{max(run.seconds for run in done):.1f} s, {awaited:.1f} s of it awaited "
              f"(Pagefind peak {max(run.peak for run in done)} MB; bundle {size / 1e6:.1f} MB)")


def _forget_others(cache: Path, indexes: set[str]) -> None:
    """Remove the cache's folders of links for indexes this build does not have (a year whose items all went)."""
    for folder in cache.glob("search-pages-*"):
        if folder.name.removeprefix("search-pages-") not in indexes:
            shutil.rmtree(folder, ignore_errors=True)


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
    generator.context["search_indexes"] = list(folders(in_order(used)).values())


def register() -> None:
    signals.article_generator_finalized.connect(add_filters)
    signals.page_writer_finalized.connect(start_index)
