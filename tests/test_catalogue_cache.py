"""The per-file cache: unchanged files are not parsed again, and nothing stale survives."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from kiryx.cache_retention import KEEP
from kiryx.lasting import frozen, lasting
from kiryx.site import ROOT, check, load_settings
from pelicanconf import KIRYX
from tests.conftest import write
from tests.pdfs import text_pdf

RELEASE = """
---
title: Πρόγραμμα δράσεων
date: 2026-05-04 10:00
summary: Το πρόγραμμα της εβδομάδας.
category: politismos
attachments:
  - file: files/programma.pdf
    title: Πρόγραμμα
---
Κείμενο.
"""


@pytest.fixture
def content_dir(content_dir: Path) -> Path:
    """Only the items each test writes (its counts of files read and cached are of them): no pages."""
    shutil.rmtree(content_dir / "pages")
    return content_dir


def settings_for(content: Path, tmp_path: Path) -> dict:
    return load_settings(ROOT / "pelicanconf.py", PATH=content, CACHE_PATH=tmp_path / "cache")


def test_unchanged_files_come_from_the_cache(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "files").mkdir()
    (content_dir / "files/programma.pdf").write_bytes(text_pdf())
    for n in range(3):
        write(content_dir, f"press-releases/2026/p{n}.md", RELEASE.replace("Πρόγραμμα δράσεων", f"Πρόγραμμα {n}"))
    settings = settings_for(content_dir, tmp_path)
    assert check(settings).cache_hits == 0
    write(content_dir, "press-releases/2026/p0.md", RELEASE.replace("Κείμενο.", "Νέο κείμενο."))
    again = check(settings)
    assert again.cache_hits == 2
    assert "Νέο κείμενο" in again.html["press-releases/2026/p0.md"]


def test_only_the_last_few_generations_of_the_cache_are_kept(content_dir: Path, tmp_path: Path) -> None:
    write(content_dir, "press-releases/2026/p.md", RELEASE.replace("files/programma.pdf", "https://alimos.gr/p.pdf"))
    cache = tmp_path / "cache"
    for n in range(5):  # Kiryx upgraded, or the settings changed, five times: 18 MB each at 5,000 items
        old = cache / f"catalogue-{n:016d}"
        old.mkdir(parents=True)
        (old / "pages.pickle").write_bytes(b"old")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    assert check(settings_for(content_dir, tmp_path)).cache_hits == 0
    kept = {p.name for p in cache.glob("catalogue-*")}
    assert len(kept) == KEEP and {"catalogue-0000000000000003", "catalogue-0000000000000004"} < kept
    assert check(settings_for(content_dir, tmp_path)).cache_hits == 1  # the current one was kept


def test_a_deleted_attachment_is_reported_even_for_cached_files(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "files").mkdir()
    (content_dir / "files/programma.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/p.md", RELEASE)
    settings = settings_for(content_dir, tmp_path)
    assert check(settings).errors == []
    (content_dir / "files/programma.pdf").unlink()
    errors = check(settings).errors
    assert [str(e) for e in errors] == [
        "press-releases/2026/p.md:7: attachments[0].file: 'files/programma.pdf' does not exist in the content folder"]


def test_a_hint_naming_a_file_goes_with_that_file(content_dir: Path, tmp_path: Path) -> None:
    """A wrong-case name gets a hint naming the real file; once that file is gone, so is the hint (not cached)."""
    (content_dir / "files").mkdir()
    (content_dir / "files/programma.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/p.md", RELEASE.replace("files/programma.pdf", "files/Programma.PDF"))
    settings = settings_for(content_dir, tmp_path)
    assert [str(e) for e in check(settings).errors] == [
        "press-releases/2026/p.md:7: attachments[0].file: 'files/Programma.PDF' does not exist in the content "
        "folder; did you mean 'files/programma.pdf'?"]
    (content_dir / "files/programma.pdf").unlink()
    assert [str(e) for e in check(settings).errors] == [
        "press-releases/2026/p.md:7: attachments[0].file: 'files/Programma.PDF' does not exist in the content folder"]


def test_a_settings_change_invalidates_the_cache(content_dir: Path, tmp_path: Path) -> None:
    write(content_dir, "press-releases/2026/p.md", RELEASE.replace("attachments:\n  - file: files/programma.pdf\n    title: Πρόγραμμα\n", ""))
    assert check(settings_for(content_dir, tmp_path)).errors == []
    renamed = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, CACHE_PATH=tmp_path / "cache",
                            KIRYX={**KIRYX, "categories": [{"slug": "allo", "name": "Άλλο"}]})
    result = check(renamed)
    assert result.cache_hits == 0
    assert [e.field for e in result.errors] == ["category"]


def test_a_new_photo_elsewhere_keeps_every_cached_result(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "files").mkdir()
    (content_dir / "files/programma.pdf").write_bytes(text_pdf())
    for n in range(3):
        write(content_dir, f"press-releases/2026/p{n}.md", RELEASE.replace("Πρόγραμμα δράσεων", f"Πρόγραμμα {n}"))
    settings = settings_for(content_dir, tmp_path)
    check(settings)
    (content_dir / "media").mkdir()
    (content_dir / "media/nea.jpg").write_bytes(b"not looked at by any item")
    assert check(settings).cache_hits == 3


def test_an_image_replaced_by_one_of_the_same_size_is_checked_again(content_dir: Path, tmp_path: Path) -> None:
    from tests.test_images import photo
    from tests.test_media import mislabelled
    photo(content_dir / "media/2026/akti.jpg", size=(400, 300))
    write(content_dir, "press-releases/2026/p.md", RELEASE.replace(
        "attachments:\n  - file: files/programma.pdf\n    title: Πρόγραμμα\n",
        "image: media/2026/akti.jpg\nimage_alt: Η ακτή\n"))
    settings = settings_for(content_dir, tmp_path)
    assert check(settings).errors == []
    good = (content_dir / "media/2026/akti.jpg").read_bytes()
    mislabelled(content_dir / "media/2026/akti.jpg")
    bad = (content_dir / "media/2026/akti.jpg").read_bytes()
    (content_dir / "media/2026/akti.jpg").write_bytes(bad + b"\0" * (len(good) - len(bad)))  # the same size
    assert [e.field for e in check(settings).errors] == ["image"]


def test_a_missing_file_that_appears_clears_its_error(content_dir: Path, tmp_path: Path) -> None:
    write(content_dir, "press-releases/2026/p.md", RELEASE)
    settings = settings_for(content_dir, tmp_path)
    assert [e.field for e in check(settings).errors] == ["attachments[0].file"]
    (content_dir / "files").mkdir()
    (content_dir / "files/programma.pdf").write_bytes(text_pdf())
    assert check(settings).errors == []


def test_an_edit_rewrites_the_cache_of_its_folder_only(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "files").mkdir()
    (content_dir / "files/programma.pdf").write_bytes(text_pdf())
    for year in (2025, 2026):
        write(content_dir, f"press-releases/{year}/p.md", RELEASE.replace("2026-05-04", f"{year}-05-04"))
    settings = settings_for(content_dir, tmp_path)
    check(settings)
    shards = {p.name: p.stat().st_ino for p in (tmp_path / "cache").glob("catalogue-*/*.pickle")}
    assert sorted(shards) == ["press-releases--2025.pickle", "press-releases--2026.pickle"]
    write(content_dir, "press-releases/2026/p.md", RELEASE.replace("Κείμενο.", "Νέο κείμενο."))
    (content_dir / "press-releases/2025/p.md").unlink()
    assert check(settings).cache_hits == 0
    after = {p.name: p.stat().st_ino for p in (tmp_path / "cache").glob("catalogue-*/*.pickle")}
    assert list(after) == ["press-releases--2026.pickle"] and after != shards, "the deleted file's folder is gone"
    write(content_dir, "press-releases/2025/p.md", RELEASE.replace("2026-05-04", "2025-05-04"))
    again = check(settings)
    assert again.cache_hits == 1 and "Νέο κείμενο" in again.html["press-releases/2026/p.md"]
    assert {p.name: p.stat().st_ino for p in (tmp_path / "cache").glob("catalogue-*/*.pickle")}[
        "press-releases--2026.pickle"] == after["press-releases--2026.pickle"], "an unchanged folder is not rewritten"


def test_what_a_run_reads_at_its_start_is_left_out_of_collections() -> None:
    gc.unfreeze()
    try:
        with lasting():
            assert not gc.isenabled()  # no collection while the cache is read
            kept = [[n] for n in range(10_000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)  # then never walked again
        gc.disable()
        with lasting():
            pass
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_build_leaves_what_existed_before_it_out_of_collections_until_it_ends() -> None:
    gc.unfreeze()
    existing = [[n] for n in range(10_000)]
    try:
        with frozen():
            at_start = gc.get_freeze_count()
            assert gc.isenabled() and at_start >= len(existing)  # the catalogue, the imports: never walked
            made = [[n] for n in range(1_000)]
            assert gc.get_freeze_count() == at_start and made  # what the build makes is collected as usual
        assert gc.get_freeze_count() == 0
        with pytest.raises(ValueError), frozen():
            raise ValueError("the build failed")
        assert gc.get_freeze_count() == 0  # a failed build releases it too
    finally:
        gc.unfreeze()


def test_files_read_on_every_core_come_back_in_order_with_their_problems(content_dir: Path, tmp_path: Path) -> None:
    from kiryx.content import catalogue
    count = catalogue.POOL_FROM + 6  # a fresh clone's check: read in child processes (kiryx.forked)
    for n in range(count):
        text = RELEASE.split("attachments:")[0].replace("δράσεων", f"{n}") + "---\nΚείμενο.\n"
        if n in (3, count - 2):  # one in the parent's share, one in the child's
            text = text.replace("category: politismos", "category: politismoss")
        write(content_dir, f"press-releases/2026/p{n:03d}.md", text)
    forked = check(settings_for(content_dir, tmp_path / "a"))
    assert [p.path for p in forked.errors] == ["press-releases/2026/p003.md", f"press-releases/2026/p{count - 2:03d}.md"]
    assert [p.line for p in forked.errors] == [5, 5]
    assert [i.values["title"] for i in forked.items] == [f"Πρόγραμμα {n}" for n in range(count)]
    assert forked.html[f"press-releases/2026/p{count - 1:03d}.md"] == "<p>Κείμενο.</p>"


def test_what_a_killed_run_left_half_written_is_removed_later(content_dir: Path, tmp_path: Path) -> None:
    """A run killed while writing the file hashes, the git history or a folder's checked files leaves its scratch
    file (kiryx.atomic.scratch); a later run removes it once it is older than any run writing it (LEFT_FOR)."""
    from kiryx.atomic import LEFT_FOR
    write(content_dir, "press-releases/2026/p.md", RELEASE.replace("files/programma.pdf", "https://alimos.gr/p.pdf"))
    settings = settings_for(content_dir, tmp_path)
    check(settings)
    cache = tmp_path / "cache"
    (generation,) = cache.glob("catalogue-*")
    left = [cache / "file-hashes.json.4242.tmp", cache / "history-0123456789abcdef.json.4242.tmp",
            generation / "press-releases--2026.pickle.4242.tmp"]
    running = [cache / "file-hashes.json.4343.tmp", generation / "pages.pickle.4343.tmp"]
    for path in left + running:
        path.write_bytes(b"half")
    for path in left:
        os.utime(path, (path.stat().st_mtime - LEFT_FOR - 60,) * 2)
    check(settings)
    assert [p.exists() for p in left] == [False] * 3 and [p.exists() for p in running] == [True] * 2


def test_a_file_changed_again_within_its_time_stamps_resolution_is_seen(tmp_path: Path) -> None:
    """A photo hashed just after it was written, then replaced by another of the same size whose time stamp is the
    same (a file system keeping time to a few milliseconds, or two seconds): the next run must not keep the first
    photo's hash. Files changed longer ago (RACY_NS) are read once, then known by size and time."""
    from kiryx.filehash import RACY_NS, FileHashes
    photo, index = tmp_path / "media/photo.jpg", tmp_path / "file-hashes.json"
    photo.parent.mkdir()
    photo.write_bytes(b"first")
    stamp = photo.stat().st_mtime_ns
    hashes = FileHashes(tmp_path, index)
    first = hashes.digest("media/photo.jpg")
    hashes.save()
    photo.write_bytes(b"again")
    os.utime(photo, ns=(stamp, stamp))
    assert FileHashes(tmp_path, index).digest("media/photo.jpg") != first
    old = stamp - RACY_NS - 10**9  # changed long ago: kept, and trusted while size and time stay
    os.utime(photo, ns=(old, old))
    hashes = FileHashes(tmp_path, index)
    kept = hashes.digest("media/photo.jpg")
    hashes.save()
    assert '"media/photo.jpg"' in index.read_text()
    assert FileHashes(tmp_path, index).digest("media/photo.jpg") == kept
