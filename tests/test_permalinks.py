"""A published URL never breaks: frozen slugs, redirects for explicit moves, no silent deletions."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import git
import pytest

from kiryx.content.permalinks import Redirect, Registry, resolve, tag_lines
from kiryx.content.schema import Item
from kiryx.site import ROOT, check, load_settings
from tests.conftest import write
from tests.pdfs import text_pdf
from tests.publishing import Project, attaching, release
from tests.test_images import photo

URL = "press-releases/2026/deltio-arithmos-1/"


@pytest.fixture
def published(tmp_path: Path) -> Project:
    """A repository whose first release has been published (and tagged)."""
    project = Project(tmp_path)
    project.write("press-releases/2026/proto.md", release(1))
    project.commit("Πρώτο δελτίο")
    result = project.publish()
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project.live() / URL / "index.html").is_file()
    return project


def edit(project: Project, old: str, new: str) -> None:
    path = project.content / "press-releases/2026/proto.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    project.commit("Αλλαγή")


def test_the_publication_tag_records_the_urls_made_public(published: Project) -> None:
    message = published.repo.tags[0].tag.message
    assert f"+ press-releases/2026/proto.md -> {URL}" in message
    registry = Registry.of(published.content)
    assert registry.urls == {"press-releases/2026/proto.md": [URL]}
    assert registry.last_state and registry.last_state in message


def test_a_corrected_title_keeps_the_published_url(published: Project) -> None:
    edit(published, "title: Δελτίο αριθμός 1", "title: Δελτίο αριθμός ένα, διορθωμένο")
    result = published.publish()
    assert result.returncode == 0, result.stdout + result.stderr
    page = (published.live() / URL / "index.html").read_text(encoding="utf-8")
    assert "Δελτίο αριθμός ένα, διορθωμένο" in page
    assert not (published.live() / "press-releases/2026/deltio-arithmos-ena-diorthomeno").exists()
    home = (published.live() / "index.html").read_text(encoding="utf-8")
    assert f'href="https://press.alimos.gr/{URL}"' in home


def test_an_explicit_slug_change_moves_the_item_and_redirects_the_old_url(published: Project) -> None:
    edit(published, "category: perivallon", "category: perivallon\nslug: nea-dieythynsi")
    check = published.run("check")
    assert "slug: warning: the address changes from /press-releases/2026/deltio-arithmos-1/ to " \
           "/press-releases/2026/nea-dieythynsi/; the old address will redirect" in check.stdout
    assert published.publish().returncode == 0
    live = published.live()
    assert (live / "press-releases/2026/nea-dieythynsi/index.html").is_file()
    redirect = (live / URL / "index.html").read_text(encoding="utf-8")
    target = "https://press.alimos.gr/press-releases/2026/nea-dieythynsi/"
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect
    assert f'<link rel="canonical" href="{target}">' in redirect
    assert f'<a href="{target}">Δελτίο αριθμός 1</a>' in redirect and 'content="noindex"' in redirect
    nginx = (live / "redirects.nginx.conf").read_text(encoding="utf-8")
    assert (f"location ^~ /{URL} {{ rewrite ^/{URL}(.*)$ /press-releases/2026/nea-dieythynsi/$1 permanent; }}"
            in nginx), nginx
    apache = (live / ".htaccess").read_text(encoding="utf-8")
    assert f"Redirect permanent /{URL} /press-releases/2026/nea-dieythynsi/" in apache
    tags = sorted(published.repo.tags, key=lambda t: t.tag.tagged_date)
    assert "+ press-releases/2026/proto.md -> press-releases/2026/nea-dieythynsi/" in tags[-1].tag.message


def test_a_moved_items_old_url_cannot_be_taken_by_another(published: Project) -> None:
    edit(published, "category: perivallon", "category: perivallon\nslug: nea-dieythynsi")
    assert published.publish().returncode == 0
    published.write("press-releases/2026/allo.md", release(1).replace("Σύνοψη", "Άλλη σύνοψη"))
    published.commit("Άλλο δελτίο με τον ίδιο τίτλο")
    check = published.run("check")
    assert check.returncode == 1
    assert ("press-releases/2026/allo.md:2: slug: /press-releases/2026/deltio-arithmos-1/ was published for "
            "press-releases/2026/proto.md and must keep pointing there; set a different 'slug:'") in check.stdout


def test_renaming_a_published_file_says_to_give_it_back_its_name(published: Project) -> None:
    published.repo.git.mv("content/press-releases/2026/proto.md", "content/press-releases/2026/deltio-ena.md")
    published.commit("Μετονομασία")
    check = published.run("check")
    assert check.returncode == 1
    assert ("press-releases/2026/deltio-ena.md:1: file: is proto.md renamed; give it back its name: the feeds and "
            "calendars know the item by it") in check.stdout, check.stdout
    assert "has been deleted" not in check.stdout
    published.repo.git.mv("content/press-releases/2026/deltio-ena.md", "content/press-releases/2026/proto.md")
    (published.content / "press-releases/2025").mkdir()
    published.repo.git.mv("content/press-releases/2026/proto.md", "content/press-releases/2025/proto.md")
    published.commit("Μεταφορά σε άλλο φάκελο")  # the same name: «is proto.md renamed» named no folder
    out = published.run("check").stdout
    assert ("press-releases/2025/proto.md:1: file: is press-releases/2026/proto.md moved to another folder; move it "
            "back: the feeds and calendars know the item by its file") in out
    assert "folder of its date's year" not in out, "one message: no second advice to move it, or to change its date"


def test_a_new_text_dated_long_ago_is_told_to_take_todays_date(published: Project) -> None:
    """Last year's file copied with its date kept: mailed as new, then listed by that date, below a year of items,
    and old news to feed readers; the folder warning told her to move the file rather than date it."""
    published.write("press-releases/2026/aimodosia.md", release(2, when="2025-11-20 10:00"))
    published.write("coverage/2025/arthro.md", """
        ---
        title: Άρθρο για την αιμοδοσία
        date: 2025-11-20 10:00
        outlet: Εφημερίδα
        url: https://example.org/arthro
        kind: web
        ---
        """)
    published.commit("Αιμοδοσία")
    out = published.run("check").stdout
    assert out.count("is new but dated") == 1, "a clipping is dated by its article"
    assert ("press-releases/2026/aimodosia.md:3: date: warning: file is not in the folder of its date's year; move it "
            "to press-releases/2025/, or correct the date if it is a slip") in out
    assert ("press-releases/2026/aimodosia.md:3: date: warning: is new but dated 20 Νοεμβρίου 2025, 10:00, 369 days "
            "ago: the site lists it by that date, below everything published since, and feeds show it as old; if it "
            "is news, give it today's date") in out, out
    assert "proto.md" not in out, "a published text keeps its date"
    assert published.publish().returncode == 0
    (published.content / "press-releases/2025").mkdir()
    published.repo.git.mv("content/press-releases/2026/aimodosia.md", "content/press-releases/2025/aimodosia.md")
    published.commit("Στον φάκελο του έτους του")
    moved = published.run("check").stdout
    assert "is press-releases/2026/aimodosia.md moved to another folder" in moved
    assert "is new but dated" not in moved, "published, moved: told to move back, not to change its date"


def test_a_published_document_renamed_or_deleted_is_warned(published: Project) -> None:
    """A leaflet's PDF renamed to «-v2»: the address its mail gave journalists broke, and neither check nor plan
    said so (only items' addresses were kept)."""
    (published.content / "files/2026").mkdir(parents=True)
    (published.content / "files/2026/odigos.pdf").write_bytes(text_pdf())
    published.write("press-releases/2026/odigos.md", attaching(release(2), "files/2026/odigos.pdf", "Οδηγός"))
    published.commit("Οδηγός")
    assert published.publish().returncode == 0
    assert "odigos.pdf" not in published.run("check").stdout
    published.repo.git.mv("content/files/2026/odigos.pdf", "content/files/2026/odigos-v2.pdf")
    edit_file = published.content / "press-releases/2026/odigos.md"
    edit_file.write_text(edit_file.read_text(encoding="utf-8").replace("odigos.pdf", "odigos-v2.pdf"), encoding="utf-8")
    published.commit("Νέα έκδοση του οδηγού")
    out = published.run("check").stdout
    assert ("files/2026/odigos.pdf:1: file: warning: was published at /files/2026/odigos.pdf and is no longer in the "
            "content folder: links to it (in mails already sent) now lead nowhere; if it was renamed, give it back its "
            "name (a new version can sit beside it under another name)") in out, out
    assert out.count("is no longer in the content folder") == 1
    (published.content / "media/2026").mkdir(parents=True)
    (published.content / "media/2026/anevasma.jpg").write_bytes(b"\xff\xd8 not used by any text")
    published.commit("Φωτογραφία που δεν χρησιμοποιήθηκε")
    assert published.publish().returncode == 0
    published.repo.git.rm("-q", "content/media/2026/anevasma.jpg")
    published.commit("Σβήστηκε")
    assert "anevasma.jpg" not in published.run("check").stdout, "never published: no text named it"


def test_a_file_in_a_hidden_folder_was_never_published_nor_removed(published: Project) -> None:
    """A photo in a hidden folder (a viewer's thumbnails, `.thumbs/`) is never published, but every check after the
    publication that had it said it was «published and is no longer in the content folder»."""
    photo(published.content / "media/2026/.thumbs/dentro.jpg", size=(300, 200))
    published.commit("Μικρογραφίες")
    assert published.publish().returncode == 0
    assert not (published.live() / "media/2026/.thumbs").exists()
    assert "dentro.jpg" not in published.run("check").stdout


def test_a_branch_begun_before_a_photo_was_published_did_not_remove_it(published: Project) -> None:
    """A pull request's branch, behind the main branch, was told a photo published since was «renamed or deleted»."""
    published.repo.git.branch("palio-aitima")
    (published.content / "media/2026").mkdir(parents=True)
    photo(published.content / "media/2026/dentro.jpg", size=(1200, 800))
    published.write("press-releases/2026/dentro.md", release(2).replace(
        "category:", "image: media/2026/dentro.jpg\n        image_alt: Το δέντρο\n        category:"))
    published.commit("Το δέντρο")
    assert published.publish().returncode == 0
    published.repo.git.checkout("-q", "palio-aitima")
    assert "dentro.jpg" not in published.run("check").stdout
    published.repo.git.checkout("-q", "main")
    published.repo.git.rm("-q", "content/media/2026/dentro.jpg")
    published.commit("Σβήστηκε η φωτογραφία")
    assert "media/2026/dentro.jpg:1: file: warning: was published at /media/2026/dentro.jpg" in published.run(
        "check").stdout, "removed by the branch that had it"


def test_deleting_a_published_file_is_an_error_that_says_withdraw(published: Project) -> None:
    published.repo.git.rm("-q", "content/press-releases/2026/proto.md")
    published.write("press-releases/2026/allo.md", release(2))
    published.commit("Διαγραφή")
    check = published.run("check")
    assert check.returncode == 1
    assert (f"press-releases/2026/proto.md:1: file: was published at /{URL} and has been deleted, which would "
            "break that address; restore the file and withdraw it instead") in check.stdout
    result = published.publish()
    assert result.returncode == 1 and (published.live() / URL / "index.html").is_file()


@pytest.mark.parametrize(("old", "new", "said"), [
    ("category: perivallon", "category: perivallon\nstatus: draft",
     "press-releases/2026/proto.md:6: status: the item was published at /{url}; as a draft it would go offline and "
     "that address would break. To take it down, withdraw it ('status: withdrawn' with a 'withdrawal_note:')"),
    ("date: 2026-11-20 10:00", "date: 2026-12-20 10:00",
     "press-releases/2026/proto.md:3: date: the item was published at /{url}; dated 20 Δεκεμβρίου 2026, "
     "10:00 it would go offline until then and that address would break. Keep the date it was published, and note "
     "the change in 'changes:'"),
])
def test_a_published_item_made_a_draft_or_dated_ahead_is_an_error(published: Project, old: str, new: str,
                                                                   said: str) -> None:
    edit(published, old, new)
    check = published.run("check")
    assert check.returncode == 1 and said.format(url=URL) in check.stdout, check.stdout
    result = published.publish()
    assert result.returncode == 1 and (published.live() / URL / "index.html").is_file(), "still online"


def test_a_branch_behind_the_published_site_is_told_to_catch_up_not_to_restore(published: Project) -> None:
    """Files published from main after a branch began are not deleted by it (a merge request's pipeline and the
    staff's own checkouts test the branch as it is)."""
    published.repo.git.branch("palio")
    published.write("press-releases/2026/neo.md", release(2))
    published.commit("Νέο, στον κύριο κλάδο")
    assert published.publish().returncode == 0
    published.repo.git.checkout("-q", "palio")
    published.write("press-releases/2026/allo.md", release(3))
    published.commit("Άλλο, στον παλιό κλάδο")
    check = published.run("check")
    assert check.returncode == 0, check.stdout
    assert ("press-releases/2026/neo.md:1: file: warning: this branch is behind the published site: 1 item(s) "
            "published since it began are not in it (/press-releases/2026/deltio-arithmos-2/, …); update it from "
            "the main branch") in check.stdout
    assert "has been deleted" not in check.stdout
    plan = published.run("plan")
    assert plan.returncode == 0 and "Διαγραφές" not in plan.stdout and "Δελτίο αριθμός 2" not in plan.stdout, \
        plan.stdout
    published.repo.git.rm("-q", "content/press-releases/2026/proto.md")
    published.commit("Διαγραφή ενός που είχε ο κλάδος")
    deleted = published.run("check")
    assert deleted.returncode == 1 and f"proto.md:1: file: was published at /{URL} and has been deleted" in \
        deleted.stdout


def test_a_published_item_a_force_push_dropped_is_a_deletion(published: Project, tmp_path: Path) -> None:
    """Its publication's tag is on a commit no branch has any more: not «behind the published site» (a publication
    made since the branch began), which silently took the mailed page offline."""
    published.write("press-releases/2026/neo.md", release(2))
    published.commit("Νέο")
    assert published.publish().returncode == 0
    published.repo.git.reset("--hard", "HEAD~1")  # as after `git reset --hard origin/main` once main was rewritten
    check = published.run("check", "--lang", "en")
    assert check.returncode == 1 and "press-releases/2026/neo.md:1: file: was published at " \
        "/press-releases/2026/deltio-arithmos-2/ and has been deleted" in check.stdout, check.stdout
    assert "behind the published site" not in check.stdout


def test_a_published_file_with_broken_fields_is_not_taken_for_deleted(published: Project) -> None:
    """A slip in its fields also said «was published and has been deleted; restore the file», the plan listed it
    under deletions, and a coverage entry that replies with it was «not a press release»."""
    path = published.content / "press-releases/2026/proto.md"
    path.write_text(path.read_text(encoding="utf-8").replace("category: perivallon", "category perivallon"),
                    encoding="utf-8")
    published.write("coverage/2026/arthro.md", """
        ---
        title: Άρθρο για την ακτή
        date: 2026-11-20 10:00
        summary: Σ.
        outlet: Η Εφημερίδα
        kind: print
        url: https://example.org/arthro
        reply: press-releases/2026/proto.md
        ---
        """)
    published.commit("Λάθος στα πεδία")
    check = published.run("check", "--lang", "en")
    errors = [line for line in check.stdout.splitlines() if ": warning: " not in line and ".md:" in line]
    assert errors == [f"{published.content}/press-releases/2026/proto.md:5: front matter: 'category' needs a colon "
                      "after it, as every field does: category: perivallon"], check.stdout
    plan = published.run("plan")
    assert "Διαγραφές" not in plan.stdout, plan.stdout


def test_a_published_item_whose_year_changed_is_not_told_to_move(published: Project) -> None:
    """Moving it, as check advised, made it a deleted file (an error saying to withdraw it)."""
    edit(published, "date: 2026-", "date: 2027-")
    published.set_now("2027-12-01T10:00:00+02:00")
    check = published.run("check", "--lang", "en")
    assert check.returncode == 0 and "not in the folder of its date's year" not in check.stdout, check.stdout


def test_a_new_item_that_takes_a_published_address_is_the_one_told(published: Project) -> None:
    """The error landed on the published file (first by path), telling staff to change its slug: to move a
    published address."""
    published.write("press-releases/2026/a-neo.md", release(1))  # before proto.md by path; the same title
    check = published.run("check", "--lang", "en")
    assert "press-releases/2026/a-neo.md:2: slug: 'deltio-arithmos-1' is already used by " \
        "press-releases/2026/proto.md" in check.stdout, check.stdout
    assert "proto.md:2: slug" not in check.stdout


def test_an_item_set_back_to_its_first_address_keeps_it_when_its_slug_line_goes(published: Project) -> None:
    """Moved by `slug:`, then set back by `slug:` to its first address, then the line deleted (the same address as
    its title gives): it moved to the second address again, without a word, because the registry knew the first
    address as the older one."""
    edit(published, "category: perivallon", "category: perivallon\nslug: nea-dieythynsi")
    assert published.publish().returncode == 0
    edit(published, "slug: nea-dieythynsi", f"slug: {URL.rstrip('/').rsplit('/', 1)[-1]}")
    assert published.publish().returncode == 0
    edit(published, f"slug: {URL.rstrip('/').rsplit('/', 1)[-1]}\n", "")
    check = published.run("check", "--lang", "en")
    assert "address changes" not in check.stdout, check.stdout
    assert published.publish().returncode == 0
    assert "http-equiv=\"refresh\"" not in (published.live() / URL / "index.html").read_text(encoding="utf-8"), \
        "the page itself, not a redirect"


def test_a_pull_request_checkout_knows_the_published_urls_from_the_pushed_tags(
        published: Project, tmp_path: Path) -> None:
    remote = git.Repo.init(tmp_path / "forge.git", bare=True, initial_branch="main")
    published.repo.create_remote("origin", remote.working_dir)
    published.repo.git.push("-u", "origin", "main")
    edit(published, "title: Δελτίο αριθμός 1", "title: Νέος τίτλος")
    published.repo.git.push("origin", "main")
    result = published.run("publish")  # with fetch: pushes the publication tags
    assert result.returncode == 0, result.stdout + result.stderr
    clone = git.Repo.clone_from(remote.working_dir, tmp_path / "pr")
    clone_content = Path(clone.working_dir) / "content"
    assert Registry.of(clone_content).urls == {"press-releases/2026/proto.md": [URL]}


def test_the_registry_reads_tag_messages_oldest_first() -> None:
    first = "Published\n\n" + tag_lines([("a.md", "x/a/"), ("b.md", "x/b/")], "1" * 64)
    second = "Published\n\n" + tag_lines([("a.md", "x/new/")], "2" * 64)
    registry = Registry.parse([first, second, textwrap.dedent("unrelated\n+ not a line\n")])
    assert registry.urls == {"a.md": ["x/a/", "x/new/"], "b.md": ["x/b/"]}
    assert registry.last_state == "2" * 64


def test_a_tag_without_new_urls_says_so_and_a_tag_without_state_reads_as_none() -> None:
    assert tag_lines([], "3" * 64) == ("Public at these URLs for the first time, or again after another:\n(none)\n\n"
                                       f"Kiryx-State: {'3' * 64}\nKiryx-Held-Files: 0\n")
    assert Registry.parse(["Published\n\n+ a.md -> x/a/\n"]).last_state == ""


def test_a_tag_says_which_files_its_publication_held_back() -> None:
    """By it the next publication knows which files were on the site: a tag that does not say is not taken to have
    held none."""
    said = tag_lines([], "3" * 64, {"files/2026/b.pdf", "media/2026/a c.jpg"})
    assert said.endswith("Kiryx-Held-Files: 2\nKiryx-Held: files/2026/b.pdf\nKiryx-Held: media/2026/a c.jpg\n")
    assert Registry.parse(["one\n" + tag_lines([], "1" * 64, {"x.pdf"}), "two\n" + said]).held_then == {
        "files/2026/b.pdf", "media/2026/a c.jpg"}, "the last publication's"
    assert Registry.parse(["one\n" + said, "two\n" + tag_lines([], "1" * 64)]).held_then == frozenset()
    assert Registry.parse([said, "Published\n\n+ a.md -> x/a/\n"]).held_then is None, "an older tag says nothing"


def test_a_first_publication_of_a_large_archive_records_every_url(published: Project) -> None:
    from datetime import datetime

    from kiryx.publishing.repository import tag_publication
    pairs = [(f"press-releases/2025/deltio-{n}.md", f"press-releases/2025/deltio-me-megalo-titlo-{n}/")
             for n in range(3000)]  # ~200 KB: more than one command-line argument may hold
    tag_publication(published.repo, [], tag_lines(pairs, "0" * 64), datetime(2026, 11, 25, 9, 0).astimezone(),
                    "press@alimos.gr")
    assert len(Registry.of(published.content).urls) == 3001



def checked(content_dir: Path, files: dict[str, str]) -> dict[str, Item]:
    """Real checked items (outside git: nothing published yet), by file name."""
    for name, front in files.items():
        write(content_dir, f"press-releases/2026/{name}.md", f"---\n{front}date: 2026-11-20 10:00\nsummary: Σύνοψη.\n"
              "category: perivallon\n---\nΚείμενο.\n")
    items = check(load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW="2026-11-24 12:00",
                                CACHE_PATH=str(content_dir.parent / "cache"))).items
    return {Path(i.source.rel).stem: i for i in items}


def test_first_seen_lists_only_the_public_urls_no_publication_has_listed(content_dir: Path) -> None:
    shutil.rmtree(content_dir / "pages")  # the releases alone
    items = checked(content_dir, {name: f"title: Δελτίο {name}\n" for name in ("gamma", "alfa", "vita")})
    url = {stem: item.url for stem, item in items.items()}
    registry = Registry({"press-releases/2026/alfa.md": [url["alfa"]],  # listed already
                         "press-releases/2026/vita.md": ["press-releases/2026/palia-dieythynsi/"]}, "")
    day = f"{items['gamma'].values['date']:%Y-%m-%d}"  # each with the date it has now: a feed id's day
    assert registry.first_seen(items.values()) == [  # sorted by file; vita's URL is new although the file is known
        ("press-releases/2026/gamma.md", url["gamma"], day), ("press-releases/2026/vita.md", url["vita"], day)]
    assert Registry().first_seen([items["alfa"]]) == [("press-releases/2026/alfa.md", url["alfa"], day)]
    lines = tag_lines(registry.first_seen(items.values()), "4" * 64)
    assert Registry.parse([lines]).first_days == {"press-releases/2026/gamma.md": day,
                                                  "press-releases/2026/vita.md": day}
    assert Registry.parse(["+ a.md -> x/a/ @ 2026-01-02\n", "+ a.md -> x/b/ @ 2026-03-04\n"]).first_days == {
        "a.md": "2026-01-02"}, "the first publication's"


OLD, OLDER = "press-releases/2026/palios-titlos/", "press-releases/2026/archikos-titlos/"
OLDEST = "press-releases/2026/protos-titlos/"


def test_resolve_keeps_a_retitled_item_at_its_last_published_url(content_dir: Path) -> None:
    items = checked(content_dir, {"a": "title: Νέος τίτλος\n", "b": "title: Άλλο δελτίο\n",
                                  "c": "title: Πρώτο όνομα\n", "d": "title: Τέταρτο\n"})
    second, fourth = "press-releases/2026/deytero-onoma/", "press-releases/2026/tetarto/"
    redirects, problems = resolve(list(items.values()), Registry({
        "press-releases/2026/a.md": [OLDEST, OLDER, OLD],
        "press-releases/2026/c.md": ["press-releases/2026/proto-onoma/", second],  # retitled back to its first title
        "press-releases/2026/d.md": [OLDEST.replace("titlos", "onoma"), "press-releases/2026/palio-onoma/",
                                     fourth]}))  # published under this title
    assert problems == []
    assert items["a"].url == items["a"].permalink == OLD and items["a"].slug == "palios-titlos"
    assert items["b"].permalink is None and items["b"].url == "press-releases/2026/allo-deltio/"
    assert items["c"].url == items["c"].permalink == second and items["c"].slug == "deytero-onoma"
    assert items["d"].permalink is None and items["d"].url == fourth
    assert redirects == sorted([Redirect(OLDEST, OLD, "press-releases/2026/a.md"),
                                Redirect(OLDER, OLD, "press-releases/2026/a.md"),
                                Redirect("press-releases/2026/proto-onoma/", second, "press-releases/2026/c.md"),
                                Redirect("press-releases/2026/palio-onoma/", fourth, "press-releases/2026/d.md"),
                                Redirect("press-releases/2026/protos-onoma/", fourth, "press-releases/2026/d.md")],
                               key=lambda r: r.source)


def test_resolve_moves_an_item_whose_slug_was_set_and_redirects_every_earlier_url(content_dir: Path) -> None:
    items = checked(content_dir, {"a": "title: Τίτλος\nslug: nea-dieythynsi\n"})
    new = "press-releases/2026/nea-dieythynsi/"
    redirects, problems = resolve(list(items.values()), Registry({"press-releases/2026/a.md": [OLDEST, OLD, OLDER]}))
    assert items["a"].permalink is None and items["a"].url == new
    assert redirects == [Redirect(OLDER, new, "press-releases/2026/a.md"), Redirect(OLD, new, "press-releases/2026/a.md"),
                         Redirect(OLDEST, new, "press-releases/2026/a.md")]
    [warning] = problems
    assert (warning.path, warning.line, warning.field, warning.severity) == ("press-releases/2026/a.md", 3, "slug",
                                                                            "warning")  # the slug: line
    assert warning.message.render("en") == (f"the address changes from /{OLDER} to /{new}; the old address will "
                                            "redirect to the new one. Leave out 'slug:' to keep the published address")


def test_resolve_moving_back_to_an_earlier_slug_needs_no_warning(content_dir: Path) -> None:
    items = checked(content_dir, {"a": "title: Τίτλος\nslug: palios-titlos\n"})
    redirects, problems = resolve(list(items.values()), Registry({"press-releases/2026/a.md": [OLD, OLDER]}))
    assert problems == [] and items["a"].url == OLD
    assert redirects == [Redirect(OLDER, OLD, "press-releases/2026/a.md")]


def test_resolve_reports_deleted_files_and_urls_taken_from_another_item(content_dir: Path) -> None:
    items = checked(content_dir, {"a": "title: Τίτλος\n", "b": "title: Δεύτερο\nslug: palios-titlos\n",
                                  "c": "title: Αρχικός τίτλος\n"})
    registry = Registry({"press-releases/2026/a.md": [OLD, OLDER, "press-releases/2026/titlos/"],
                         "press-releases/2026/svismeno.md": [OLDEST, "press-releases/2026/meseo/",
                                                             "press-releases/2026/teleytaio/"]})
    _, problems = resolve(list(items.values()), registry)
    assert [(p.path, p.line, p.field, p.severity) for p in problems] == [
        ("press-releases/2026/svismeno.md", 1, "file", "error"),
        ("press-releases/2026/b.md", 3, "slug", "error"),    # its slug: line
        ("press-releases/2026/c.md", 2, "slug", "error")]   # no slug: its title line (the first line is ---)
    texts = [p.message.render("en") for p in problems]
    assert texts[0] == ("was published at /press-releases/2026/teleytaio/ and has been deleted, which would break "
                        "that address; restore the file and withdraw it instead ('status: withdrawn' with a "
                        "'withdrawal_note:')")
    assert texts[1] == f"/{OLD} was published for press-releases/2026/a.md and must keep pointing there; " \
                       "set a different 'slug:'"


def test_the_registry_reads_only_publication_tags_in_the_order_they_were_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from kiryx.publishing.repository import tag_publication
    repo = git.Repo.init(tmp_path, initial_branch="main")
    repo.git.commit("--allow-empty", "-m", "+ c.md -> x/from-a-commit/", author="A <a@example.org>",
                    env={"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"})
    for made, named, url, state in (("2026-11-25T10:00:00+02:00", datetime(2026, 11, 26, 9, 0), "x/old/", "a" * 64),
                                    ("2026-11-25T11:00:00+02:00", datetime(2026, 11, 24, 9, 0), "x/new/", "b" * 64)):
        monkeypatch.setenv("GIT_COMMITTER_DATE", made)  # the second tag is made later but named earlier
        tag_publication(repo, [], tag_lines([("a.md", url)], state), named.astimezone(), "press@alimos.gr")
    repo.git.tag("-a", "v1", "-m", "+ b.md -> x/not-a-publication/\n\nKiryx-State: " + "f" * 64)
    registry = Registry.of(tmp_path)
    assert registry.urls == {"a.md": ["x/old/", "x/new/"]}
    assert registry.last_state == "b" * 64


def test_a_moved_items_press_kit_keeps_the_name_its_mails_gave(tmp_path: Path) -> None:
    """The old folder's redirect leads to the same file name in the new one."""
    project = Project(tmp_path)
    (project.content / "files/2026").mkdir(parents=True)
    (project.content / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    project.write("press-releases/2026/proto.md", attaching(release(1), "files/2026/apofasi.pdf", "Η απόφαση"))
    project.commit("Πρώτο δελτίο")
    assert project.publish().returncode == 0
    assert (project.live() / URL / "press-kit-deltio-arithmos-1.zip").is_file()
    edit(project, "category: perivallon", "category: perivallon\nslug: nea-dieythynsi")
    assert project.publish().returncode == 0
    assert (project.live() / "press-releases/2026/nea-dieythynsi/press-kit-deltio-arithmos-1.zip").is_file()
