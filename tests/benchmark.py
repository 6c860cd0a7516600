"""Benchmark: check, build and publish a synthetic 15-year archive, beside the Markdown "floor".

    .venv/bin/python tests/benchmark.py [--items 2000 5000] [--keep DIR]

For each size, in one run: the floor (Python-Markdown alone converting the same bodies), then
`publish.py check` and `publish.py build` as real processes (cold and warm caches; a pull request's
preview, with the cache but no previous output; nothing changed; the body of an old item and of a
recent one edited, which re-index the search's index of their year; an old item's title
edited), and `publish.py publish` of one new commit on the whole archive, then of another (local
deploy, mail to the outbox; the second builds in the spare release's folders, as cron's do), with
the moment its mail reached the outbox. Each line gives seconds, the ratio to the floor, the peak
memory of the process, and for builds the files made and kept. The search index's cost is the cold
build's Pagefind run (seconds, peak memory, bundle size) and what a reader's browser fetches for the
search page and a first query (real Chromium on 127.0.0.1). Speed targets live here, not in timed
tests: cold build ≤ 1.5× floor and ≤ 500 MB; rebuilds ≤ 10 % of cold; warm check ≤ 0.5 s; a merged
commit deployed and mailed in < 10 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import git
from markdown import Markdown

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["dimotiki-archi", "perivallon", "politismos", "koinoniki-politiki",
              "athlitismos", "erga-ypodomes", "paideia", "politiki-prostasia"]
TAGS = ["Καθαριότητα", "Νεολαία", "Πράσινο", "Σχολεία", "Εθελοντισμός", "Οδοποιία", "Υγεία",
        "Πολιτισμός", "Παραλία", "Αθλητισμός", "Ανακύκλωση", "Κοινωνική στήριξη"]
BODY = "\n\n".join([
    "## Αναλυτικά",
    "Ο Δήμος Αλίμου ανακοινώνει ότι ολοκληρώθηκαν οι εργασίες στο πλαίσιο του προγράμματος, "
    "με τη συμμετοχή των αρμόδιων υπηρεσιών και εθελοντών της πόλης. " * 4,
    "- πρώτο σημείο\n- δεύτερο σημείο\n- τρίτο σημείο",
    "> «Συνεχίζουμε με σχέδιο και διαφάνεια», δήλωσε ο Δήμαρχος.",
])
NOW = "2026-11-24 12:00"


def make_archive(root: Path, items: int) -> None:
    """Write `items` press releases and events over 15 years into `root`."""
    shutil.copytree(ROOT / "content" / "press-kit" / "logos", root / "press-kit" / "logos")
    for n in range(items):
        year, day = 2012 + n * 15 // items, n % 28 + 1
        month = n % 12 + 1
        kind = "events" if n % 5 == 0 else "press-releases"
        extra = f"start: {year}-{month:02d}-{day:02d} 18:00\n" if kind == "events" else \
            f"category: {CATEGORIES[n % len(CATEGORIES)]}\n"
        path = root / kind / str(year) / f"item-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Ανακοίνωση αριθμός {n} για τον Άλιμο\ndate: {year}-{month:02d}-{day:02d} 10:00\n"
            f"summary: Σύνοψη της ανακοίνωσης {n}.\n{extra}"
            f"tags: [{TAGS[n % len(TAGS)]}, {TAGS[(n * 5 + 3) % len(TAGS)]}]\n---\n{BODY}\n",
            encoding="utf-8",
        )


def floor(root: Path, out: Path) -> float:
    """Python-Markdown alone reading, converting and writing every body, as the peers' floor.py does."""
    out.mkdir(parents=True, exist_ok=True)
    os.sync()
    started = time.perf_counter()
    markdown = Markdown(extensions=["extra"])
    for n, path in enumerate(sorted(root.rglob("*.md"))):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        (out / f"{n}.html").write_text(markdown.reset().convert(body), encoding="utf-8")
    return time.perf_counter() - started


def run(*args: str, cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    """A real `publish.py` process: seconds, peak memory in MB, its output. The disk is synced first, so no step
    pays for the writing left over from the one before."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "publish.py"), *args], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"publish.py {' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss // 1024, output


def line(label: str, seconds: float, base: float, memory: int, extra: str = "") -> None:
    print(f"  {label:<34}{seconds:7.2f} s {seconds / base:6.2f}× floor {memory:5d} MB  {extra}")


def first_query(site: Path) -> None:
    """Bytes a reader's browser fetches for the search page, then for a first query (cold browser cache)."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import chromium, serve
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        fetched: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(f"{url}/search/")
        page.wait_for_load_state("networkidle")
        opened = sum(size for _, size in fetched)
        fetched.clear()
        started = time.perf_counter()
        page.get_by_label("Λέξεις που ψάχνετε").fill("ανακοινωση αλιμο")
        page.locator("#search-status").filter(has_text="ρέθηκ").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        seconds = time.perf_counter() - started
        query = sum(size for _, size in fetched)
        print(f"    search page {opened / 1024:.0f} KB; first query «ανακοινωση αλιμο» {query / 1024:.0f} KB in "
              f"{len(fetched)} files, {seconds:.2f} s ({page.locator('#search-status').inner_text()})")


def bench(items: int, work: Path) -> None:
    content, output = work / "repo" / "content", work / "site"
    if not content.exists():
        make_archive(content, items)
        repo = git.Repo.init(work / "repo", initial_branch="main")
        with repo.config_writer() as config:
            config.set_value("user", "name", "Kiryx benchmark").set_value("user", "email", "bench@example.org")
        repo.git.add("-A")
        repo.git.commit("-qm", "Archive")
    repo = git.Repo(work / "repo")

    def settings_at(now: str, name: str = "settings.py") -> Path:
        path = work / name
        path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"PATH = {str(content)!r}\nCACHE_PATH = {str(work / 'cache')!r}\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
                        f"KIRYX_NOW = {now!r}\n", encoding="utf-8")
        return path

    settings = settings_at(NOW)
    env = {**os.environ, "KIRYX_STATE_DIR": str(work / "state"), "KIRYX_DEPLOY_DIR": str(work / "www"),
           "KIRYX_LANG": "en"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once, not at every start
    (work / "state").mkdir(exist_ok=True)
    if not (work / "state/vendor").exists():  # the tools `publish.py setup` fetched (Pagefind)
        (work / "state/vendor").symlink_to(ROOT / ".kiryx/vendor")
    base = floor(content, work / "floor")
    print(f"{items} items: Markdown floor {base:.2f} s")
    shutil.rmtree(work / "cache", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    for label in ("check (cold cache)", "check (warm cache)"):
        seconds, memory, _ = run("check", "--settings", str(settings), cwd=work, env=env)
        line(label, seconds, base, memory)
    cold = 0.0
    releases = sorted((content / "press-releases").rglob("*.md"))
    edited = releases[len(releases) // 2]  # from the middle of the archive (an older year's search index)
    recent = min((content / f"press-releases/{int(NOW[:4]) - 1}").glob("*.md"))  # last year's (its recent index)

    def edit_body(item: Path = edited) -> None:
        item.write_text(item.read_text(encoding="utf-8") + "\nΣυμπλήρωση.\n", encoding="utf-8")

    def edit_title() -> None:
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("title: Ανακοίνωση", "title: Νέα ανακοίνωση", 1), encoding="utf-8")

    # a pull request's preview: the cache restored (actions/cache), no previous output to reuse pages from
    preview = work / "preview"
    for label, change, into in (("build (cold)", None, output), ("build (warm cache, new folder: PR)", None, preview),
                                ("build (nothing changed)", None, output),
                                ("build (an old item's body edited)", edit_body, output),
                                ("build (a recent item's body edited)", lambda: edit_body(recent), output),
                                ("build (an old item's title edited)", edit_title, output)):
        if change:
            change()
        seconds, memory, out = run("build", "--settings", str(settings), "--output", str(into), cwd=work, env=env)
        cold = cold or seconds
        made = re.search(r": (\d+) files rendered and (\d+) indexed \((\d+) new or changed\), (\d+) unchanged", out)
        line(label, seconds, base, memory, f"{made[1]} rendered, {made[2]} indexed, {made[3]} written, {made[4]} kept; "
             f"{seconds / cold:.0%} of cold" if made else "")
        indexed = re.search(r"search: (\d+) pages; indexed anew: (.*?) in ([\d.]+) s, ([\d.]+) s of it awaited "
                            r"\(Pagefind peak (\d+) MB; bundle ([\d.]+) MB", out)
        if indexed:
            print(f"    search index: {indexed[1]} pages, indexed anew: {indexed[2]} in {indexed[3]} s "
                  f"({indexed[4]} s awaited), Pagefind peak {indexed[5]} MB, bundle {indexed[6]} MB")
        if label == "build (cold)":
            first_query(output)
    repo.git.checkout("--", ".")
    # one release kept, a publish a minute (releases are named by it): from the third publish on, a build starts
    # from the spare release's folders, as cron's do
    env["KIRYX_KEEP_RELEASES"] = "1"
    run("publish", "--settings", str(settings), "--no-fetch", "--baseline", cwd=work / "repo", env=env)  # live
    for n, label in ((1, "publish one new item"), (2, "publish one more (steady state)")):
        (content / f"press-releases/2026/neo-deltio-{n}.md").write_text(
            f"---\ntitle: Νέο δελτίο {n} για τον Άλιμο\ndate: 2026-11-24 10:0{n}\nsummary: Ένα νέο δελτίο.\n"
            f"category: perivallon\n---\n{BODY}\n", encoding="utf-8")
        repo.git.add("-A")
        repo.git.commit("-qm", f"Νέο δελτίο {n}")
        at = settings_at(f"{NOW[:-1]}{n}", f"settings-{n}.py")
        started = time.time()
        seconds, memory, out = run("publish", "--settings", str(at), "--no-fetch", cwd=work / "repo", env=env)
        sent = re.search(r"(\d+) sent", out)
        # the target is "deployed and mailed": when the mail reached the outbox (the process then tidies up)
        mailed = max(p.stat().st_mtime for p in (work / "state/outbox/new").iterdir()) - started if sent else 0
        line(label, seconds, base, memory,
             f"{sent.group(1)} mails, mailed after {mailed:.2f} s; target < 10 s" if sent
             else out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    # removed at the end, not between sizes: deleting tens of thousands of files slows the disk for a while after
    # (ext4 with `discard`), which the next size's floor and builds would pay
    done: list[Path] = []
    try:
        for items in args.items:
            work = (args.keep / str(items)) if args.keep else Path(tempfile.mkdtemp(prefix=f"kiryx-bench-{items}-"))
            work.mkdir(parents=True, exist_ok=True)
            done.append(work)
            bench(items, work)
    finally:
        for work in done if not args.keep else []:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
