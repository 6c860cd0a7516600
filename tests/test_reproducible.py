"""The same content builds to the same bytes: cold caches or warm, whatever order files were written in;
and a run reads the clock once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kiryx.clock import build_now
from kiryx.site import ROOT, build, load_settings
from tests.conftest import SAMPLE_NOW, write


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    one, two = files(a), files(b)
    return sorted(set(one) ^ set(two)) + [rel for rel in sorted(set(one) & set(two)) if one[rel] != two[rel]]


def test_the_sample_site_builds_to_the_same_bytes_cold_twice_and_warm(tmp_path: Path) -> None:
    outputs = []
    for run, cache in (("cold-1", "cache-1"), ("cold-2", "cache-2"), ("warm", "cache-1")):
        settings = load_settings(ROOT / "pelicanconf.py", KIRYX_NOW=SAMPLE_NOW, CACHE_PATH=str(tmp_path / cache))
        outputs.append(build(settings, tmp_path / run).output)
    assert len(files(outputs[0])) > 400
    assert differences(outputs[0], outputs[1]) == []
    assert differences(outputs[0], outputs[2]) == []


SAME_MOMENT = """
---
title: Ανακοίνωση {n}
date: 2026-05-04 10:00
summary: Τρεις ανακοινώσεις την ίδια ώρα.
category: paideia
tags: [Σχολεία]
---
Κείμενο {n}.
"""


def test_items_of_the_same_moment_are_listed_by_source_path(content_dir: Path, tmp_path: Path) -> None:
    sites = []
    for order in ((1, 2, 3), (3, 1, 2)):
        for n in order:  # written in a different order, so the folder lists them differently
            write(content_dir, f"press-releases/2026/anakoinosi-{n}.md", SAME_MOMENT.format(n=n))
        settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW=SAMPLE_NOW,
                                 CACHE_PATH=str(tmp_path / f"cache-{order[0]}"))
        sites.append(build(settings, tmp_path / f"out-{order[0]}").output)
        shutil.rmtree(content_dir / "press-releases")
    assert differences(*sites) == []
    for page in ("press-releases/index.html", "archive/2026/index.html", "category/paideia/index.html",
                 "tag/scholeia/index.html"):
        html = (sites[0] / page).read_text(encoding="utf-8")
        titles = re.findall(r"Ανακοίνωση (\d)</a>", html)
        assert titles == ["1", "2", "3"], page


def test_a_run_fixes_its_moment_once() -> None:
    settings = load_settings(ROOT / "pelicanconf.py")
    first = settings["KIRYX_NOW"]
    assert build_now(settings) is first and build_now({**settings}) is first
    fixed = load_settings(ROOT / "pelicanconf.py", KIRYX_NOW="2026-12-02 09:00")
    assert build_now(fixed).isoformat() == "2026-12-02T09:00:00+02:00"


def test_nothing_but_the_clock_module_reads_the_clock() -> None:
    readers = []
    for path in sorted([*(ROOT / "kiryx").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b(datetime\.now|datetime\.utcnow|date\.today|time\.time|time\.time_ns)\(", line):
                readers.append(f"{path.relative_to(ROOT)}:{number}")
    # the clock; a crash log; a new file's date; the age of cache files, against the file system's own times (a
    # killed run's scratch files, a file changed too recently to trust its time stamp): never a page's moment
    allowed = {"kiryx/clock.py", "kiryx/crash.py", "kiryx/commands/new.py", "kiryx/atomic.py", "kiryx/filehash.py"}
    assert [r for r in readers if r.split(":")[0] not in allowed] == []
