"""What a page's key sees of the items and values it shows (kiryx.fingerprints): every change that shows, none that
does not. The incremental tests compare whole rebuilds with cold builds; these name each rule on its own."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from markupsafe import Markup
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from kiryx.content.catalogue import Catalogue
from kiryx.filehash import FileHashes
from kiryx.fingerprints import Fingerprints, key
from kiryx.site import ROOT, check, load_settings
from tests.conftest import write

RELEASE = """
---
title: Νέα παιδική χαρά
date: 2026-05-04 10:00
summary: Στο πάρκο Αγίου Ιωάννη.
category: perivallon
image: media/2026/paidiki-chara.jpg
image_alt: Η νέα παιδική χαρά
---
Κείμενο.
"""


class Run:
    """One build's fingerprints over a content folder: its checked catalogue and its file hashes."""

    def __init__(self, content: Path, catalogue: Catalogue | None = None):
        self.catalogue = catalogue or Catalogue(root=content)
        self.hashes = FileHashes(content, None)
        self.prints = Fingerprints(SimpleNamespace(catalogue=self.catalogue, hashes=self.hashes))  # type: ignore[arg-type]


def item(body: str = "<p>Κείμενο.</p>", **fields: Any) -> Article:
    """A Pelican item as the readers and plugins leave it: each field an attribute."""
    settings = dict(DEFAULT_CONFIG)
    metadata = {"title": "Νέα παιδική χαρά", "date": datetime(2026, 5, 4, 10, 0), "slug": "nea-paidiki-chara",
                "source_rel": "press-releases/2026/nea-paidiki-chara.md", **fields}
    return Article(body, metadata=metadata, settings=settings, source_path="nea-paidiki-chara.md")


@pytest.fixture
def run(tmp_path: Path) -> Run:
    return Run(tmp_path)


def test_a_body_counts_on_the_item_page_not_in_lists(run: Run) -> None:
    one, other = item(), item("<p>Διορθωμένο κείμενο.</p>")
    assert run.prints.of(one) != run.prints.of(other)
    assert run.prints.of([one]) == run.prints.of([other])  # a list shows the item without its body
    assert run.prints.of({one: 1}) == run.prints.of({other: 1}) and run.prints.of({one}) == run.prints.of({other})
    assert run.prints.of(one, body=False) == run.prints.of(other, body=False)
    assert run.prints.content(one) != run.prints.content(other)  # as feeds and calendars ask: with the body


@pytest.mark.parametrize("field, value", [("title", "Δύο νέες παιδικές χαρές"), ("date", datetime(2026, 5, 5, 10)),
                                          ("summary", "Άλλη περίληψη"), ("tags", [Tag("Πράσινο", DEFAULT_CONFIG)])])
def test_a_field_counts_everywhere(run: Run, field: str, value: Any) -> None:
    base = item(summary="Περίληψη", tags=[Tag("Παιδιά", DEFAULT_CONFIG)])
    changed = item(**{"summary": "Περίληψη", "tags": [Tag("Παιδιά", DEFAULT_CONFIG)], field: value})
    assert run.prints.of(base) != run.prints.of(changed)
    assert run.prints.of([base]) != run.prints.of([changed])


@pytest.mark.parametrize("field, one, other", [("press_kit", {"photos": 1}, {"photos": 2}),
                                               ("related", [item(title="Α")], [item(title="Β")])])
def test_the_press_kit_and_related_items_count_on_the_page_only(run: Run, field: str, one: Any, other: Any) -> None:
    first, second = item(**{field: one}), item(**{field: other})
    assert run.prints.of(first) != run.prints.of(second)
    assert run.prints.of([first]) == run.prints.of([second])


def test_a_linked_item_counts_by_its_own_fields_not_its_body(run: Run) -> None:
    original, edited, retitled = item(), item("<p>Άλλο κείμενο.</p>"), item(title="Άλλος τίτλος")
    replies = [item(reply_to=target) for target in (original, edited, retitled)]
    prints = [run.prints.of(reply) for reply in replies]
    assert prints[0] == prints[1] != prints[2]


def test_a_published_file_counts_by_its_bytes(tmp_path: Path) -> None:
    photo = tmp_path / "media/2026/photo.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"one")
    before = Run(tmp_path).prints.of(item(image="media/2026/photo.jpg"))
    assert Run(tmp_path).prints.of(item(image="media/2026/photo.jpg")) == before
    photo.write_bytes(b"two")  # the same size, a later time: another photo under the same name
    os.utime(photo, ns=(photo.stat().st_mtime_ns + 10**9,) * 2)
    assert Run(tmp_path).prints.of(item(image="media/2026/photo.jpg")) != before
    assert Run(tmp_path).prints.of("media/2026/photo.jpg") != Run(tmp_path).prints.of("media/2026/other.jpg")
    assert Run(tmp_path).prints.of("plain text") == "'plain text'"
    before = Run(tmp_path).prints.of(Part("media/2026/photo.jpg", 1))  # a file in a part of the settings
    photo.write_bytes(b"three")
    assert Run(tmp_path).prints.of(Part("media/2026/photo.jpg", 1)) != before


def test_the_files_an_item_publishes_count_though_no_field_names_them(content_dir: Path, tmp_path: Path) -> None:
    """Body images are in the catalogue's item (its `files`), not in a Pelican attribute."""
    photo = content_dir / "media/2026/paidiki-chara.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes((ROOT / "content/media").rglob("*.jpg").__next__().read_bytes())
    write(content_dir, "press-releases/2026/nea-paidiki-chara.md", RELEASE)
    catalogue = check(load_settings(ROOT / "pelicanconf.py", PATH=content_dir, CACHE_PATH=tmp_path / "cache"))
    assert not catalogue.errors
    before = Run(content_dir, catalogue).prints.of(item())
    photo.write_bytes(photo.read_bytes() + b"\0")
    assert Run(content_dir, catalogue).prints.of(item()) != before
    assert Run(content_dir).prints.of(item()) != before  # not in the catalogue: no files counted


def test_what_is_not_the_items_data_does_not_count(run: Run) -> None:
    one, other = item(), item()
    other.settings = {**other.settings, "SITENAME": "Άλλος"}  # the settings: in every key's salt, not per item
    other._context = {"articles": []}
    assert run.prints.of(one) == run.prints.of(other)


@dataclass
class Part:
    name: str
    size: int


@dataclass
class Piece:
    name: str
    size: int


def named() -> None:
    """A function in the context (a template filter): the same in every process."""


def test_values(run: Run) -> None:
    of = run.prints.of
    assert of({"b", "a"}) == of({"a", "b"}) != of({"a"}) != of({"b"})
    assert of([1, 2]) != of([2, 1]) and of((1, 2)) == of([1, 2])
    assert of({"a": 1}) != of({"a": 2}) != of({"b": 2})
    assert of(Part("a", 1)) != of(Part("a", 2)) and of(Part("a", 1)) == of(Part("a", 1)) != of(Piece("a", 1))
    assert of(Markup("<b>α</b>")) != of(Markup("<b>β</b>"))
    assert of(Category("Περιβάλλον", DEFAULT_CONFIG)) != of(Category("Πολιτισμός", DEFAULT_CONFIG))
    assert of(Tag("Πράσινο", DEFAULT_CONFIG)) != of(Category("Πράσινο", DEFAULT_CONFIG))
    assert of(len) == of(len) != of(sorted)
    assert of(named) == "<named>"  # not its address
    assert of(Path("a")) == of(Path("a")) != of(Path("b"))  # another object, the same text: the same value
    assert of(1) != of(True) != of(None) and of(1.0) != of("1.0")


def test_a_value_that_differs_between_processes_never_matches(run: Run) -> None:
    class Opaque:
        pass
    first, second = Opaque(), Opaque()
    assert run.prints.of(first) != run.prints.of(second)
    assert "at 0x" not in run.prints.of(first)


def test_what_is_remembered_lives_as_long_as_the_build(run: Run) -> None:
    """Containers and items are memoized by id, so each is kept alive for the build: a new one at a freed one's
    address is another."""
    assert len({run.prints.of([n, n]) for n in range(50)}) == 50
    assert len({run.prints.of(item(title=f"Τίτλος {n}")) for n in range(50)}) == 50
    assert len({run.prints.of(item(title=f"Τίτλος {n}"), body=False) for n in range(50)}) == 50
    assert len({run.prints.of(Part("a", n)) for n in range(50)}) == 50


def test_an_item_of_no_content_file_counts_by_its_fields(run: Run) -> None:
    """Pages that plugins make (no `source_rel`)."""
    first, second = item(), item(title="Άλλος")
    del first.source_rel, second.source_rel
    assert run.prints.of(first) != run.prints.of(second)


def test_keys_join_their_parts_unambiguously() -> None:
    assert key("ab", "c") != key("a", "bc") and key("a") == key("a")
    assert len(key("a")) == 40


def test_a_name_python_could_not_decode_has_a_key(run: Run) -> None:
    """A file name of bytes that are not UTF-8 reaches Python as lone surrogates (os.fsdecode)."""
    odd = os.fsdecode(b"media/2026/caf\xe9.jpg")
    assert key(odd) != key("media/2026/caf.jpg")
    assert run.prints.of([odd]) != run.prints.of(["media/2026/caf.jpg"])
