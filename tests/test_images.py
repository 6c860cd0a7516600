"""Images: no metadata leaves the site, renditions as promised, cached work, unsafe files refused."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2.exceptions import UndefinedError
from lxml import etree
from PIL import Image, ImageCms, PngImagePlugin

from kiryx.cli import main
from kiryx.clock import parse_moment
from kiryx.filehash import FileHashes
from kiryx.forked import Background
from kiryx.images.cards import draw
from kiryx.images.renditions import render
from kiryx.images.store import POOL_FROM, ImageStore, _card_job
from kiryx.site import ROOT, build, load_settings
from tests.conftest import SAMPLE_NOW, SiteBuilder, write

GPS = {1: "N", 2: (37.0, 54.0, 36.0), 3: "E", 4: (23.0, 42.0, 54.0)}
IMAGES = (".jpg", ".jpeg", ".png", ".webp")


def photo(path: Path, size: tuple[int, int] = (2000, 1000), orientation: int = 1, icc: bool = False) -> Path:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112], exif[0x8825] = "Canon", "EOS R6", orientation, GPS
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 40, 200), (0, 0, size[0] // 2, size[1]))
    extra = {"icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()} if icc else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif, quality=90, **extra)
    return path


RELEASE = """
---
title: Δεντροφύτευση στο άλσος
date: 2026-03-02 10:00
summary: Εκατό νέα δέντρα.
category: perivallon
image: media/2026/dentra.jpg
image_alt: Εθελοντές φυτεύουν δέντρα
images:
  - file: media/2026/dentra.jpg
    alt: Εθελοντές φυτεύουν δέντρα
    caption: Η δεντροφύτευση.
    credit: "Φωτογραφία: Γραφείο Τύπου"
---
Κείμενο με εικόνα: ![Το άλσος](/media/2026/alsos.jpg)
"""


@pytest.fixture
def site_with_photos(content_dir: Path) -> Path:
    photo(content_dir / "media/2026/dentra.jpg", icc=True)
    photo(content_dir / "media/2026/alsos.jpg", size=(600, 300), orientation=6)
    write(content_dir, "press-releases/2026/dentra.md", RELEASE)
    return content_dir


def published_images(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.suffix.lower() in IMAGES]


def test_no_published_image_keeps_location_or_camera_data(sample_site: Path) -> None:
    source = Image.open(Path("content/media/2026/katharismos-aktis-1.jpg")).getexif()
    assert 0x8825 in source, "the sample photo carries GPS, so this test means something"
    images = published_images(sample_site)
    assert len(images) > 100
    for path in images:
        with Image.open(path) as image:
            exif = image.getexif()
            assert 0x8825 not in exif and 0x010F not in exif and 0x0110 not in exif, path
            assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info, path


def test_renditions_exist_in_the_promised_sizes_and_formats(site_with_photos: Path, build_site: SiteBuilder) -> None:
    site = build_site()
    page = (site / "press-releases/2026/dentrofytefsi-sto-alsos/index.html").read_text(encoding="utf-8")
    srcsets = [s.split('"')[0] for s in page.split('srcset="')[1:]]
    webp = next(s for s in srcsets if ".webp" in s)
    assert [part.split()[-1] for part in webp.split(", ")] == ["480w", "960w", "1600w"]
    for part in webp.split(", ") + next(s for s in srcsets if ".jpg" in s).split(", "):
        url, width = part.split()
        with Image.open(site / url.lstrip("/")) as rendition:
            assert rendition.width == int(width[:-1]) and rendition.format in ("WEBP", "JPEG")
            assert rendition.height == rendition.width // 2
    assert 'width="2000" height="1000"' in page and 'fetchpriority="high"' in page
    assert 'loading="lazy"' in page


def test_orientation_is_applied_and_the_colour_profile_kept(site_with_photos: Path, build_site: SiteBuilder) -> None:
    site = build_site()
    with Image.open(site / "media/2026/alsos.jpg") as turned:
        assert turned.size == (300, 600) and 0x0112 not in turned.getexif()
    with Image.open(site / "media/2026/dentra.jpg") as kept:
        assert kept.info.get("icc_profile")


def test_a_jpegs_full_resolution_keeps_its_image_data(site_with_photos: Path, build_site: SiteBuilder) -> None:
    """The download offered as «Πλήρης ανάλυση» was encoded again at quality 85: a print desk got a second-generation
    JPEG (a phone's 650 KB photo became 412 KB). Only its metadata is left out now; a turned one is encoded again."""
    site = build_site()
    source, published = site_with_photos / "media/2026/dentra.jpg", site / "media/2026/dentra.jpg"
    with Image.open(source) as original, Image.open(published) as offered:
        assert offered.tobytes() == original.tobytes() and offered.info.get("icc_profile")
        assert not offered.getexif() and offered.info.get("progressive") == original.info.get("progressive")
    assert source.stat().st_size - published.stat().st_size < 1000, "the image data as it was, without the EXIF"


def test_body_images_become_responsive_pictures(site_with_photos: Path, build_site: SiteBuilder) -> None:
    page = (build_site() / "press-releases/2026/dentrofytefsi-sto-alsos/index.html").read_text(encoding="utf-8")
    body = page.split('class="item-body"')[1]
    assert '<picture><source type="image/webp" srcset="/media/renditions/' in body
    assert 'alt="Το άλσος" loading="lazy"' in body


def test_a_feed_carries_body_pictures_whole_with_absolute_addresses(site_with_photos: Path,
                                                                     build_site: SiteBuilder) -> None:
    """lxml (HTML 4) put the <img> inside the <source> and left srcset relative: feed readers showed no picture."""
    feed = etree.parse(str(build_site() / "feeds/all.atom.xml"))  # as sent: feedparser drops <picture>, srcset
    body = feed.findtext(".//{http://www.w3.org/2005/Atom}content")
    picture = re.search(r"<picture>(.*?)</picture>", body)
    assert picture and "</source>" not in body, body
    source, img = re.fullmatch(r"(<source [^>]*>)(<img [^>]*>)", picture[1]).groups()  # type: ignore[union-attr]
    candidates = [c.split()[0] for tag in (source, img) for c in re.search(r'srcset="([^"]*)"', tag)[1].split(", ")]
    assert {c.rsplit(".", 1)[1] for c in candidates} == {"webp", "jpg"} and all(c.startswith("https://press.alimos.gr/media/renditions/") for c in candidates)


def test_a_second_build_does_no_image_work(site_with_photos: Path, build_site: SiteBuilder, tmp_path: Path) -> None:
    build_site()
    first = json.loads((tmp_path / "cache/images/last-build.json").read_text())
    release = site_with_photos / "press-releases/2026/dentra.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nΜια ακόμη παράγραφος.\n", encoding="utf-8")
    build_site()  # a text edit: the build runs, the images come from the cache
    second = json.loads((tmp_path / "cache/images/last-build.json").read_text())
    assert first["rendered"] == 5  # two photos, the two PNG logos and the item's social card
    assert second == {**first, "rendered": 0, "cached": first["rendered"] + first["cached"]}


def test_what_no_build_needs_leaves_the_cache_a_month_later(site_with_photos: Path, build_site: SiteBuilder,
                                                             tmp_path: Path) -> None:
    build_site()
    cache = tmp_path / "cache/images"
    long_ago = parse_moment(SAMPLE_NOW).timestamp() - 31 * 86400
    used = [p for p in [*cache.iterdir(), *(cache / "og").iterdir()] if p.name != "last-build.json"]
    stale = [cache / ("a" * 64), cache / f"{'9' * 64}.4242.tmp", cache / "og" / f"{'b' * 24}.jpg",
             cache / "zips" / f"{'c' * 24}.zip", cache / "og" / f"{'e' * 24}.jpg.4242.tmp",  # left by killed runs,
             cache / "zips" / f"{'f' * 24}.partial"]  # or by an older Kiryx
    recent = cache / "og" / f"{'d' * 24}.jpg"  # the card of a title a pull request's preview may still want
    for folder in stale[:2]:
        folder.mkdir()
        (folder / "original.jpg").write_bytes(b"a replaced photo")
        os.utime(folder, (long_ago, long_ago))
    for path in [*used, *stale[2:], recent]:
        if not path.exists():
            path.write_bytes(b"an edited title's card, an old press kit")
        os.utime(path, (long_ago, long_ago))
    os.utime(recent, (long_ago + 2 * 86400,) * 2)
    release = site_with_photos / "press-releases/2026/dentra.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nΜια ακόμη παράγραφος.\n", encoding="utf-8")
    build_site()
    assert [p.exists() for p in stale] == [False] * 6
    assert all(p.exists() for p in used) and recent.exists()
    stats = json.loads((cache / "last-build.json").read_text())
    assert (stats["rendered"], stats["removed"]) == (0, 6)


def test_every_item_has_a_social_image(site_with_photos: Path, build_site: SiteBuilder, content_dir: Path) -> None:
    write(content_dir, "leaflets/odigos.md", "---\ntitle: Οδηγός ανακύκλωσης για όλους\ndate: 2026-02-01\n---\n")
    site = build_site()
    for page in ("press-releases/2026/dentrofytefsi-sto-alsos/index.html", "leaflets/odigos-anakyklosis-gia-olous/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        url = html.split('<meta property="og:image" content="')[1].split('"')[0]
        assert url.startswith("https://press.alimos.gr/media/og/")
        with Image.open(site / url.split("press.alimos.gr/")[1]) as card:
            assert card.size == (1200, 630)
        assert '<meta name="twitter:card" content="summary_large_image">' in html


def card_jobs(folder: Path, count: int, image: str | None = None) -> list[tuple]:
    logo = ROOT / "content" / "press-kit" / "logos" / "dimos-alimou-logo.png"
    return [(f"Ανακοίνωση αριθμός {n}", image, logo, "#0b4f6c", "Δήμος Αλίμου", folder / f"{n}.jpg")
            for n in range(count)]


def test_cards_drawn_while_the_build_goes_on_are_all_there_once_awaited(tmp_path: Path,
                                                                        no_child_left: Callable[[], bool]) -> None:
    drawing = Background(fork_from=POOL_FROM)
    jobs = card_jobs(tmp_path, POOL_FROM)
    drawing.start(_card_job, jobs)
    assert drawing.running  # handed to child processes: start returned before they were drawn
    drawing.wait()
    for job in jobs:
        with Image.open(job[-1]) as card:
            assert card.size == (1200, 630)
    assert not drawing.running and no_child_left()
    assert not list(tmp_path.glob("*.tmp"))


def test_a_card_that_cannot_be_drawn_fails_the_wait_and_leaves_no_worker(tmp_path: Path,
                                                                         no_child_left: Callable[[], bool]) -> None:
    drawing = Background(fork_from=POOL_FROM)
    drawing.start(_card_job, card_jobs(tmp_path, POOL_FROM, image=str(tmp_path / "gone.jpg")))
    with pytest.raises(FileNotFoundError, match="gone.jpg"):
        drawing.wait()
    assert not drawing.running and no_child_left()


def test_stopped_drawing_leaves_no_worker_and_draws_no_more(tmp_path: Path,
                                                            no_child_left: Callable[[], bool]) -> None:
    drawing = Background(fork_from=POOL_FROM)
    drawing.start(_card_job, card_jobs(tmp_path, 200))
    drawing.stop()
    assert not drawing.running and no_child_left()
    assert len(list(tmp_path.glob("*.jpg"))) < 200  # the children were stopped before they were done
    drawing.wait()  # nothing left to wait for


def test_a_few_cards_are_drawn_at_once_without_workers(tmp_path: Path) -> None:
    drawing = Background(fork_from=POOL_FROM)
    drawing.start(_card_job, card_jobs(tmp_path, POOL_FROM - 1))
    assert not drawing.running and len(list(tmp_path.glob("*.jpg"))) == POOL_FROM - 1


def test_a_press_photo_without_alt_is_a_check_error(site_with_photos: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    write(site_with_photos, "press-releases/2026/dentra.md", RELEASE.replace(
        "    alt: Εθελοντές φυτεύουν δέντρα\n", ""))
    assert main(["check", "--content", str(site_with_photos)]) == 1
    assert "press-releases/2026/dentra.md:9: images[0].alt: required" in capsys.readouterr().out


SECRET = b"Alimos-GPS-37.9101N"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="' + SECRET +
       b'"/></rdf:RDF></x:xmpmeta>')


def with_iptc(jpeg: bytes) -> bytes:
    """The JPEG with an APP13 (Photoshop IRB) IPTC block naming a place, as newsroom tools write it."""
    dataset = b"\x1c\x02\x5a" + struct.pack(">H", len(SECRET)) + SECRET  # 2:90 City
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def test_xmp_and_iptc_never_leave_the_site(content_dir: Path, build_site: SiteBuilder) -> None:
    image = Image.new("RGB", (1200, 800), (30, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", xmp=XMP)
    (content_dir / "media/2026").mkdir(parents=True)
    (content_dir / "media/2026/xmp.jpg").write_bytes(with_iptc(buffer.getvalue()))
    image.save(content_dir / "media/2026/xmp.webp", "WEBP", xmp=XMP)
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    image.save(content_dir / "media/2026/xmp.png", "PNG", pnginfo=info)
    for name in ("xmp.jpg", "xmp.webp", "xmp.png"):
        assert SECRET in (content_dir / "media/2026" / name).read_bytes(), "the fixture carries the metadata"
    write(content_dir, "press-releases/2026/xmp.md", """
        ---
        title: Φωτογραφίες με μεταδεδομένα
        date: 2026-03-02 10:00
        summary: Σύνοψη.
        category: perivallon
        image: media/2026/xmp.jpg
        image_alt: Η ακτή
        images:
          - file: media/2026/xmp.webp
            alt: Η ακτή
          - file: media/2026/xmp.png
            alt: Η ακτή
        ---
        Κείμενο.
        """)
    site = build_site()
    published = [p for p in published_images(site) if "logo" not in p.name]
    assert len(published) >= 10
    assert [p for p in published if SECRET in p.read_bytes()] == []
    assert [p for p in site.rglob("*.zip") if SECRET in p.read_bytes()] == []


def test_a_build_that_fails_stops_drawing_its_cards(content_dir: Path, tmp_path: Path,
                                                     no_child_left: Callable[[], bool]) -> None:
    """Cards are drawn by child processes while Pelican goes on; a build failing meanwhile leaves none of them
    running, nor any finished one unreaped."""
    for n in range(4 * POOL_FROM):  # items without a photo: a card each, enough for child processes to draw them
        write(content_dir, f"press-releases/2026/anakoinosi-{n}.md", f"""
            ---
            title: Ανακοίνωση αριθμός {n} για την ανάπλαση της παραλίας
            date: 2026-03-02 10:00
            summary: Σύνοψη {n}.
            category: perivallon
            ---
            Κείμενο {n}.
            """)
    theme = Path(shutil.copytree(ROOT / "theme", tmp_path / "theme"))
    page = theme / "templates/article.html"  # a mistake in the items' template: rendering them fails
    page.write_text(page.read_text(encoding="utf-8").replace("{{ article.title }}", "{{ article.no_such.field }}", 1),
                    encoding="utf-8")
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW=SAMPLE_NOW, THEME=str(theme),
                             CACHE_PATH=str(tmp_path / "cache"))
    with pytest.raises(UndefinedError, match="no_such"):
        build(settings, tmp_path / "output")
    assert no_child_left()
    assert not (tmp_path / "output").exists()


def test_showing_an_image_does_not_publish_it(content_dir: Path, tmp_path: Path) -> None:
    """Templates only look images up: one no build step registered is a fault shown at once, not a file that a
    later build, reusing the page, would leave out."""
    photo(content_dir / "media/2026/dentra.jpg")
    store = ImageStore(content_dir, tmp_path / "cache", FileHashes(content_dir, None))
    with pytest.raises(LookupError, match="media/2026/dentra.jpg: shown by a template, but not published"):
        store.published("media/2026/dentra.jpg")
    assert store.outputs == {}
    registered = store.get("media/2026/dentra.jpg")
    assert store.published("media/2026/dentra.jpg") is registered and "media/2026/dentra.jpg" in store.outputs


def _make_the_same_entries(folder: Path) -> None:
    for job in card_jobs(folder / "og", 40):
        _card_job(job)
    render(folder / "photo.jpg", folder / "images" / ("a" * 64), "a" * 64)


def test_two_runs_making_the_same_cache_entries_at_once_both_succeed(tmp_path: Path) -> None:
    """A manual build while cron publishes, on one cache: both may draw the same missing cards and render the
    same new photo at once. Each makes its own scratch entry and renames it into place."""
    import multiprocessing
    (tmp_path / "og").mkdir()
    photo(tmp_path / "photo.jpg", size=(2400, 1600))
    runs = [multiprocessing.get_context("fork").Process(target=_make_the_same_entries, args=(tmp_path,))
            for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert [run.exitcode for run in runs] == [0, 0]
    alone = tmp_path / "alone"
    (alone / "og").mkdir(parents=True)
    (alone / "photo.jpg").write_bytes((tmp_path / "photo.jpg").read_bytes())
    _make_the_same_entries(alone)
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file() and alone not in p.parents)
    assert made == sorted(p.relative_to(alone).as_posix() for p in alone.rglob("*") if p.is_file())  # no scratch left
    assert all((tmp_path / rel).read_bytes() == (alone / rel).read_bytes() for rel in made)


@pytest.mark.parametrize(("size", "largest"), [((1080, 20000), (885, 16383)), ((20000, 10), (1600, 1))])
def test_a_photo_of_any_shape_gets_renditions(tmp_path: Path, size: tuple[int, int],
                                              largest: tuple[int, int]) -> None:
    """A phone's scrolling screenshot (1080×20000) passed the check, then stopped every build: its 960 px rendition
    was taller than WebP holds (16383 px); a 20000×10 banner had renditions 0 px tall."""
    photo(tmp_path / "tall.jpg", size=size)
    made = render(tmp_path / "tall.jpg", tmp_path / "out", "k" * 64)
    sizes = [(r["width"], r["height"]) for r in made["renditions"] if r["mime"] == "image/webp"]
    assert sizes[-1] == largest and all(0 < h <= 16383 and w > 0 for w, h in sizes)
    for rendition in made["renditions"]:
        with Image.open(tmp_path / "out" / Path(rendition["url"]).name) as image:
            assert image.size == (rendition["width"], rendition["height"])


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_what_is_transparent_is_white_in_renditions_and_cards(tmp_path: Path, mode: str) -> None:
    """A logo or a graphic on a transparent background: every rendition and its social card showed a black box."""
    graphic = Image.new("RGBA", (1200, 800), (0, 0, 0, 0))
    graphic.paste((20, 60, 140, 255), (400, 300, 800, 500))
    if mode == "P":
        palette = graphic.convert("RGB").quantize(4)  # a palette PNG whose background's entry is transparent
        palette.save(tmp_path / "graphic.png", transparency=palette.getpixel((5, 5)))
    else:
        graphic.convert(mode).save(tmp_path / "graphic.png")
    made = render(tmp_path / "graphic.png", tmp_path / "out", "t" * 64)
    for rendition in made["renditions"]:
        with Image.open(tmp_path / "out" / Path(rendition["url"]).name) as image:
            assert min(image.convert("RGB").getpixel((2, 2))) > 240, rendition["url"]
            middle = image.convert("L").getpixel((image.width // 2, image.height // 2))
            assert middle < 200, "the graphic itself is kept"
    draw("Λογότυπο", tmp_path / "graphic.png", ROOT / "content/press-kit/logos/dimos-alimou-logo.png", "#0b5394", "Άλιμος",
         tmp_path / "card.jpg")
    with Image.open(tmp_path / "card.jpg") as card:
        assert min(card.getpixel((2, 2))) > 240


def test_a_cameras_comment_is_in_no_published_jpeg(content_dir: Path, build_site: SiteBuilder) -> None:
    """Pillow writes a JPEG's comment (a serial number, software) back into every JPEG it saves: the turned original
    and every resize kept it."""
    for name, orientation in (("dentra.jpg", 1), ("alsos.jpg", 6)):
        path = photo(content_dir / f"media/2026/{name}", size=(2000, 1000), orientation=orientation)
        with Image.open(path) as image:
            image.save(path, "JPEG", exif=image.getexif(), comment=b"SECRET camera serial 1234", quality=90)
    write(content_dir, "press-releases/2026/dentra.md", RELEASE)
    site = build_site()
    jpegs = [p for p in published_images(site) if p.suffix == ".jpg" and "/media/" in str(p)]
    assert len(jpegs) > 4 and not [p for p in jpegs if b"SECRET" in p.read_bytes()]


def test_an_mpo_is_published_as_its_first_picture_and_a_broken_unused_upload_stops_nothing(
        content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    """A JPEG carrying a second picture (MPO, as some phones and cameras save it) was refused as «an MPO image»,
    and unused it stopped every build with a traceback; a truncated upload no item uses yet stopped every build
    («image file is truncated»), while check passed."""
    first, second = Image.new("RGB", (2000, 1000), (200, 40, 40)), Image.new("RGB", (2000, 1000), (20, 40, 200))
    (content_dir / "media/2026").mkdir(parents=True, exist_ok=True)
    first.save(content_dir / "media/2026/dentra.jpg", "MPO", save_all=True, append_images=[second])
    photo(content_dir / "media/2026/alsos.jpg", size=(600, 300))
    write(content_dir, "press-releases/2026/dentra.md", RELEASE)
    whole = (content_dir / "media/2026/dentra.jpg").read_bytes()
    (content_dir / "media/2026/misoteleiomeni.jpg").write_bytes(whole[:len(whole) // 3])  # an upload cut short
    first.save(content_dir / "media/2026/mpo-xoris-keimeno.jpg", "MPO", save_all=True, append_images=[second])
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 0, capsys.readouterr().out
    site = build_site()
    with Image.open(site / "media/2026/dentra.jpg") as published:
        assert published.format == "JPEG" and getattr(published, "n_frames", 1) == 1
