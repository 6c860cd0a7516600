"""The build state's rules, each on its own (kiryx.build_state): what is reused, from where, and what is recorded.
The incremental tests compare whole rebuilds with cold builds; these name each rule."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest

from kiryx.build_state import (
    SPARE,
    STATE_FILE,
    BuildState,
    discard,
    empty_spare,
    from_spare,
    link_or_copy,
    prune,
    read_state,
    record_needles,
    retire,
)
from tests.conftest import SiteBuilder, write

SALT = "salt-1"


def put(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A previous build's output: its files and the state that says what each was made from."""
    before = tmp_path / "before"
    put(before, {"a/index.html": "A", "b/index.html": "B", "pagefind/p.js": "P", "pagefind-2019/q.js": "Q"})
    outputs = {"a/index.html": "ka", "b/index.html": "kb", "pagefind/p.js": "kp", "pagefind-2019/q.js": "kq",
               "gone/index.html": "kg"}
    (before / STATE_FILE).write_text(json.dumps({"salt": SALT, "key": "old", "outputs": outputs}), encoding="utf-8")
    return before


def state(tmp_path: Path, previous: Path | None, salt: str = SALT) -> BuildState:
    (tmp_path / "now").mkdir(exist_ok=True)
    return BuildState(tmp_path / "now", previous, salt, key="new")


def same_file(one: Path, other: Path) -> bool:
    return one.stat().st_ino == other.stat().st_ino


def test_an_output_of_the_same_key_is_the_previous_file(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    assert build.reuse(["a/index.html"], "ka") and build.reuse(["b/index.html"], "kb")
    assert same_file(build.output / "a/index.html", previous / "a/index.html")
    assert build.new == {"a/index.html": "ka", "b/index.html": "kb"} and build.reused == 2


@pytest.mark.parametrize("rels, key", [(["a/index.html"], "changed"), ([], "ka"), (["new/index.html"], "ka"),
                                       (["a/index.html", "gone/index.html"], "ka"), (["gone/index.html"], "kg")])
def test_nothing_is_reused_unless_every_output_has_its_key_and_file(tmp_path: Path, previous: Path, rels: list[str],
                                                                    key: str) -> None:
    """Another key, nothing asked, an output the previous build did not make, one whose file is missing: all or
    nothing."""
    build = state(tmp_path, previous)
    assert not build.reuse(rels, key)
    assert not (build.output / "a").exists() and build.new == {} and build.reused == 0


def test_another_salt_or_no_previous_output_reuses_nothing(tmp_path: Path, previous: Path) -> None:
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / STATE_FILE).write_text(json.dumps({"salt": SALT, "needles": []}), encoding="utf-8")
    assert not state(tmp_path, tmp_path / "bare").reuse(["a/index.html"], "ka")  # a state that records no outputs
    assert not state(tmp_path, previous, salt="salt-2").reuse(["a/index.html"], "ka")
    assert not state(tmp_path, None).reuse(["a/index.html"], "ka")
    assert not BuildState(previous, previous, SALT, "new").reuse(["a/index.html"], "ka")  # into its own output


def test_a_tree_is_reused_whole_by_its_prefix(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    assert not build.reuse_tree("pagefind", "other") and not build.reuse_tree("search", "kp")
    assert build.reuse_tree("pagefind", "kp")
    assert build.new == {"pagefind/p.js": "kp"}  # not pagefind-2019/


def test_a_file_made_again_with_the_same_bytes_is_the_previous_file(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    put(build.output, {"a/index.html": "A", "b/index.html": "b"})  # same size, other bytes
    build.made("a/index.html", "ka2")
    build.made("b/index.html", "kb2")
    assert same_file(build.output / "a/index.html", previous / "a/index.html")
    assert not same_file(build.output / "b/index.html", previous / "b/index.html")
    assert (build.output / "b/index.html").read_text() == "b"
    assert build.finish() == {"rendered": 2, "generated": 0, "written": 1, "reused": 0}


def test_a_new_output_is_never_the_same_as_before(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    put(build.output, {"c/index.html": "A"})
    assert not build.same_as_before("c/index.html", str(build.output / "c/index.html"))
    assert not state(tmp_path, None).same_as_before("a/index.html", str(build.output / "c/index.html"))


def test_a_tools_folder_is_placed_and_recorded_file_by_file(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    bundle = tmp_path / "bundle"
    put(bundle, {"p.js": "P", "index/new.pf": "N"})
    build.made_tree("pagefind", "kp2", bundle)
    assert same_file(build.output / "pagefind/p.js", previous / "pagefind/p.js")
    assert same_file(build.output / "pagefind/index/new.pf", bundle / "index/new.pf")
    assert build.new == {"pagefind/p.js": "kp2", "pagefind/index/new.pf": "kp2"}
    assert build.finish() == {"rendered": 0, "generated": 2, "written": 1, "reused": 0}


def test_emit_makes_an_output_only_when_its_key_changed(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    made: list[str] = []

    def produce(text: str) -> bytes:
        made.append(text)
        return text.encode()

    build.emit("a/index.html", "ka", lambda: produce("A2"))
    build.emit("b/index.html", "kb2", lambda: produce("B2"))
    build.emit("feeds/all.xml", "kf", lambda: produce("F"))
    build.emit("events/2026/bazaar/event.ics", "ke", lambda: produce("E"))  # folders that do not exist yet
    assert made == ["B2", "F", "E"]
    assert (build.output / "b/index.html").read_text() == "B2" and (build.output / "feeds/all.xml").read_text() == "F"
    assert build.new == {"a/index.html": "ka", "b/index.html": "kb2", "feeds/all.xml": "kf",
                         "events/2026/bazaar/event.ics": "ke"}
    assert build.finish() == {"rendered": 3, "generated": 0, "written": 3, "reused": 1}


def test_the_state_is_recorded_beside_its_outputs(tmp_path: Path, previous: Path) -> None:
    build = state(tmp_path, previous)
    build.reuse(["b/index.html"], "kb")
    build.reuse(["a/index.html"], "ka")
    build.finish()
    text = (build.output / STATE_FILE).read_text(encoding="utf-8")  # the same bytes, in whatever order made
    assert text.index('"a/index.html"') < text.index('"b/index.html"') and text.index('"key"') < text.index('"salt"')
    build.new = {"b/index.html": "kb"}
    build.finish()
    record_needles(build.output, ["n2", "n1"])
    assert read_state(build.output) == {"salt": SALT, "key": "new", "outputs": {"b/index.html": "kb"},
                                        "needles": ["n1", "n2"]}
    text = (build.output / STATE_FILE).read_text(encoding="utf-8")
    assert text.index('"key"') < text.index('"needles"') < text.index('"outputs"')
    (build.output / STATE_FILE).write_text("{half", encoding="utf-8")
    assert read_state(build.output) == {} and read_state(tmp_path / "nowhere") == {}


def test_a_link_replaces_what_is_there_and_makes_its_folder(tmp_path: Path) -> None:
    put(tmp_path, {"source.html": "S", "out/there.html": "old"})
    link_or_copy(tmp_path / "source.html", tmp_path / "out/there.html")
    link_or_copy(tmp_path / "source.html", tmp_path / "out/new/folder/page.html")
    assert same_file(tmp_path / "out/there.html", tmp_path / "source.html")
    assert same_file(tmp_path / "out/new/folder/page.html", tmp_path / "source.html")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["new", "there.html"]  # no scratch left
    with pytest.raises(FileNotFoundError):
        link_or_copy(tmp_path / "missing.html", tmp_path / "out/missing/page.html")


def test_a_spare_gives_its_folders_and_none_of_its_files(tmp_path: Path) -> None:
    put(tmp_path / SPARE, {"a/index.html": "A", "a/b/index.html": "B", "c/index.html": "C"})
    target = tmp_path / "site"
    folders = from_spare(target)
    assert folders[0] == str(target) and sorted(folders[1:]) == [str(target / f) for f in ("a", "a/b", "c")]
    assert not (tmp_path / SPARE).exists() and [p for p in target.rglob("*") if p.is_file()] == []
    put(target, {"c/index.html": "new"})
    prune(folders)
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*")) == ["c", "c/index.html"]
    assert from_spare(tmp_path / "other") == [] and not (tmp_path / "other").exists()  # no spare: nothing made


def test_a_spare_emptied_ahead_keeps_its_folders(tmp_path: Path) -> None:
    put(tmp_path / SPARE, {"a/index.html": "A"})
    empty_spare(tmp_path)
    assert (tmp_path / SPARE / "a").is_dir() and not (tmp_path / SPARE / "a/index.html").exists()


def test_a_retired_output_becomes_the_spare_and_the_old_spare_goes(tmp_path: Path) -> None:
    put(tmp_path, {f"{SPARE}/old.html": "old", "site/new.html": "new"})
    retire(tmp_path / "site")
    assert (tmp_path / SPARE / "new.html").read_text() == "new" and not (tmp_path / "site").exists()
    (tmp_path / ".site.discarded-4242-0/a").mkdir(parents=True)  # left aside by a run killed meanwhile
    discard(tmp_path / SPARE)
    assert not (tmp_path / SPARE).exists()
    for _ in range(100):  # removed by a process of its own, which this one does not wait for
        if not list(tmp_path.glob(".*.discarded-*")):
            break
        time.sleep(0.05)
    assert list(tmp_path.iterdir()) == []


def test_a_spare_must_be_a_folder_of_its_own(tmp_path: Path) -> None:
    """A file named like the spare, or a link to a folder elsewhere (whose files would be unlinked), is not used."""
    (tmp_path / SPARE).write_text("not a folder")
    assert from_spare(tmp_path / "site") == [] and (tmp_path / SPARE).read_text() == "not a folder"
    (tmp_path / SPARE).unlink()
    put(tmp_path / "elsewhere", {"keep.html": "K"})
    (tmp_path / SPARE).symlink_to(tmp_path / "elsewhere")
    assert from_spare(tmp_path / "site") == []
    empty_spare(tmp_path)
    assert (tmp_path / "elsewhere/keep.html").read_text() == "K"


OTHER_FILE_SYSTEM = Path("/dev/shm")


@pytest.mark.skipif(not OTHER_FILE_SYSTEM.is_dir() or OTHER_FILE_SYSTEM.stat().st_dev == Path("/tmp").stat().st_dev,
                    reason="needs a second file system")
def test_across_file_systems_a_file_is_copied(tmp_path: Path) -> None:
    """The cache on one file system, the output on another: no hard link is possible, so a copy, made beside its
    target and renamed into place; nothing is left in the folder the command was run from."""
    with tempfile.TemporaryDirectory(dir=OTHER_FILE_SYSTEM) as other:
        source = Path(other) / "photo.jpg"
        source.write_bytes(b"photo")
        put(tmp_path, {"out/there.jpg": "old"})
        cwd = os.getcwd()
        os.chdir(other)
        try:
            link_or_copy(source, tmp_path / "out/there.jpg")
            link_or_copy(source, tmp_path / "out/new/photo.jpg")
        finally:
            os.chdir(cwd)
        assert sorted(p.name for p in Path(other).iterdir()) == ["photo.jpg"]
    assert (tmp_path / "out/there.jpg").read_bytes() == b"photo" == (tmp_path / "out/new/photo.jpg").read_bytes()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["new", "there.jpg"]


def test_children_linking_into_the_same_new_folders_at_once_all_succeed(tmp_path: Path) -> None:
    """Forked children keep pages equal to the previous build's (`same_as_before`), often two into one new folder
    at the same moment: both find it missing, both make it."""
    from kiryx.forked import map_forked
    put(tmp_path, {"page.html": "P"})

    def place(n: int) -> str:
        try:
            link_or_copy(tmp_path / "page.html", tmp_path / f"out/item-{n // 2}/feed/{n}.html")
        except OSError as error:
            return repr(error)
        return ""

    assert set(map_forked(place, range(2000), workers=2)) == {""}
    assert len(list((tmp_path / "out").rglob("*.html"))) == 2000


def test_damaged_cache_entries_and_state_are_made_again(content_dir: Path, build_site: SiteBuilder,
                                                        tmp_path: Path) -> None:
    """An entry cut short (a power cut: nothing is fsynced) or of another shape stopped every build until someone
    deleted the cache by hand: an empty photo entry, a file-hash index or a git history that is JSON but no map,
    a state file holding a list. Each is taken as missing and made again."""
    from PIL import Image
    (content_dir / "media/2026").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), "teal").save(content_dir / "media/2026/akti.jpg")
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Η ακτή\ndate: 2026-06-05 10:00\nsummary: Η ακτή.\n"
                                                   "category: perivallon\nimage: media/2026/akti.jpg\n"
                                                   "image_alt: Η ακτή το πρωί\n---\nΚείμενο.\n")
    first = build_site()
    cold = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file() and p.name != STATE_FILE}
    cache = tmp_path / "cache"
    for meta in (cache / "images").glob("*/meta.json"):
        meta.write_text("")
    (cache / "file-hashes.json").write_text("[1, 2, 3]")
    for history in cache.glob("history-*.json"):
        history.write_text("null")
    (first / STATE_FILE).write_text("[]")
    again = build_site()
    assert {p.relative_to(again): p.read_bytes() for p in again.rglob("*")
            if p.is_file() and p.name != STATE_FILE} == cold
    assert all(json.loads(meta.read_text()) for meta in (cache / "images").glob("*/meta.json"))


def test_a_template_record_of_another_shape_is_made_again(content_dir: Path, build_site: SiteBuilder,
                                                          tmp_path: Path) -> None:
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Η ακτή\ndate: 2026-06-05 10:00\nsummary: Η ακτή.\n"
                                                   "category: perivallon\n---\nΚείμενο.\n")
    build_site()
    (tmp_path / "cache/template-context-reads.json").write_text("[]")
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Η ακτή\ndate: 2026-06-05 10:00\nsummary: Η ακτή.\n"
                                                   "category: perivallon\n---\nΆλλο κείμενο.\n")
    assert "Άλλο κείμενο" in (build_site() / "press-releases/2026/i-akti/index.html").read_text(encoding="utf-8")
