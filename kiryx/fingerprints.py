"""Fingerprints of what a page is made from: items, lists of items, plain values.

An item's fingerprint covers its source file's bytes, the files it publishes (images,
attachments), its URL and everything the plugins derived for it (last change, withdrawal,
replies, press kit, …); an item it links to counts by its own source, files and URL. In a
list (a card, a title) an item counts without its body, so a corrected paragraph re-renders
its page and the feeds, not every list it appears in (the incremental tests compare every
such rebuild with a cold build, byte for byte).
Values whose text would differ between processes (an object's address) never match, so they
are never wrongly reused.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .content.content_types import STATIC_FOLDERS

if TYPE_CHECKING:
    from .build import Build

# Attributes of a Pelican content object that are not its data (`metadata` only repeats its attributes:
# Pelican sets one for each key, `summary` as `_summary`, `url` and `save_as` as `override_*`).
_NOT_DATA = frozenset({"settings", "_context", "translations", "source_path", "relative_source_path", "metadata"})
_PUBLISHED = tuple(f"{folder}/" for folder in STATIC_FOLDERS)
_PLAIN = frozenset({int, float, bool, type(None), datetime, date})
# What only the item's own page shows (never a card in a list): its body, its press kit, its related items.
_PAGE_ONLY = frozenset({"_content", "press_kit", "related"})


def key(*parts: str) -> str:
    """A short hash of some fingerprints: the key of an output."""
    return _sha256("\0".join(parts))[:40]  # pragma: no mutate (any separator no part holds)


def _hash(text: str) -> str:
    return _sha256(text)[:32]  # pragma: no mutate (any length: 128 bits or more)


def _sha256(text: str) -> str:
    """The SHA-256 of a text; a name Python could not decode (lone surrogates, os.fsdecode) included."""
    codec = "utf-8"  # pragma: no mutate (its name in capitals: the same codec)
    return hashlib.sha256(text.encode(codec, "surrogatepass")).hexdigest()


class Fingerprints:
    """Fingerprints for one build, each computed once."""

    def __init__(self, build: Build):
        self.build = build
        self.full: dict[tuple[int, bool], str] = {}
        self.lists: dict[int, str] = {}
        self.shallow: dict[int, str] = {}
        self.links: dict[int, list[tuple[str, list[Content]]]] = {}  # an item's links to others, by field
        self.keep: list[Any] = []  # the objects memoized by id stay alive for the build

    def of(self, value: Any, body: bool = True) -> str:
        """The fingerprint of a value; Content inside lists and dicts counts without its body."""
        kind = type(value)
        if kind is str:
            if value.startswith(_PUBLISHED):  # a published file: its content counts
                return f"{value!r}#{self.build.hashes.digest(value)}"
            return repr(value)
        if kind in _PLAIN:
            return repr(value)
        if isinstance(value, Content):
            return self.content(value, body)
        if isinstance(value, URLWrapper):
            return f"{type(value).__name__}:{value.name}:{value.slug}"
        if isinstance(value, (str, int, float, bool, datetime, date, Markup)):
            return repr(value)
        if isinstance(value, (list, tuple, dict)):  # each container once per build (kept alive: ids stay unique)
            known = self.lists.get(id(value))  # pragma: no mutate (a memo: without it, the same text again)
            if known is None:
                if isinstance(value, dict):
                    parts = [f"{self.of(k, False)}:{self.of(v, False)}" for k, v in value.items()]
                else:  # a sequence: its members in order (a dict's text has ':' in every part)
                    parts = ["[", *(self.of(v, False) for v in value)]
                text = ",".join(parts)  # pragma: no mutate (any separator)
                known = self.lists[id(value)] = _hash(text)  # pragma: no mutate (the memo's key)
                self.keep.append(value)
            return known
        if isinstance(value, (set, frozenset)):
            members = sorted(self.of(v, False) for v in value)
            return _hash(",".join(members))  # pragma: no mutate (any separator)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):  # the config's parts: once per build
            known = self.lists.get(id(value))  # pragma: no mutate (a memo: without it, the same text again)
            if known is None:
                fields = [getattr(value, f.name) for f in dataclasses.fields(value)]
                known = f"{type(value).__name__}{self.of(fields)}"
                self.lists[id(value)] = known  # pragma: no mutate (the memo)
                self.keep.append(value)
            return known
        if callable(value):
            # pragma below: no mutate (a callable without a name, as a partial: any text the same in every process)
            return f"<{getattr(value, '__qualname__', type(value).__name__)}>"  # pragma: no mutate
        text = repr(value)
        return f"<volatile {id(value)}>" if " at 0x" in text else text

    def _own(self, item: Content) -> str:
        """An item without its body or its links to other items: its fields, URL and files."""
        key = id(item)
        known = self.shallow.get(key)  # pragma: no mutate (a memo: without it, the same text again)
        if known is None:
            rel = getattr(item, "source_rel", "")
            found = self.build.catalogue.by_path.get(rel)
            files = sorted(found.files if found else [])
            parts = [rel, item.url, *(f"{f}={self.build.hashes.digest(f)}" for f in files)]
            links = self.links[key] = []
            for name, value in sorted(vars(item).items()):
                if name in _NOT_DATA:
                    continue
                kind = type(value)  # pragma: no mutate (none: `of` below gives the same text, slower)
                if kind in _PLAIN or kind is str and not value.startswith(_PUBLISHED):  # most fields: as `of` does
                    if name not in _PAGE_ONLY:
                        parts.append(f"{name}={value!r}")
                elif _links(value):
                    links.append((name, value if isinstance(value, list) else [value]))
                elif name not in _PAGE_ONLY:
                    parts.append(f"{name}={self.of(value)}")
            known = self.shallow[key] = _hash("\0".join(parts))  # pragma: no mutate (any separator)
            self.keep.append(item)
        return known

    def content(self, item: Content, body: bool = True) -> str:
        """An item with the items it links to (by their own fields) and, unless in a list, its body."""
        key = (id(item), body)
        known = self.full.get(key)  # pragma: no mutate (a memo: without it, the same text again)
        if known is None:
            parts = [self._own(item)]
            if body:
                parts += [_hash(item._content or ""), self.of(getattr(item, "press_kit", None))]
            for name, others in self.links[id(item)]:
                if body or name not in _PAGE_ONLY:
                    joined = ",".join(self._own(o) for o in others)  # pragma: no mutate (any separator)
                    parts.append(f"{name}=[{joined}]")
            known = self.full[key] = _hash("\0".join(parts))  # pragma: no mutate (any separator)
        return known


def _links(value: Any) -> bool:
    """Is this attribute a link to another item, or a list of such links?"""
    return isinstance(value, Content) or (isinstance(value, list) and bool(value)
                                          and all(isinstance(v, Content) for v in value))
