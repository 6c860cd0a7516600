"""The cache of published images: photos' renditions, social cards, leaflets' covers, press-kit ZIPs.

Every image file that leaves the site goes through here (kiryx.images.renditions). Each entry is
keyed by the content it is made from and by its recipe (kiryx.images.recipe): a photo's files
live in `<cache>/images/<sha256>/`, and a file whose bytes are unchanged is never decoded
again. Work that is missing is done on every core at once (`prepare`); missing social cards are
drawn in child processes while the build goes on (`prepare_cards`), and awaited in `write`. An
entry that no build has asked for in a month (a replaced photo, an edited title's card, an old
press-kit ZIP) is removed, so the cache does not grow with every edit for years.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hashlib import sha256
from pathlib import Path

from ..content.media import is_image
from ..filehash import FileHashes
from ..forked import Background, map_forked
from . import cards, covers, renditions
from .renditions import Rendition, render

# Below this many missing images or cards, starting worker processes costs more than it saves.
POOL_FROM = 8
UNUSED_FOR = timedelta(days=30)
"""A cache entry no build needs any more (a replaced photo, the card of an edited title, the press kit's previous
ZIP) is removed once it is this old: a pull request's preview, built from the same cache, may want it meanwhile."""
_KEY = re.compile(r"^[0-9a-f]{64}(\.\d+\.tmp)?$")  # a photo's folder (kiryx.images.renditions.key), or one half-made
_FILE = re.compile(r"^[0-9a-f]{24,64}\.(jpg|zip)(\.\d+\.tmp)?$|^[0-9a-f]{24,64}\.(partial|\d+\.tmp)$")
"""A card, a ZIP, a PDF's cover, or one half-made (kiryx.atomic.scratch; `.partial` or `.<pid>.tmp` before it)."""


@dataclass
class ImageSet:
    """One source image as published: its stripped original and its renditions."""

    url: str
    width: int
    height: int
    size: int
    mime: str
    renditions: list[Rendition] = field(default_factory=list)

    def of(self, mime: str) -> list[Rendition]:
        return [r for r in self.renditions if r.mime == mime]

    @property
    def fallback(self) -> Rendition:
        jpegs = self.of("image/jpeg")
        return jpegs[-1] if jpegs else Rendition(self.url, self.width, self.height, self.mime)


def _render_job(job: tuple[Path, Path, str]) -> None:
    render(*job)


def _card_job(job: tuple[str, str | None, Path, str, str, Path]) -> None:
    title, image, logo, brand, town, target = job
    cards.draw(title, Path(image) if image else None, logo, brand, town, target)


class ImageStore:
    """Renders on demand (or ahead, in parallel), remembers what the output needs, writes it at the end."""

    def __init__(self, content: Path, cache: Path, hashes: FileHashes):
        self.content, self.cache, self.hashes = content, cache / "images", hashes
        self.cache.mkdir(parents=True, exist_ok=True)
        self.sets: dict[str, ImageSet] = {}
        self.outputs: dict[str, Path] = {}
        self.made: set[Path] = set()
        self.seen: set[Path] = set()
        """Every cache entry (image folder, card, cover, ZIP) this build asked for: all it made or reused."""
        self.entries: dict[str, dict] = {}
        """The cache entries `prepare` found whole, by key: `get` takes them from here, not reading them again."""
        self.covers: dict[str, tuple[Path, str]] = {}
        """Images made from a PDF's first page: published path → (cached source, its key)."""
        self.drawing = Background(fork_from=POOL_FROM)
        """The social cards being drawn, in child processes while the build goes on."""
        self.cards: dict[tuple[str, str | None, str, str, str], str] = {}
        """The published path of each card asked for: (title, image, logo, brand, town) → media/og/…"""

    def digest(self, rel: str) -> str:
        return self.covers[rel][1] if rel in self.covers else self.hashes.digest(rel)

    def source(self, rel: str) -> Path:
        return self.covers[rel][0] if rel in self.covers else self.content / rel

    def cover(self, pdf_rel: str) -> str | None:
        """The first page of content/`pdf_rel` as an image to publish (drawn once per PDF content), by its
        published path; None when the PDF cannot be drawn. Published by this build from now on, with its
        renditions, whether or not a page showing it is rendered again (`get`)."""
        key = sha256(f"{covers.recipe_digest()}:{self.hashes.digest(pdf_rel)}".encode()).hexdigest()
        rel = f"media/covers/{key[:16]}.jpg"
        source = self.cache / "covers" / f"{key}.jpg"
        if not source.is_file() and not covers.first_page(self.content / pdf_rel, source):
            return None
        self.seen.add(source)
        self.covers[rel] = (source, sha256(f"cover:{key}".encode()).hexdigest())
        self.get(rel)
        return rel

    def prepare(self, rels: Iterable[str]) -> None:
        """Render every image not in the cache yet, on all cores."""
        jobs = {}
        for rel in rels:
            digest = self.digest(rel)
            if not digest:  # no such file: check says so
                continue
            key = renditions.key(digest)
            self.seen.add(self.cache / key)
            if (found := _entry(self.cache / key)) is None:
                jobs[key] = (self.source(rel), self.cache / key, key)
            else:
                self.entries[key] = found
        self.made |= {self.cache / key for key in jobs}
        map_forked(_render_job, list(jobs.values()), workers=None if len(jobs) >= POOL_FROM else 1)

    def get(self, rel: str) -> ImageSet:
        """The published form of content/`rel` (rendered once per distinct content)."""
        if rel in self.sets:
            return self.sets[rel]
        key = renditions.key(self.digest(rel))
        folder = self.cache / key
        self.seen.add(folder)
        data = self.entries.get(key) or _entry(folder)
        if data is None:
            self.made.add(folder)
            data = render(self.source(rel), folder, key)
        image = ImageSet(url=rel, **{k: data[k] for k in ("width", "height", "size", "mime")},
                         renditions=[Rendition(**r) for r in data["renditions"]])
        self.outputs[rel] = folder / data["original"]
        for r in image.renditions:
            self.outputs[r.url] = folder / Path(r.url).name
        self.sets[rel] = image
        return image

    def published(self, rel: str) -> ImageSet:
        """The published form of content/`rel`, which this build must already publish: what templates show. Pages
        are reused when unchanged, so an image that only rendering a page registered would be missing from the
        next build (a leaflet's cover was, until it was registered when made)."""
        if rel not in self.sets:
            raise LookupError(f"{rel}: shown by a template, but not published by this build; register it when its "
                              "item is read (a fault of Kiryx or its theme)")
        return self.sets[rel]

    def card_path(self, title: str, image: str | None, logo: str, brand: str, town: str) -> Path:
        """Where the social card of an item is cached: keyed by everything drawn on it, and how."""
        if image:
            key = sha256(f"og:{cards.RECIPE}:{self.digest(image)}".encode()).hexdigest()
        else:
            parts = [title, self.digest(logo), cards.font_digest(), brand, town, cards.RECIPE]
            key = sha256("\0".join(parts).encode()).hexdigest()
        return self.cache / "og" / f"{key[:24]}.jpg"

    def prepare_cards(self, jobs: Iterable[tuple[str, str | None]], logo: str, brand: str, town: str) -> dict:
        """Start drawing the missing social cards of (title, main image) pairs, on all cores while the build goes on
        (`write` waits for them); returns their output paths."""
        paths, missing = {}, {}
        for title, image in jobs:
            drawn = (title, image, logo, brand, town)
            if drawn in self.cards:
                paths[(title, image)] = self.cards[drawn]
                continue
            target = self.card_path(title, image, logo, brand, town)
            paths[(title, image)] = self.cards[drawn] = f"media/og/{target.name}"
            self.outputs[f"media/og/{target.name}"] = target
            self.seen.add(target)
            if target not in self.made and target not in missing and not target.is_file():
                source = str(self.cached_original(image)) if image else None
                missing[target] = (title, source, self.content / logo, brand, town, target)
        self.made |= set(missing)
        (self.cache / "og").mkdir(parents=True, exist_ok=True)
        self.drawing.start(_card_job, list(missing.values()))
        return paths

    def cached_original(self, rel: str) -> Path:
        self.get(rel)
        return self.outputs[rel]

    def register(self, out_rel: str, cached: Path) -> None:
        """Another file to publish from the cache (e.g. a press-kit ZIP)."""
        self.outputs[out_rel] = cached
        self.seen.add(cached)

    def write(self, place: Callable[[Path, str], None], now: datetime) -> dict[str, int]:
        """Place every needed file in the output (`place(source, output path)`), save the index, and remove what no
        build has needed for UNUSED_FOR (at the run's moment `now`)."""
        self.drawing.wait()
        for rel, cached in sorted(self.outputs.items()):
            place(cached, rel)
        self.hashes.save()
        stats = {"rendered": len(self.made), "cached": len(self.seen - self.made), "files": len(self.outputs),
                 "removed": self._prune(now.timestamp() - UNUSED_FOR.total_seconds())}
        (self.cache / "last-build.json").write_text(json.dumps(stats))
        return stats

    def _prune(self, made_before: float) -> int:
        """Remove the entries this build did not use that were made before `made_before` (a timestamp)."""
        removed = 0
        places = [(self.cache, _KEY), *((self.cache / sub, _FILE) for sub in ("og", "zips", "covers"))]
        for folder, entry_name in places:
            with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
                for entry in entries:
                    path = Path(entry.path)
                    if not entry_name.match(entry.name) or path in self.seen:
                        continue
                    with contextlib.suppress(OSError):  # another run may be removing it too
                        if entry.stat(follow_symlinks=False).st_mtime < made_before:
                            shutil.rmtree(path) if entry.is_dir(follow_symlinks=False) else path.unlink()
                            removed += 1
        return removed


def _entry(folder: Path) -> dict | None:
    """A photo's cache entry as its meta.json records it; None when there is none, or when it is damaged (empty or
    cut short by a power cut, edited by hand): then it is removed, to be made again."""
    try:
        data = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if (isinstance(data, dict) and {"original", "width", "height", "size", "mime", "renditions"} <= data.keys()
                and isinstance(data["renditions"], list) and data["renditions"]
                and all(isinstance(r, dict) and {"url", "width", "height", "mime"} <= r.keys()
                        for r in data["renditions"])):
            return data
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    return None


def local_image(src: str, content: Path) -> str | None:
    """The content path of a body's local image reference ('/media/…'), else None."""
    if "://" in src or src.startswith("//"):
        return None
    rel = src.lstrip("/")
    return rel if is_image(rel) and (content / rel).is_file() else None
