"""Embargo across every output: body images held with their item, and a guard that stops any leak."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import zipfile
from datetime import datetime
from pathlib import Path

import git
import pytest

from kiryx.build_state import read_state, record_needles
from kiryx.content.catalogue import Catalogue
from kiryx.content.problems import ContentError
from kiryx.embargo_guard import (
    MIN_TITLE,
    EmbargoLeak,
    Needles,
    Secret,
    guard,
    held_outputs,
    mentions,
    scan,
    secrets,
)
from kiryx.i18n import msg
from kiryx.images import renditions
from kiryx.site import ROOT, check, load_settings
from pelicanconf import KIRYX
from tests.conftest import SAMPLE_NOW, SiteBuilder, write
from tests.pdfs import text_pdf
from tests.publishing import Project, attaching, release, smtp_server
from tests.test_check import check as run_check
from tests.test_images import photo
from tests.test_media import bomb_png, mislabelled

EMBARGOED = """
---
title: Νέο πάρκο στην παραλία του Καλαμακίου
date: 2026-12-02 09:00
summary: Παρουσίαση του νέου πάρκου.
category: erga-ypodomes
---
Το σχέδιο του πάρκου:

![Σχέδιο του νέου πάρκου](/media/2026/schedio-parkou.jpg)

Η [μελέτη](/files/2026/meleti.pdf) σε PDF.
"""
URL = "press-releases/2026/neo-parko-stin-paralia-tou-kalamakiou/"


@pytest.fixture
def content(content_dir: Path) -> Path:
    photo(content_dir / "media/2026/schedio-parkou.jpg", size=(1200, 800))
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/meleti.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/parko.md", EMBARGOED)
    write(content_dir, "press-releases/2026/allo.md", release(1))
    return content_dir


def checked(content: Path, tmp_path: Path) -> tuple[dict, Catalogue, datetime]:
    """The settings, checked catalogue and moment of a check of `content` at the sample's time."""
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content, KIRYX_NOW=SAMPLE_NOW,
                             CACHE_PATH=str(tmp_path / "cache"))
    return settings, check(settings), settings["KIRYX_NOW"]


def rendition_folder(image: Path) -> str:
    """Where a photo's renditions are published (the first test checks this is where they appear)."""
    return renditions.published_folder(renditions.key(hashlib.sha256(image.read_bytes()).hexdigest()))


def all_paths(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in site.rglob("*")]


def test_body_images_and_documents_are_held_with_their_item(content: Path, build_site: SiteBuilder,
                                                            tmp_path: Path) -> None:
    before = build_site()
    assert not (before / URL).exists()
    assert not any("schedio-parkou" in p or "meleti" in p for p in all_paths(before))
    earlier = {p.parent.name for p in (before / "media/renditions").rglob("*.webp")}
    after = build_site(now="2026-12-02T09:00:00+02:00")
    assert (after / "media/2026/schedio-parkou.jpg").is_file() and (after / "files/2026/meleti.pdf").is_file()
    new = {p.parent.name for p in (after / "media/renditions").rglob("*.webp")} - earlier
    assert new, "the body image's renditions appear once the item is public"
    _, catalogue, now = checked(content, tmp_path)  # while it was held, the guard watched for exactly those
    assert {f"media/renditions/{name}" for name in new} <= held_outputs(catalogue, now).keys()
    page = (after / URL / "index.html").read_text(encoding="utf-8")
    assert "<picture>" in page and 'alt="Σχέδιο του νέου πάρκου"' in page


@pytest.mark.parametrize(("body", "expected"), [
    ("![Σχέδιο](/media/2026/lathos.jpg)", "body: 'media/2026/lathos.jpg' does not exist in the content folder"),
    ("![](/media/2026/schedio-parkou.jpg)", "body: the image 'media/2026/schedio-parkou.jpg' has no description"),
    ("![Βόμβα](/media/2026/bomba.png)", "body: 'media/2026/bomba.png' declares too many pixels"),
    ("![Ψεύτικο](/media/2026/pseftiko.jpg)", "body: 'media/2026/pseftiko.jpg' is really a PNG image named .jpg"),
    ("[Απόφαση](/files/2026/den-yparchei.pdf)", "body: 'files/2026/den-yparchei.pdf' does not exist"),
])
def test_body_images_are_checked_like_front_matter_images(content: Path, capsys: pytest.CaptureFixture[str],
                                                          body: str, expected: str) -> None:
    bomb_png(content / "media/2026/bomba.png")
    mislabelled(content / "media/2026/pseftiko.jpg")
    write(content, "press-releases/2026/allo.md", release(1) + f"\n        Δείτε: {body}\n")
    code, problems = run_check(content, capsys)
    assert code == 1
    assert any(f"allo.md:9: {expected}" in p for p in problems), problems


def test_the_check_stops_a_public_text_that_mentions_an_embargoed_one(content: Path, build_site: SiteBuilder,
                                                                     tmp_path: Path) -> None:
    """What the guard would find in the output, said first by the check on the line that does it."""
    write(content, "press-releases/2026/allo.md", release(1).replace("Σύνοψη", "Μετά το «Νέο πάρκο στην παραλία του "
                                                                     "Καλαμακίου», σύνοψη") + f"""
        Δείτε [εδώ](https://press.alimos.gr/{URL}).

        Και [χωρίς την τελευταία κάθετο](/{URL.rstrip('/')}).
        """)
    write(content, "coverage/2026/arthro.md", """
        ---
        title: Άρθρο για το πάρκο
        date: 2026-11-21 10:00
        outlet: Εφημερίδα
        url: https://example.org/arthro
        kind: web
        reply: press-releases/2026/parko.md
        ---
        """)
    _, catalogue, _ = checked(content, tmp_path)
    until = "which is not public until 2 Δεκεμβρίου 2026, 09:00; publishing would stop here"
    assert [str(p) for p in catalogue.errors] == [
        f"coverage/2026/arthro.md:7: reply: mentions press-releases/2026/parko.md (its source path), {until}"
        ": remove the mention, or wait until then",
        f"press-releases/2026/allo.md:4: summary: mentions press-releases/2026/parko.md (its title), {until}"
        ": remove the mention, or wait until then",
        f"press-releases/2026/allo.md:9: body: mentions press-releases/2026/parko.md (its address), {until}"
        ": remove the mention, or wait until then"], "once for the two links of the same address"
    answer = tmp_path / "cache/mentions.pickle"  # kept by what it depends on: the same content, the same answer
    key, found = pickle.loads(answer.read_bytes())
    answer.write_bytes(pickle.dumps((key, found[:1])))
    assert len(checked(content, tmp_path)[1].errors) == 1, "read from the cache"
    write(content, "coverage/2026/arthro.md", (content / "coverage/2026/arthro.md").read_text(encoding="utf-8")
          .replace("reply: press-releases/2026/parko.md\n", ""))
    assert len(checked(content, tmp_path)[1].errors) == 2, "a file changed: searched again"
    internal = load_settings(ROOT / "pelicanconf.py", PATH=content, KIRYX_NOW=SAMPLE_NOW,
                             CACHE_PATH=str(tmp_path / "cache"), KIRYX={**KIRYX, "coverage_public": False})
    assert not [p for p in check(internal).errors if p.path.startswith("coverage/")], "an archive not shown"
    with pytest.raises(ContentError):
        build_site()
    assert not (content.parent / "output").exists(), "nothing was swapped in"
    assert build_site(now="2026-12-02 09:00").is_dir(), "once it is public"


DECISION = """
    ---
    title: Απόφαση για τη στάθμευση στην παραλία
    date: 2026-12-02 09:00
    summary: Νέα ρύθμιση της στάθμευσης.
    category: erga-ypodomes
    image: media/2026/apofasi.jpg
    image_alt: Η παραλία του Καλαμακίου
    attachments:
      - file: files/2026/apofasi.pdf
        title: Η απόφαση
    ---
    Κείμενο.
    """


def committed(content: Path, message: str) -> None:
    """Everything in the content folder committed (a repository made at the first call)."""
    with git.Repo.init(content.parent) as repo:
        with repo.config_writer() as config:
            config.set_value("user", "name", "Γραφείο Τύπου").set_value("user", "email", "press@alimos.gr")
        repo.git.add("content")
        repo.git.commit("-qm", message)


def test_a_file_an_embargoed_item_brings_stays_held_when_a_public_text_links_it(
        content: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    """A decision's PDF, committed with a release embargoed until Monday, went out on Saturday: a public text linked
    it, and a file any public item used was published. It comes out with the item that brought it; the link is said
    to lead nowhere until then, and a photo shown early (its renditions would be published) is an error."""
    photo(content / "media/2026/apofasi.jpg", size=(1200, 800))
    (content / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    write(content, "press-releases/2026/apofasi.md", DECISION)
    committed(content, "Απόφαση υπό εμπάργκο")
    write(content, "press-releases/2026/allo.md", release(1) + "\n        Η [απόφαση](/files/2026/apofasi.pdf).\n")
    until = "which is not public until 2 Δεκεμβρίου 2026, 09:00"
    assert [str(p) for p in checked(content, tmp_path)[1].problems if "allo.md:" in str(p)] == [
        f"press-releases/2026/allo.md:9: body: warning: links to files/2026/apofasi.pdf, a file of "
        f"press-releases/2026/apofasi.md, {until}: the file goes out with it, and the link leads nowhere until then"]
    assert not (build_site() / "files/2026/apofasi.pdf").exists(), "held with the item that brings it"
    assert (build_site(now="2026-12-02 09:00") / "files/2026/apofasi.pdf").is_file()
    write(content, "press-releases/2026/allo.md", release(1) + "\n        ![Η παραλία](/media/2026/apofasi.jpg)\n")
    assert [str(p) for p in checked(content, tmp_path)[1].problems if "allo.md:" in str(p)] == [
        f"press-releases/2026/allo.md:9: body: shows media/2026/apofasi.jpg, a photo of "
        f"press-releases/2026/apofasi.md, {until}; publishing would stop here: remove it, or wait until then"]


def test_a_file_an_embargoed_text_shows_or_links_stays_held_when_a_public_text_does_too(
        content: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    """A photo and a PDF placed only in an embargoed release's text went out days early, unsaid, once a public text
    used them too: a file of a held item's text is held with it, as one of its fields is. A new file a public item
    attaches, which an embargoed text links, is that item's: it goes out with it, and nothing is said. A draft's text
    does not take a file from a public one (a draft that reused a public text's new photo stopped every
    publication)."""
    (content / "files/2026/programma.pdf").write_bytes(text_pdf())
    write(content, "press-releases/2026/allo.md", attaching(release(1), "files/2026/programma.pdf", "Το πρόγραμμα")
          + "\n        Η [μελέτη](/files/2026/meleti.pdf).\n")
    write(content, "press-releases/2026/parko.md", EMBARGOED + "\nΤο [πρόγραμμα](/files/2026/programma.pdf).\n")
    said = [str(p) for p in checked(content, tmp_path)[1].problems if "press-releases/" in str(p)]
    assert said == [
        "press-releases/2026/allo.md:12: body: warning: links to files/2026/meleti.pdf, a file of "
        "press-releases/2026/parko.md, which is not public until 2 Δεκεμβρίου 2026, 09:00: the file goes out with it, "
        "and the link leads nowhere until then"]
    site = build_site()
    assert not (site / "files/2026/meleti.pdf").exists() and (site / "files/2026/programma.pdf").is_file()
    write(content, "press-releases/2026/allo.md", release(1) + "\n        ![Το σχέδιο](/media/2026/schedio-parkou.jpg)\n")
    assert [str(p) for p in checked(content, tmp_path)[1].problems if "allo.md" in str(p)] == [
        "press-releases/2026/allo.md:9: body: shows media/2026/schedio-parkou.jpg, a photo of "
        "press-releases/2026/parko.md, which is not public until 2 Δεκεμβρίου 2026, 09:00; publishing would stop "
        "here: remove it, or wait until then"]
    write(content, "press-releases/2026/parko.md", EMBARGOED.replace("date: 2026-12-02 09:00",
                                                                     "date: 2026-11-02 09:00\nstatus: draft"))
    assert not [p for p in checked(content, tmp_path)[1].problems if "allo.md" in str(p)], "a draft may never go out"
    assert (build_site() / "media/2026/schedio-parkou.jpg").is_file(), "the public text's photo, not the draft's"


def test_the_files_of_an_internal_coverage_archive_are_not_published(content_dir: Path, build_site: SiteBuilder,
                                                                     tmp_path: Path) -> None:
    """With the media-coverage archive kept internal, an entry (never built) published its clipping, and released an
    embargoed release's new photo that it showed, days early and unsaid."""
    photo(content_dir / "media/2026/nea-plateia.jpg", size=(1200, 800))
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/apokomma.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/plateia.md", release(1, "2026-12-02 09:00").replace(
        "category:", "image: media/2026/nea-plateia.jpg\n        image_alt: Η νέα πλατεία\n        category:"))
    write(content_dir, "coverage/2026/efimerida.md", """
        ---
        title: Η νέα πλατεία στον Τύπο
        date: 2026-11-19
        outlet: Καθημερινή
        url: https://kathimerini.example/2026/11/plateia
        kind: print
        image: media/2026/nea-plateia.jpg
        image_alt: Η νέα πλατεία
        attachments:
          - file: files/2026/apokomma.pdf
            title: Το απόκομμα
        ---
        """)
    internal = {**KIRYX, "coverage_public": False}
    site = build_site(KIRYX=internal)
    assert not (site / "media/2026/nea-plateia.jpg").exists() and not (site / "files/2026/apokomma.pdf").exists()
    assert (build_site(KIRYX=KIRYX) / "files/2026/apokomma.pdf").is_file(), "a public archive publishes its files"
    assert (build_site(now="2026-12-02 09:00", KIRYX=internal) / "media/2026/nea-plateia.jpg").is_file()


def test_a_file_on_the_site_stays_there_and_one_not_yet_on_it_waits_for_its_item(tmp_path: Path) -> None:
    """The publication's tag records the files it held back, so the next one knows which were on the site: a file
    there stays there when an embargoed item or a draft reuses it (a first rule, by the order of commits, took a
    published PDF off the site, and a draft's reused photo stopped every publication), while one never on it waits
    for the embargoed item that brings it, however it was committed (uploaded first, rebased: it went out early).
    The press kit's files are published whole (an embargoed item with a press-kit photo stopped every publication)."""
    project = Project(tmp_path)
    photo(project.content / "media/2026/apofasi.jpg", size=(1200, 800))
    photo(project.content / "press-kit/photos/dimarcheio.jpg", size=(1200, 800))
    (project.content / "files/2026").mkdir(parents=True)
    (project.content / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    (project.content / "files/2026/meleti.pdf").write_bytes(text_pdf())  # uploaded for a text still to come
    project.write("press-releases/2026/allo.md", release(1) + (
        "\n        Η [απόφαση](/files/2026/apofasi.pdf).\n\n        ![Η παραλία](/media/2026/apofasi.jpg)\n"))
    project.commit("Δημόσιο κείμενο με το PDF και τη φωτογραφία· μια μελέτη για αργότερα")
    assert project.publish().returncode == 0
    project.write("press-releases/2026/apofasi.md", DECISION)
    project.write("press-releases/2026/proschedio.md", DECISION.replace("title: Απόφαση", "title: Σχέδιο απόφασης")
                  .replace("date: 2026-12-02 09:00", "date: 2026-11-20 09:00\n    status: draft"))
    project.write("press-releases/2026/dimarcheio.md", release(2, "2026-12-02 09:00").replace(
        "category:", "image: press-kit/photos/dimarcheio.jpg\n        image_alt: Το δημαρχείο\n        category:"))
    project.write("press-releases/2026/meleti.md", attaching(release(3, "2026-12-02 09:00"),
        "files/2026/meleti.pdf", "Η μελέτη"))
    project.write("press-releases/2026/trito.md", release(4) + "\n        Η [μελέτη](/files/2026/meleti.pdf).\n")
    project.commit("Κείμενα που ξαναχρησιμοποιούν αρχεία, και η μελέτη υπό εμπάργκο")
    out = project.run("check").stdout
    assert ": 0 error(s)" in out and "trito.md:9: body: warning: links to files/2026/meleti.pdf, a file of " \
        "press-releases/2026/meleti.md, which is not public until 2 Δεκεμβρίου 2026, 09:00" in out, out
    assert project.publish().returncode == 0
    live = project.live()
    assert [(live / f).is_file() for f in ("files/2026/apofasi.pdf", "media/2026/apofasi.jpg",
                                           "press-kit/photos/dimarcheio.jpg", "files/2026/meleti.pdf")] == [
        True, True, True, False]
    project.set_now("2026-12-02 09:00")
    assert project.publish().returncode == 0 and (project.live() / "files/2026/meleti.pdf").is_file()
    (project.content / "files/2026/meleti-v2.pdf").write_bytes(text_pdf())  # a new version beside the old one
    for name in ("meleti.md", "trito.md"):
        text = (project.content / "press-releases/2026" / name).read_text(encoding="utf-8")
        (project.content / "press-releases/2026" / name).write_text(text.replace("meleti.pdf", "meleti-v2.pdf"),
                                                                      encoding="utf-8")
    project.commit("Νέα έκδοση της μελέτης")
    assert "meleti.pdf" not in project.run("check").stdout.replace("meleti-v2.pdf", ""), "no «not published»"
    assert project.publish().returncode == 0
    assert (project.live() / "files/2026/meleti.pdf").is_file(), "on the site, used or not: mails link it"


def test_a_file_on_the_site_written_over_for_an_embargoed_item_is_said(tmp_path: Path) -> None:
    """An embargoed release's PDF saved over a public one of the same name went out at once, at the old address."""
    project = Project(tmp_path)
    (project.content / "files/2026").mkdir(parents=True)
    (project.content / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    project.write("press-releases/2026/allo.md", attaching(release(1), "files/2026/apofasi.pdf", "Η απόφαση"))
    project.commit("Δημόσιο κείμενο με την απόφαση")
    assert project.publish().returncode == 0
    (project.content / "files/2026/apofasi.pdf").write_bytes(text_pdf(title="Νέα απόφαση υπό εμπάργκο"))
    project.write("press-releases/2026/nea.md", attaching(release(2, "2026-12-02 09:00"),
        "files/2026/apofasi.pdf", "Η νέα απόφαση"))
    project.commit("Νέα απόφαση, στο ίδιο όνομα")
    assert ("nea.md:6: attachments[0].file: warning: files/2026/apofasi.pdf is on the site already, and "
            "press-releases/2026/allo.md uses it: its new content goes out now, before this item; if the new version "
            "is this item's, give it a name of its own") in project.run("check").stdout


def test_a_file_written_over_is_said_only_where_its_new_content_is_a_held_items_alone(tmp_path: Path) -> None:
    """Written over and shown only in an embargoed text, a photo's new content went out unsaid (only the fields were
    looked at). Written over where a public item uses it too, it may be that item's update: the embargoed item is
    told which, and to rename it only if the new version is its own. A branch begun before main wrote a file over
    was told it had."""
    project = Project(tmp_path)
    photo(project.content / "media/2026/plateia.jpg", size=(1200, 800))
    photo(project.content / "media/2026/gipedo.jpg", size=(1200, 800))
    image = "image: media/2026/gipedo.jpg\n        image_alt: Το γήπεδο\n        category:"
    project.write("press-releases/2026/plateia.md", release(1) + "\n        ![Η πλατεία](/media/2026/plateia.jpg)\n")
    project.write("press-releases/2026/gipedo.md", release(2).replace("category:", image))
    project.commit("Η πλατεία και το γήπεδο")
    assert project.publish().returncode == 0
    project.write("press-releases/2026/plateia.md", release(1))  # the photo stays on the site, unused
    project.commit("Χωρίς τη φωτογραφία")
    assert project.publish().returncode == 0
    project.repo.git.branch("protasi")
    photo(project.content / "media/2026/plateia.jpg", size=(1300, 800))  # new content under the same names
    photo(project.content / "media/2026/gipedo.jpg", size=(1300, 800))
    project.write("press-releases/2026/nea.md", release(3, "2026-12-02 09:00").replace("category:", image)
                  + "\n        ![Η πλατεία](/media/2026/plateia.jpg)\n")
    project.commit("Νέες φωτογραφίες, και ένα κείμενο υπό εμπάργκο")
    said = [line.split("/content/", 1)[1] for line in project.run("check").stdout.splitlines()
            if "is on the site already" in line]
    assert said == [
        "press-releases/2026/nea.md:5: image: warning: media/2026/gipedo.jpg is on the site already, and "
        "press-releases/2026/gipedo.md uses it: its new content goes out now, before this item; if the new version is "
        "this item's, give it a name of its own",
        "press-releases/2026/nea.md:11: body: warning: media/2026/plateia.jpg is on the site already, and its new "
        "content goes out under that address now, before this item; give the new version a name of its own"], said
    assert project.publish().returncode == 0
    project.repo.git.checkout("-q", "protasi")  # begun before main wrote them over
    project.write("press-releases/2026/allo.md", release(4, "2026-12-02 09:00").replace("category:", image)
                  + "\n        ![Η πλατεία](/media/2026/plateia.jpg)\n")
    project.commit("Ένα κείμενο υπό εμπάργκο σε κλάδο")
    assert "is on the site already" not in project.run("check").stdout


def test_what_goes_out_before_the_item_that_brings_it_is_said(content: Path, tmp_path: Path) -> None:
    """Attached by a public item too, or in the press kit (published whole), a held item's new file goes out before
    it: said, as a link is; an embargoed text that shows it before it is told to date itself from then."""
    photo(content / "media/2026/apofasi.jpg", size=(1200, 800))
    photo(content / "press-kit/photos/kolymvitirio.jpg", size=(1200, 800))
    (content / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    write(content, "press-releases/2026/apofasi.md", DECISION.replace(
        "media/2026/apofasi.jpg", "press-kit/photos/kolymvitirio.jpg"))
    write(content, "press-releases/2026/synedriasi.md", attaching(release(7), "files/2026/apofasi.pdf", "Εισήγηση"))
    write(content, "press-releases/2026/parko2.md", DECISION.replace("title: Απόφαση", "title: Το πάρκο")
          .replace("2026-12-02 09:00", "2026-12-05 09:00").replace("files/2026/apofasi.pdf", "files/2026/meleti.pdf"))
    write(content, "press-releases/2026/noris.md", release(8, "2026-12-01 09:00") + (
        "\n        ![Το πάρκο](/media/2026/apofasi.jpg)\n"))
    committed(content, "Απόφαση, συνεδρίαση, πάρκο")
    said = [str(p) for p in checked(content, tmp_path)[1].problems if p.path.startswith("press-releases/")]
    assert said == [
        "press-releases/2026/apofasi.md:6: image: warning: press-kit/photos/kolymvitirio.jpg is in the press kit, "
        "which is published whole: it is public now, before this item; until then keep it in media/YYYY/ (a document in "
        "files/YYYY/)",
        "press-releases/2026/noris.md:9: body: goes out on 1 Δεκεμβρίου 2026, 09:00 but shows media/2026/apofasi.jpg, "
        "a photo of press-releases/2026/parko2.md, which is not public until 5 Δεκεμβρίου 2026, 09:00; the "
        "publication then would stop: remove it, or date this item from then on",
        "press-releases/2026/parko.md:11: body: warning: goes out on 2 Δεκεμβρίου 2026, 09:00 but links to "
        "files/2026/meleti.pdf, a file of press-releases/2026/parko2.md, which is not public until 5 Δεκεμβρίου "
        "2026, 09:00: the link leads nowhere until then",
        "press-releases/2026/synedriasi.md:6: attachments[0].file: warning: uses files/2026/apofasi.pdf, which "
        "press-releases/2026/apofasi.md brings and is not public until 2 Δεκεμβρίου 2026, 09:00: the file goes "
        "out with this item, before it"], said


def test_a_draft_dated_ahead_is_said_to_be_a_draft(content: Path, tmp_path: Path) -> None:
    """It was said to be public «until» its date, and staff who waited were still stopped (and the kept answer went
    on saying «until» a date gone by)."""
    write(content, "press-releases/2026/proschedio.md", release(5, "2026-11-30 09:00").replace(
        "category:", "status: draft\n        category:"))
    write(content, "press-releases/2026/allo.md", release(1) + (
        "\n        Δείτε [το σχέδιο](/press-releases/2026/deltio-arithmos-5/).\n"))

    def said(now: str) -> list[str]:
        settings = load_settings(ROOT / "pelicanconf.py", PATH=content, KIRYX_NOW=now,
                                 CACHE_PATH=str(tmp_path / "cache"))
        return [str(p.message) for p in check(settings).errors if p.path.endswith("allo.md")]

    draft = ["mentions press-releases/2026/proschedio.md (its address), which is not public (a draft, until 'status: "
             "draft' is taken out); publishing would stop here: remove the mention, or wait until then"]
    assert said(SAMPLE_NOW) == said("2026-11-30 10:00") == draft


def test_an_embargoed_text_that_mentions_one_held_longer_is_stopped_now(content: Path, tmp_path: Path) -> None:
    """Found in the pull request, not on the 1st of December, when it would hold back every publication until the
    2nd (and not for one that goes out after it, nor for a draft that goes out never)."""
    mention = f"\n        Δείτε [το πάρκο](https://press.alimos.gr/{URL}).\n"
    write(content, "press-releases/2026/noris.md", release(11, "2026-12-01 09:00") + mention)
    write(content, "press-releases/2026/argotera.md", release(12, "2026-12-02 09:00") + mention)
    write(content, "press-releases/2026/proxeiro.md", release(13, "2026-12-01 09:00").replace(
        "category:", "status: draft\n        category:") + mention)
    _, catalogue, _ = checked(content, tmp_path)
    assert [str(p) for p in catalogue.errors] == [
        "press-releases/2026/noris.md:9: body: goes out on 1 Δεκεμβρίου 2026, 09:00 but mentions "
        "press-releases/2026/parko.md (its address), which is not public until 2 Δεκεμβρίου 2026, 09:00; the "
        "publication then would stop: remove the mention, or date this item from then on"]


def test_the_guard_searches_pages_zip_entries_and_held_files(content: Path, build_site: SiteBuilder,
                                                             tmp_path: Path) -> None:
    site = build_site()
    _, catalogue, now = checked(content, tmp_path)
    assert scan(site, catalogue, now) == []
    (site / "feeds/extra.xml").write_text("<title>Νέο πάρκο στην παραλία του Καλαμακίου</title>", encoding="utf-8")
    with zipfile.ZipFile(site / "kit.zip", "w") as archive:
        archive.writestr("press-releases/2026/parko.md", "x")
    (site / "files/2026").mkdir(parents=True)
    (site / "files/2026/meleti.pdf").write_bytes(b"%PDF")
    fragment = 'pagefind_dcd{"url":"/x/","content":"Νέο πάρκο στην παραλία του Καλαμακίου."}'.encode()
    (site / "pagefind/fragment").mkdir(parents=True, exist_ok=True)
    (site / "pagefind/fragment/el_1234567.pf_fragment").write_bytes(gzip.compress(fragment))  # as Pagefind writes
    found = sorted(str(p.message).split(",")[0] for p in scan(site, catalogue, now))
    assert found == ["feeds/extra.xml contains its title", "files/2026/meleti.pdf is in the output",
                     "kit.zip!press-releases/2026/parko.md contains its source path",
                     "pagefind/fragment/el_1234567.pf_fragment contains its title"]


def test_a_mention_stops_publish_before_deploy_and_mail(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit()
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        live = project.live()
        project.write("press-releases/2026/parko.md", EMBARGOED.replace("![Σχέδιο του νέου πάρκου]"
                      "(/media/2026/schedio-parkou.jpg)", "").replace("Η [μελέτη](/files/2026/meleti.pdf) σε PDF.", ""))
        project.write("press-releases/2026/allo.md", release(1) + f"\n        Δείτε [εδώ](/{URL}).\n")
        project.commit("Διαρροή")
        result = project.publish(port=port)
        assert result.returncode == 1 and "allo.md:9: body: mentions press-releases/2026/parko.md" in result.stderr
        assert server.received == [] and project.live() == live


def test_the_guard_reads_hidden_files_compressed_files_and_text_in_archives(
        content: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    site = build_site()
    _, catalogue, now = checked(content, tmp_path)
    title = "Νέο πάρκο στην παραλία του Καλαμακίου".encode()
    (site / ".htaccess").write_bytes(b"# " + title)
    (site / "sitemap-old.xml.gz").write_bytes(gzip.compress(b"<loc>" + title + b"</loc>"))
    (site / "media/blob.bin").write_bytes(b"\x00binary " + title)  # not text: not read
    with zipfile.ZipFile(site / "kit.zip", "w") as archive:
        archive.writestr("NOTES.TXT", b"Notes: " + title)
        archive.writestr("photo.jpg", b"\xff\xd8 " + title)  # a photo's bytes are not text
    # a calendar folds lines at 75 bytes: the title split in two (the guard missed a held event in every .ics)
    (site / "events/folded.ics").write_bytes(b"BEGIN:VEVENT\r\nSUMMARY:" + title[:30] + b"\r\n " + title[30:]
                                             + b"\r\nEND:VEVENT\r\n")
    found = sorted(str(p.message).split(",")[0] for p in scan(site, catalogue, now))
    assert found == [".htaccess contains its title", "events/folded.ics contains its title",
                     "kit.zip!NOTES.TXT contains its title", "sitemap-old.xml.gz contains its title"]


def test_what_the_guard_looks_for(content: Path, tmp_path: Path) -> None:
    """Every held item's path, address and title in its written forms; not a title a public item shares."""
    title = 'Άλσος & "Πάρκο"!'  # exactly MIN_TITLE (16) characters: long enough to be searched
    assert len(title) == MIN_TITLE
    write(content, "press-releases/2026/alsos.md", EMBARGOED.replace("Νέο πάρκο στην παραλία του Καλαμακίου",
                                                                     json.dumps(title, ensure_ascii=False)))
    write(content, "press-releases/2026/koino.md", release(7, "2026-12-03 09:00"))  # its title is public too:
    write(content, "press-releases/2026/koino-public.md", release(7))             # "Δελτίο αριθμός 7"
    _, catalogue, now = checked(content, tmp_path)
    needles = {(s.rel, s.needle.decode()) for s in secrets(catalogue, now)}
    assert needles >= {("press-releases/2026/alsos.md", "press-releases/2026/alsos.md"),
                       ("press-releases/2026/parko.md", "press-releases/2026/parko.md"),
                       ("press-releases/2026/parko.md", f"/{URL.rstrip('/')}"),  # with or without its '/'
                       ("press-releases/2026/alsos.md", title),
                       ("press-releases/2026/alsos.md", "Άλσος &amp; &quot;Πάρκο&quot;!"),
                       ("press-releases/2026/alsos.md", 'Άλσος &amp; "Πάρκο"!')}
    assert not any(needle == "Δελτίο αριθμός 7" for _, needle in needles), "a title a public item shares"
    image = content / "media/2026/schedio-parkou.jpg"
    key = rendition_folder(image)
    assert held_outputs(catalogue, now) == {"media/2026/schedio-parkou.jpg": "media/2026/schedio-parkou.jpg",
                                            key: "media/2026/schedio-parkou.jpg",
                                            "files/2026/meleti.pdf": "files/2026/meleti.pdf"}


def test_a_relative_pelican_link_to_a_held_text_is_a_mention(content: Path, tmp_path: Path) -> None:
    """{filename} written from the text's own folder does not hold the held text's path: it passed the check, and
    the build stopped with the problem put on the held text's first line."""
    write(content, "press-releases/2026/zeta.md", release(3) + (
        "\n        Δείτε [το πάρκο]({filename}parko.md).\n\n        Και [ξανά]({filename}../2026/parko.md).\n"))
    _, catalogue, now = checked(content, tmp_path)
    said = [str(p) for p in catalogue.problems if p.path == "press-releases/2026/zeta.md"]
    assert said == [f"press-releases/2026/zeta.md:{line}: body: mentions press-releases/2026/parko.md (its source "
                    "path), which is not public until 2 Δεκεμβρίου 2026, 09:00; publishing would stop here: remove the "
                    "mention, or wait until then" for line in (9, 11)], said


def test_each_mention_is_said_once_on_its_line(content: Path, tmp_path: Path) -> None:
    """After the held item too; a title written twice in one text (as text and as an image's alt) once; a text
    whose source line cannot be found (a character reference) on its first line; a cache that cannot be written."""
    title = 'Άλσος & "Πάρκο"!'
    write(content, "press-releases/2026/alsos.md", EMBARGOED.replace("Νέο πάρκο στην παραλία του Καλαμακίου",
                                                                     json.dumps(title, ensure_ascii=False)))
    body = ('\n        Για το «Άλσος & "Πάρκο"!»: ![Άλσος & "Πάρκο"!](/media/2026/schedio-parkou.jpg)\n\n'
            "        Νέο πάρκο στην παραλία του Καλαμα&#x3ba;ίου.\n")
    write(content, "press-releases/2026/zeta.md", release(3) + body)
    _, catalogue, now = checked(content, tmp_path)
    (tmp_path / "blocked").mkdir()
    said = [str(p) for p in mentions(catalogue, now, ("press-releases",), tmp_path / "blocked")]
    until = ("which is not public until 2 Δεκεμβρίου 2026, 09:00; publishing would stop here: remove the mention, "
             "or wait until then")
    assert said == [f"press-releases/2026/zeta.md:9: body: mentions press-releases/2026/alsos.md (its title), {until}",
                    f"press-releases/2026/zeta.md:7: body: mentions press-releases/2026/parko.md (its title), {until}",
                    "press-releases/2026/zeta.md:9: body: shows media/2026/schedio-parkou.jpg, a photo of "
                    "press-releases/2026/alsos.md, which is not public until 2 Δεκεμβρίου 2026, 09:00; publishing "
                    "would stop here: remove it, or wait until then"], said  # the held texts' photo, shown early


def test_a_held_copy_of_a_public_photo_holds_no_renditions(content: Path, build_site: SiteBuilder,
                                                           tmp_path: Path) -> None:
    """The same bytes under another name: its renditions are the public photo's, and the build goes on."""
    photo(content / "media/2026/dimosia.jpg", size=(1000, 800))
    write(content, "press-releases/2026/allo.md", release(1).replace(
        "category:", "image: media/2026/dimosia.jpg\n        image_alt: Η πλατεία\n        category:"))
    (content / "media/2026/antigrafo.jpg").write_bytes((content / "media/2026/dimosia.jpg").read_bytes())
    write(content, "press-releases/2026/parko.md", EMBARGOED.replace(
        "schedio-parkou.jpg", "antigrafo.jpg").replace("category:", "image: media/2026/schedio-parkou.jpg\n"
                                                       "image_alt: Σχέδιο\ncategory:"))
    _, catalogue, now = checked(content, tmp_path)
    held = held_outputs(catalogue, now)
    assert "media/2026/antigrafo.jpg" in held and rendition_folder(content / "media/2026/antigrafo.jpg") not in held
    assert rendition_folder(content / "media/2026/schedio-parkou.jpg") in held, "a photo of its own stays held"
    site = build_site()
    assert (site / rendition_folder(content / "media/2026/dimosia.jpg")).is_dir()
    assert not (site / "media/2026/antigrafo.jpg").exists() and not (site / URL).exists()


def test_a_photo_or_document_no_item_uses_is_not_published(content: Path, build_site: SiteBuilder,
                                                             tmp_path: Path) -> None:
    """One uploaded before its text is written stays private, renditions and all, with a warning in the check."""
    photo(content / "media/2026/gia-argotera.jpg", size=(900, 600))
    (content / "files/2026/gia-argotera.pdf").write_bytes(text_pdf())
    _, catalogue, _ = checked(content, tmp_path)
    assert [(p.path, p.severity) for p in catalogue.problems if p.field == "file"] == [
        ("files/2026/gia-argotera.pdf", "warning"), ("media/2026/gia-argotera.jpg", "warning")]
    site = build_site(now="2026-12-02T09:00:00+02:00")
    assert not (site / "media/2026/gia-argotera.jpg").exists() and not (site / "files/2026/gia-argotera.pdf").exists()
    assert not (site / rendition_folder(content / "media/2026/gia-argotera.jpg")).exists()
    write(content, "press-releases/2026/allo.md", release(1) + "\n        ![Για αργότερα](/media/2026/gia-argotera.jpg)\n")
    site = build_site(now="2026-12-02T09:00:00+02:00")
    assert (site / "media/2026/gia-argotera.jpg").is_file(), "published once an item uses it"
    write(content, "press-releases/2026/allo.md", release(1).replace("category:", "\tcategory:")
          + "\n        ![Για αργότερα](/media/2026/gia-argotera.jpg)\n")
    problems = checked(content, tmp_path)[1].problems
    assert [p.field for p in problems if p.path == "press-releases/2026/allo.md"] == ["front matter"]
    assert [p for p in problems if p.field == "file"] == [], "its text cannot be read: no word on what it uses"


def test_one_pass_finds_every_needle_a_text_holds() -> None:
    """Each secret found once, in the secrets' order, also a needle inside another and two items' equal titles."""
    what = msg("its title")
    secrets_ = [Secret(b"/press-releases/2026/parko/", what, "a.md"), Secret("Νέο πάρκο".encode(), what, "a.md"),
                Secret("Νέο πάρκο στην παραλία".encode(), what, "b.md"), Secret("Νέο πάρκο".encode(), what, "c.md"),
                Secret(b"never there", what, "d.md")]
    needles = Needles(secrets_)
    text = "<h1>Νέο πάρκο στην παραλία</h1><a href='/press-releases/2026/parko/'>Νέο πάρκο</a>".encode()
    assert needles.found_in(text) == secrets_[:4]
    assert needles.found_in(b"<p>nothing held here</p>") == []
    assert not Needles([]) and needles
    address = Needles([Secret(b"/press-releases/2026/parko", msg("its address"), "a.md", whole=True)])
    for written in (b"/press-releases/2026/parko", b"/press-releases/2026/parko/", b"/press-releases/2026/parko\"",
                    b"/press-releases/2026/parko#map", b"/press-releases/2026/parko?x=1",
                    b"/press-releases/2026/parko/parko.zip"):
        assert address.found_in(b"<a href=\"" + written + b"\">") == address.secrets, written
    for other in (b"/press-releases/2026/parko-2/", b"/press-releases/2026/parkokinisi", b"/press-releases/2026/parko.md"):
        assert address.found_in(other) == [], "another item's address, whose slug begins with this one's"


def test_a_leak_is_a_problem_of_the_held_items_file(content: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    site = build_site()
    settings, catalogue, now = checked(content, tmp_path)
    key = rendition_folder(content / "media/2026/schedio-parkou.jpg")
    (site / key).mkdir(parents=True)
    (site / "extra.html").write_text(f"<a href='/{URL}'>x</a>", encoding="utf-8")
    found = scan(site, catalogue, now)
    assert [(p.path, p.line, p.field) for p in found] == [("media/2026/schedio-parkou.jpg", 1, "embargo"),
                                                          ("press-releases/2026/parko.md", 1, "embargo")]
    assert [str(p.message) for p in found] == [
        f"{key} is in the output, but only items that are not public use "
        "media/2026/schedio-parkou.jpg; nothing was published. This is a fault of Kiryx or its theme; please report it",
        "extra.html contains its address, but the item is not public until 2 Δεκεμβρίου 2026, 09:00; nothing "
        "was published. If a public text refers to it, change that text or wait; otherwise this is a fault of Kiryx "
        "or its theme; please report it"]
    write(content, "press-releases/2026/parko.md", EMBARGOED.replace("date: 2026-12-02 09:00",
                                                                     "date: 2026-11-02 09:00\nstatus: draft"))
    drafts = scan(site, check(settings), now)
    assert any(str(p.message).startswith("extra.html contains its address, but the item is not public (a draft, until 'status: draft' is taken out);")
               for p in drafts), [str(p.message) for p in drafts]
    moment = f"{now:%Y-%m-%d %H:%M}"  # a draft dated this very minute is still a draft, not an embargo ending now
    write(content, "press-releases/2026/parko.md", EMBARGOED.replace("date: 2026-12-02 09:00",
                                                                     f"date: {moment}\nstatus: draft"))
    drafts = scan(site, check(settings), now)
    assert any(str(p.message).startswith("extra.html contains its address, but the item is not public (a draft, until 'status: draft' is taken out);")
               for p in drafts), [str(p.message) for p in drafts]


def with_previous(content: Path, build_site: SiteBuilder, tmp_path: Path) -> tuple[Path, Catalogue, datetime, Path]:
    """A built site, its checked catalogue and moment, and an empty folder standing for the previous output."""
    site = build_site()
    _, catalogue, now = checked(content, tmp_path)
    previous = tmp_path / "previous"
    previous.mkdir()
    return site, catalogue, now, previous


def test_files_shared_with_the_guarded_previous_output_are_searched_only_for_new_needles(
        content: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    site, catalogue, now, previous = with_previous(content, build_site, tmp_path)
    for name in ("a-shared.html", "copied.html"):  # the shared one first: the search goes on after it
        (site / name).write_text(f"<a href='/{URL}'>x</a>", encoding="utf-8")
    os.link(site / "a-shared.html", previous / "a-shared.html")     # the same file: already guarded
    (previous / "copied.html").write_bytes((site / "copied.html").read_bytes())  # same name, another file
    passed = frozenset(s.fingerprint for s in secrets(catalogue, now))
    found = [str(p.message).split(" contains")[0] for p in scan(site, catalogue, now, previous, passed)]
    assert found == ["copied.html"]
    # a needle the previous output was not searched for (an item put under embargo since) is searched for everywhere
    everywhere = [str(p.message).split(" contains")[0] for p in scan(site, catalogue, now, previous, frozenset())]
    assert everywhere == ["a-shared.html", "copied.html"]


def test_the_guard_reads_what_the_previous_output_was_searched_for(
        content: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    site, catalogue, now, previous = with_previous(content, build_site, tmp_path)
    (site / "leak.html").write_text(f"<a href='/{URL}'>x</a>", encoding="utf-8")
    os.link(site / "leak.html", previous / "leak.html")
    with pytest.raises(EmbargoLeak) as leak:  # no record of a search beside it: every file is searched
        guard(site, catalogue, now, previous)
    assert [str(p.message).split(" contains")[0] for p in leak.value.problems] == ["leak.html"]
    (site / "leak.html").unlink()
    record_needles(previous, [s.fingerprint for s in secrets(catalogue, now)])
    guard(site, catalogue, now, previous)  # searched before for the same needles: nothing to find, nothing raised
    assert read_state(site)["needles"] == sorted(s.fingerprint for s in secrets(catalogue, now))


def test_a_page_dated_ahead_is_held_until_its_day_and_stops_nothing(content_dir: Path, build_site: SiteBuilder) -> None:
    """Pelican wrote a page whose date had not come, and the embargo guard then stopped every publish (urgent
    releases and their mails included) until that day."""
    write(content_dir, "press-releases/2026/epeigon.md", "---\ntitle: Διακοπή νερού\ndate: 2026-11-24 10:00\n"
                                                         "summary: Διακοπή νερού.\ncategory: erga-ypodomes\n---\nΣήμερα.\n")
    write(content_dir, "pages/programma-eorton.md", "---\ntitle: Πρόγραμμα εορτών\ndate: 2026-12-20 10:00\n---\n"
                                                    "Το πρόγραμμα.\n")
    site = build_site()
    assert (site / "press-releases/2026/diakopi-nerou/index.html").is_file()
    assert not (site / "programma-eorton").exists()
    assert "programma-eorton" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (build_site("2026-12-20T10:00:00+02:00") / "programma-eorton/index.html").is_file()
