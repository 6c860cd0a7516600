"""A rebuild redoes only what an edit touches, and gives exactly the bytes of a cold build of the same content."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
import time
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from kiryx.build_state import SPARE, empty_spare, empty_spare_later, from_spare, prune, read_state, retire
from kiryx.site import ROOT, build, load_settings
from tests.conftest import SAMPLE_NOW
from tests.test_reproducible import differences
from tests.test_user_errors import settings_with

SAMPLE = ROOT / "content"
# A slice of the sample site: releases with photos, tags and corrections, events, leaflets (one with a cover image,
# one whose cover is its PDF's first page), coverage, pages.
PICK = ["press-releases/2026/katharismos-paralias.md", "press-releases/2026/nea-gipeda-podosfairou.md",
        "press-releases/2026/proypologismos-2026.md", "press-releases/2026/diorthosi-syntheseis-ktirion.md",
        "press-releases/2026/apantisi-dimosievma-katharismos.md", "events/2026/xristougenniatiko-chorio.md",
        "events/2026/synenteuxi-typou-proypologismos-2027.md", "leaflets/odigos-anakyklosis.md",
        "leaflets/seismos-ti-kanoume.md",
        "coverage/2026/paralia-akatharisti.md", "pages/grafeio-typou.md", "pages/schetika.md"]
RELEASE = "press-releases/2026/katharismos-paralias.md"


def copy_sample(target: Path) -> Path:
    for folder in ("media", "files", "press-kit"):
        shutil.copytree(SAMPLE / folder, target / folder)
    for rel in PICK:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / rel, target / rel)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Renditions and cards of the sample slice, made once: the image cache is keyed by content and recipe."""
    site = Site(tmp_path_factory.mktemp("warm"))
    site.build()
    return site.base / "cache/images"


class Site:
    """A content folder with its theme and plugins, built incrementally in one place."""

    def __init__(self, base: Path, images: Path | None = None):
        self.base = base
        for cache in ("cache", "cold-cache") if images else ():
            shutil.copytree(images, base / cache / "images", copy_function=os.link)
        self.content = copy_sample(base / "content")
        self.theme = Path(shutil.copytree(ROOT / "theme", base / "theme"))
        self.plugins = Path(shutil.copytree(ROOT / "plugins", base / "plugins",
                                            ignore=shutil.ignore_patterns("__pycache__")))
        self.kiryx: dict = {}
        self.now = SAMPLE_NOW

    def settings(self, cache: str) -> dict:
        from pelicanconf import KIRYX
        return load_settings(ROOT / "pelicanconf.py", PATH=self.content, KIRYX_NOW=self.now, THEME=str(self.theme),
                             PLUGIN_PATHS=[str(self.plugins)], CACHE_PATH=str(self.base / cache),
                             KIRYX={**KIRYX, **self.kiryx})

    def build(self, output: str = "site", cache: str = "cache") -> tuple[Path, dict]:
        result = build(self.settings(cache), self.base / output)
        return result.output, result.counts

    def spare_after(self, change: str) -> Path:
        """Build, make a change, build again: the first output is now the spare beside the second."""
        self.build()
        CHANGES[change](self)
        self.build()
        return self.base / SPARE

    def check_equals_cold(self, output: Path) -> None:
        """`output` has the files and folders of a cold build (in new folders) of the same content."""
        shutil.rmtree(self.base / SPARE, ignore_errors=True)
        cold, _ = self.build(output="cold", cache="cold-cache")
        assert differences(output, cold) == [] and folders(output) == folders(cold)


CHANGES: dict[str, Callable[[Site], None]] = {
    "body": lambda s: edit(s.content / RELEASE, "ανταποκρίθηκαν στο κάλεσμα", "απάντησαν στο κάλεσμα"),
    "summary": lambda s: edit(s.content / RELEASE, "summary: Περισσότεροι από", "summary: Πάνω από"),
    "title": lambda s: edit(s.content / RELEASE, "title: Εθελοντικός", "title: Μεγάλος εθελοντικός"),
    "date": lambda s: edit(s.content / RELEASE, "date: 2026-04-27", "date: 2026-03-02"),
    "new item": lambda s: shutil.copy(SAMPLE / "press-releases/2026/kapi-ekdromes.md",
                                      s.content / "press-releases/2026/kapi-ekdromes.md"),
    "deleted item": lambda s: (s.content / "press-releases/2026/proypologismos-2026.md").unlink(),
    "tag added": lambda s: edit(s.content / RELEASE, "tags:\n", "tags:\n- Καλοκαίρι\n"),
    "image replaced, same size": lambda s: _replace_image(s.content),
    "template": lambda s: edit(s.theme / "templates/base.html", "Μετάβαση στο περιεχόμενο", "Στο περιεχόμενο"),
    "settings": lambda s: s.kiryx.update(home_items=2),
    "code": lambda s: edit(s.plugins / "feeds/__init__.py", "Δελτία τύπου της κατηγορίας", "Τα δελτία της κατηγορίας"),
    # the most common change of all: a cron run a day later, every item as it was (a leaflet's cover is published
    # though no page showing it is rendered again)
    "a day later": lambda s: setattr(s, "now", "2026-11-25T12:00:00+02:00"),
    # events over, the 2025 leaflet moved from the recent search index to the archive
    "new year": lambda s: setattr(s, "now", "2027-01-01T00:30:00+02:00"),
}


def _replace_image(content: Path) -> None:
    path = next(p for p in (content / "media/2026").glob("*.jpg"))
    with Image.open(path) as image:
        size = image.size
    Image.new("RGB", size, (10, 120, 60)).save(path, "JPEG", quality=80)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_equals_a_cold_one(tmp_path: Path, images: Path, change: str) -> None:
    site = Site(tmp_path, images)
    first, _ = site.build()
    fragments = {p.name: p.stat().st_ino for p in (first / "pagefind/fragment").iterdir()}
    keys = read_state(first)["outputs"]
    CHANGES[change](site)
    incremental, counts = site.build()
    cold, _ = site.build(output="cold", cache="cold-cache")
    assert differences(incremental, cold) == []
    if change == "body":  # its page, the feeds that carry its full text (all, type, category, 3 tags), the index
        index = sum(1 for p in (incremental / "pagefind").rglob("*") if p.is_file())
        assert counts["pages"]["rendered"] == 13 and counts["pages"]["generated"] == index, counts
        # the other pages' search fragments are the previous build's files, not copies (rsync sends only changes)
        kept = [p.name for p in (incremental / "pagefind/fragment").iterdir() if fragments.get(p.name) == p.stat().st_ino]
        assert len(kept) == len(fragments) - 1, (len(kept), len(fragments))
        assert counts["pages"]["written"] < 13 + index - len(kept) + 1, counts
    if change in ("title", "new item"):  # lists of releases change; an event's page shows none of them
        events = {rel: key for rel, key in read_state(incremental)["outputs"].items() if rel.startswith("events/2026/")}
        assert len(events) > 2 and {rel: keys[rel] for rel in events} == events


def test_a_template_included_by_a_name_known_only_when_rendering_is_followed(tmp_path: Path, images: Path) -> None:
    """A theme may pick a template by a variable (`{% include name %}`): what that one reads cannot be known before
    rendering, so its pages are keyed by the whole context; here it shows how many items there are."""
    site = Site(tmp_path, images)
    (site.theme / "templates/partials/count.html").write_text('<p id="count">{{ articles|length }}</p>\n',
                                                              encoding="utf-8")
    edit(site.theme / "templates/article.html", "{% block content %}",
         '{% block content %}{% set counter = "partials/count.html" %}{% include counter %}')
    site.build()
    CHANGES["new item"](site)
    incremental, _ = site.build()
    counts = {page.read_text(encoding="utf-8").split('<p id="count">')[1].split("<")[0]
              for page in (incremental / "press-releases/2026").glob("*/index.html")}
    assert counts == {str(sum(not rel.startswith("pages/") for rel in PICK) + 1)}, counts  # the new item counted
    site.check_equals_cold(incremental)


def test_nothing_changed_renders_nothing_and_keeps_every_file(tmp_path: Path, images: Path) -> None:
    site = Site(tmp_path, images)
    first, _ = site.build()
    (tmp_path / "content/pages/schetika.md").touch()  # a new time, the same bytes: nothing to do
    inodes = {p.relative_to(first): p.stat().st_ino for p in first.rglob("*") if p.is_file()}
    again, counts = site.build()
    assert counts["pages"]["rendered"] == 0 and counts["pages"]["reused"] > 50, counts
    changed = [rel for rel, inode in inodes.items()
               if rel.name != ".kiryx-state.json" and (again / rel).stat().st_ino != inode]
    assert changed == [], "unchanged files are the same files (rsync and caches see no change)"
    assert any(rel.parts[0] == "pagefind" for rel in inodes), "the search index is kept too, not re-indexed"


def folders(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*") if p.is_dir()}


def test_a_build_in_the_spare_folders_equals_a_cold_one(tmp_path: Path, images: Path) -> None:
    """The third build is made in the first one's folders (emptied of files); what it does not use is removed."""
    site = Site(tmp_path, images)
    spare = site.spare_after("title")
    (spare / "a-section-no-longer-made/2019").mkdir(parents=True)
    reused = (spare / "press-releases").stat().st_ino
    CHANGES["new item"](site)
    output, _ = site.build()
    assert (output / "press-releases").stat().st_ino == reused, "the spare's folders were reused"
    assert (spare / "press-releases").is_dir(), "the previous output is the next spare"
    site.check_equals_cold(output)


def test_a_spare_keeps_its_folders_and_never_touches_the_live_files(tmp_path: Path) -> None:
    live, old, target = tmp_path / "site", tmp_path / "site.old", tmp_path / "site.staging"
    (live / "a/b").mkdir(parents=True)
    (live / "a/b/index.html").write_text("live", encoding="utf-8")
    (old / "a/b").mkdir(parents=True)
    (old / "empty").mkdir()
    os.link(live / "a/b/index.html", old / "a/b/index.html")  # an unchanged page: the same file
    assert from_spare(target) == [] and not target.exists(), "no spare yet"
    retire(old)
    assert not old.exists() and (tmp_path / SPARE).is_dir()
    folders = from_spare(target)
    assert sorted(Path(f).relative_to(target).as_posix() for f in folders) == [".", "a", "a/b", "empty"]
    assert [p for p in target.rglob("*") if not p.is_dir()] == [], "every file is gone from the spare"
    assert (live / "a/b/index.html").read_text(encoding="utf-8") == "live", "the live file stays"
    (target / "a/b/index.html").write_text("new", encoding="utf-8")
    prune(folders)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a", "a/b", "a/b/index.html"]


def test_a_spare_emptied_ahead_is_only_renamed_into_place(tmp_path: Path) -> None:
    live, old, target = tmp_path / "site", tmp_path / "site.old", tmp_path / "site.staging"
    (live / "a").mkdir(parents=True)
    (live / "a/index.html").write_text("live", encoding="utf-8")
    (old / "a").mkdir(parents=True)
    os.link(live / "a/index.html", old / "a/index.html")
    empty_spare(tmp_path)  # no spare yet: nothing happens
    retire(old)
    empty_spare(tmp_path)
    assert sorted(p.relative_to(tmp_path / SPARE).as_posix() for p in (tmp_path / SPARE).rglob("*")) == ["a"]
    assert (live / "a/index.html").read_text(encoding="utf-8") == "live", "the live file stays"
    assert sorted(Path(f).relative_to(target).as_posix() for f in from_spare(target)) == [".", "a"]


def test_a_spare_emptied_in_the_background_is_taken_once_it_is_done(tmp_path: Path) -> None:
    """The build command leaves the spare's files to a process of its own (`empty_spare_later`); a build that comes
    meanwhile waits for it (its lock on the spare) instead of receiving a folder whose files are being unlinked."""
    live, old, target = tmp_path / "site", tmp_path / "site.old", tmp_path / "site.staging"
    (live / "a").mkdir(parents=True)
    (live / "a/index.html").write_text("live", encoding="utf-8")
    (old / "a/b").mkdir(parents=True)
    os.link(live / "a/index.html", old / "a/index.html")
    (old / "a/b/page.html").write_text("old", encoding="utf-8")
    (old / "a/b/link").symlink_to(live / "a/index.html")
    retire(old)
    spare = tmp_path / SPARE
    empty_spare_later(tmp_path)
    for _ in range(100):
        if not any(p for p in spare.rglob("*") if not p.is_dir()):
            break
        time.sleep(0.1)
    assert sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*")) == ["a", "a/b"], "files gone, folders kept"
    assert (live / "a/index.html").read_text(encoding="utf-8") == "live", "the live file stays"
    (spare / "a/b/page.html").write_text("old", encoding="utf-8")
    (spare / "a/b/link").symlink_to(live / "a/index.html")
    holder = os.open(spare, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # the emptier of an earlier build, still at work
    empty_spare_later(tmp_path)
    taken: list[list[str]] = []
    waiting = threading.Thread(target=lambda: taken.append(from_spare(target)))
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive() and spare.is_dir() and not target.exists(), "the spare is not taken while locked"
    os.close(holder)
    waiting.join(10)
    assert sorted(Path(f).relative_to(target).as_posix() for f in taken[0]) == [".", "a", "a/b"]
    assert [p for p in target.rglob("*") if not p.is_dir()] == [], "every file and link is gone"
    assert (live / "a/index.html").read_text(encoding="utf-8") == "live", "the live file stays"


def test_a_spare_replaced_while_a_build_waited_for_it_is_not_taken(tmp_path: Path) -> None:
    """Three builds in one folder: while one waited for the spare's lock, another discarded that spare and put its
    own output there, which a third build's background emptier was emptying; the first took that one (a lock on
    one folder, the rename of another) and the emptier deleted its new files."""
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "a").mkdir(parents=True)
    (second / "b").mkdir(parents=True)
    (second / "b/page.html").write_text("new", encoding="utf-8")
    retire(first)
    holder = os.open(tmp_path / SPARE, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    taken: list[list[str]] = []
    waiting = threading.Thread(target=lambda: taken.append(from_spare(tmp_path / "site.staging")))
    waiting.start()
    waiting.join(0.5)
    retire(second)  # the locked spare is discarded, another put in its place
    os.close(holder)
    waiting.join(10)
    assert taken == [[]] and not (tmp_path / "site.staging").exists(), "not the folder it locked: no spare"
    assert (tmp_path / SPARE / "b/page.html").read_text(encoding="utf-8") == "new", "the other build's spare stays"


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_a_spare_that_is_not_a_folder_is_not_used(tmp_path: Path, kind: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if kind == "file":
        (tmp_path / SPARE).write_text("x", encoding="utf-8")
    else:
        (tmp_path / SPARE).symlink_to(elsewhere)
    assert from_spare(tmp_path / "site.staging") == [] and not (tmp_path / "site.staging").exists()
    (elsewhere / "keep.html").write_text("x", encoding="utf-8")
    empty_spare(tmp_path)
    assert (elsewhere / "keep.html").exists() and (tmp_path / SPARE).exists(), "never emptied through a link"


def test_a_spare_folder_where_a_file_now_goes_means_a_build_anew(tmp_path: Path, images: Path) -> None:
    site = Site(tmp_path, images)
    spare = site.spare_after("body")
    (spare / "index.html").unlink()
    (spare / "index.html").mkdir()
    CHANGES["title"](site)
    output, _ = site.build()
    site.check_equals_cold(output)


def test_a_second_process_reuses_everything(tmp_path: Path) -> None:
    """Keys and salt are the same in every process (no hash randomisation, no object addresses)."""
    import subprocess
    import sys
    content = copy_sample(tmp_path / "content")
    command = [sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content), "--output",
               str(tmp_path / "site"), "--now", "2026-11-24 12:00"]
    runs = [subprocess.run(command, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                           cwd=tmp_path) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr + runs[1].stderr
    assert "Nothing changed since the last build" in runs[1].stdout, runs[1].stdout
    edit(content / RELEASE, "ανταποκρίθηκαν στο κάλεσμα", "απάντησαν στο κάλεσμα")
    again = subprocess.run(command, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL, cwd=tmp_path)
    made = re.search(r": (\d+) files rendered and (\d+) indexed \((\d+) new or changed\), (\d+) unchanged", again.stdout)
    assert made and 0 < int(made[3]) < int(made[1]) + int(made[2]) < int(made[4]), again.stdout


def _upgrade_jinja2(folder: Path) -> dict[str, str]:
    """Jinja2 99.0, as its installed metadata says after an upgrade by pip."""
    (folder / "jinja2-99.0.dist-info").mkdir(parents=True)
    (folder / "jinja2-99.0.dist-info/METADATA").write_text("Metadata-Version: 2.1\nName: Jinja2\nVersion: 99.0\n",
                                                           encoding="utf-8")
    return {"PYTHONPATH": str(folder)}


def _end_summer_time(folder: Path) -> dict[str, str]:
    """A tz database whose Athens keeps UTC+3 all year (Istanbul's rules), before the system's for every other zone."""
    system = next(Path(base) for base in zoneinfo.TZPATH if (Path(base) / "Europe/Istanbul").is_file())
    (folder / "Europe").mkdir(parents=True)
    shutil.copy(system / "Europe/Istanbul", folder / "Europe/Athens")
    return {"PYTHONTZPATH": os.pathsep.join([str(folder), str(system)])}


def test_two_builds_into_one_folder_at_once_go_one_after_the_other(tmp_path: Path) -> None:
    """`serve` rebuilding output/ while staff ran `build` into it: both shared one staging folder, and the output
    lacked pages (or held half-written files) while both said they had built it, and a third found nothing changed.
    Now the second waits for the first (a lock on the folder that holds the output)."""
    import subprocess
    import sys
    content = copy_sample(tmp_path / "content")
    settings = settings_with(tmp_path, "")
    command = [sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content), "--settings",
               str(settings), "--output", str(tmp_path / "site"), "--now", "2026-11-24 12:00"]
    subprocess.run(command, capture_output=True, timeout=300, stdin=subprocess.DEVNULL, check=True)
    edited = next((content / "press-releases").rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nΣυμπλήρωση.\n", encoding="utf-8")
    builds = [subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
              for _ in range(2)]
    assert [build.wait(timeout=300) for build in builds] == [0, 0], [b.stderr.read() for b in builds if b.stderr]
    fresh = build(load_settings(settings, PATH=content, KIRYX_NOW="2026-11-24 12:00",
                                CACHE_PATH=str(tmp_path / "fresh-cache")), tmp_path / "fresh").output
    assert [d for d in differences(tmp_path / "site", fresh) if d != ".kiryx-state.json"] == []


@pytest.mark.parametrize("upgrade", [_upgrade_jinja2, _end_summer_time])
def test_an_upgrade_builds_everything_anew(tmp_path: Path, upgrade: Callable[[Path], dict[str, str]]) -> None:
    """A library's new version may render differently, new time-zone rules move every future event's hour: nothing
    made before is reused, neither pages nor checked files."""
    import subprocess
    import sys
    content = copy_sample(tmp_path / "content")
    settings = settings_with(tmp_path, "")

    def build(env: dict[str, str] | None = None) -> str:
        done = subprocess.run([sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content),
                               "--settings", str(settings), "--output", str(tmp_path / "site"), "--now",
                               "2026-11-24 12:00"], capture_output=True, text=True, timeout=300,
                              stdin=subprocess.DEVNULL, cwd=tmp_path, env={**os.environ, **(env or {})})
        assert done.returncode == 0, done.stderr
        return done.stdout

    build()
    assert "Nothing changed" in build()
    checked = {p.name for p in (tmp_path / "cache").glob("catalogue-*")}
    again = build(upgrade(tmp_path / "upgrade"))
    made = re.search(r": (\d+) files rendered and \d+ indexed \(\d+ new or changed\), (\d+) unchanged", again)
    assert made and int(made[1]) > 50 and made[2] == "0", again
    assert len({p.name for p in (tmp_path / "cache").glob("catalogue-*")} - checked) == 1  # the files checked anew


# A change in each recipe of the image cache (kiryx.images.recipe), as a new Kiryx version might make: the card's
# line spacing, the renditions' JPEG quality, a leaflet cover's JPEG quality, the press-kit ZIPs' compression.
RECIPES = {"kiryx/images/cards.py": ("y += 74", "y += 72"),
           "kiryx/images/renditions.py": ('"JPEG": {"quality": 85', '"JPEG": {"quality": 84'),
           "kiryx/images/covers.py": ("quality=90", "quality=89"),
           # a change its output shows (a JPEG's full resolution keeps its bytes, whatever the quality setting)
           "plugins/press_kit/zips.py": ("0o644 << 16", "0o640 << 16")}


def test_a_changed_image_recipe_makes_its_files_anew_as_a_cold_build_would(tmp_path: Path, images: Path) -> None:
    """The image cache outlives Kiryx's upgrades: an entry made by an older recipe is not reused."""
    import subprocess
    import sys
    code = tmp_path / "code"  # a copy of Kiryx, to change
    for folder in ("kiryx", "plugins", "theme"):
        shutil.copytree(ROOT / folder, code / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("publish.py", "pelicanconf.py", "pyproject.toml"):
        shutil.copy(ROOT / name, code / name)
    (code / "cold.py").write_text(f"import sys\nsys.path.insert(0, {str(code)!r})\nfrom pelicanconf import *\n"
                                  "CACHE_PATH = '.kiryx/cold-cache'\n", encoding="utf-8")
    shutil.copytree(images, code / ".kiryx/cache/images", copy_function=os.link)  # made by the unchanged recipes
    content = copy_sample(tmp_path / "content")
    shutil.copy(SAMPLE / "leaflets/seismos-ti-kanoume.md", content / "leaflets")  # no image: its PDF's cover

    def build(output: str, *settings: str) -> Path:
        run = subprocess.run([sys.executable, str(code / "publish.py"), "build", "--content", str(content), "--output",
                              str(tmp_path / output), "--now", "2026-11-24 12:00", *settings], capture_output=True,
                             text=True, timeout=300, stdin=subprocess.DEVNULL, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        return tmp_path / output

    before = shutil.copytree(build("site"), tmp_path / "before", copy_function=os.link)
    for rel, (old, new) in RECIPES.items():
        edit(code / rel, old, new)
    incremental = build("site")
    changed = differences(before, incremental)
    for made in ("media/og/", "media/renditions/", "media/covers/", "press-kit/"):
        assert any(rel.startswith(made) and rel.endswith((".jpg", ".zip")) for rel in changed), (made, changed)
    assert differences(incremental, build("cold", "--settings", str(code / "cold.py"))) == []


def test_a_page_is_written_again_only_by_one_write_that_overrides(tmp_path: Path) -> None:
    """Pelican's rules for a file written twice (Writer._open_w), kept now that the file is made where it is
    rendered."""
    from pelican.writers import FileOverwriteFailedError, Writer

    from plugins.incremental import KiryxWriter

    writer = KiryxWriter.__new__(KiryxWriter)  # its rules only: no build behind it
    Writer.__init__(writer, str(tmp_path), settings={})
    page, other = str(tmp_path / "a/index.html"), str(tmp_path / "b/index.html")
    assert writer._claim(page, override=False)
    with pytest.raises(FileOverwriteFailedError, match="already written"):
        writer._claim(page, override=False)
    assert writer._claim(page, override=True)
    with pytest.raises(FileOverwriteFailedError, match="a second time"):
        writer._claim(page, override=True)
    assert not writer._claim(page, override=False)  # the override has it: this write is skipped
    assert writer._claim(other, override=True)  # an override of a page not written yet is a first write
    assert not writer._claim(other, override=False)
    assert not list(tmp_path.iterdir())  # claiming creates nothing: the process rendering the page does
