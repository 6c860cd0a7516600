"""The press kit: per-item section and ZIP, the /press-kit/ page, the photo archive."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from kiryx.cli import main
from kiryx.greek import file_size
from kiryx.site import ROOT, build, load_settings
from tests.conftest import SAMPLE_NOW, SiteBuilder, write
from tests.pdfs import text_pdf
from tests.publishing import attaching, release

ITEM = "press-releases/2026/ethelontikos-katharismos-tis-aktis-kalamakiou/"
ZIP = ITEM + "press-kit-ethelontikos-katharismos-tis-aktis-kalamakiou.zip"


def test_items_with_photos_offer_them_with_sizes_credits_and_a_zip(sample_site: Path) -> None:
    page = (sample_site / ITEM / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="press-kit-title">Υλικό για τον Τύπο</h2>' in page
    assert 'Πλήρης ανάλυση <span class="file-meta">(JPEG, 1800×1200 px,' in page
    lead = page.split('<figure class="item-figure">')[1].split("</figure>")[0]
    assert ("<figcaption>Εθελοντές στην ακτή του Καλαμακίου, Κυριακή 26 Απριλίου 2026. <span class=\"credit\">"
            "Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου</span></figcaption>") in lead, "the lead photo's caption and credit"
    assert "Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου" in page and "Άδεια:" in page
    assert f'href="/{ZIP}" download>Όλο το υλικό σε ZIP</a>' in page


def test_the_item_zip_holds_stripped_photos_credits_and_text(sample_site: Path) -> None:
    with zipfile.ZipFile(sample_site / ZIP) as archive:
        assert archive.namelist() == ["credits.txt", "ethelontikos-katharismos-tis-aktis-kalamakiou.txt",
                                      "photos/katharismos-aktis-1.jpg", "photos/katharismos-aktis-2.jpg"]
        text = archive.read("ethelontikos-katharismos-tis-aktis-kalamakiou.txt").decode("utf-8")
        assert text.startswith("Εθελοντικός καθαρισμός") and f"https://press.alimos.gr/{ITEM}" in text, text[:300]
        assert "---" not in text and "image_alt" not in text, "the text as the page shows it, not its source"
        credits = archive.read("credits.txt").decode("utf-8")
        assert "Εθελοντές στην ακτή του Καλαμακίου, Κυριακή 26 Απριλίου 2026." in credits
        assert "Άδεια: Ελεύθερη αναδημοσίευση" in credits
        with archive.open("photos/katharismos-aktis-1.jpg") as member, Image.open(member) as image:
            assert 0x8825 not in image.getexif() and image.size == (1800, 1200)
    attachments = sample_site / "press-releases/2026/psifistike-o-proypologismos-2026-tou-dimou-alimou"
    with zipfile.ZipFile(next(attachments.glob("*.zip"))) as archive:
        assert "files/proypologismos-2026-synopsi.pdf" in archive.namelist()


def test_zips_are_byte_identical_across_builds(sample_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(load_settings(ROOT / "pelicanconf.py", KIRYX_NOW=SAMPLE_NOW, CACHE_PATH=tmp_path / "cache"), again)
    zips = sorted(sample_site.rglob("*.zip"))
    assert len(zips) > 10
    for path in zips:
        assert (again / path.relative_to(sample_site)).read_bytes() == path.read_bytes(), path


def test_the_press_kit_page_has_logos_photos_facts_and_one_zip(sample_site: Path) -> None:
    page = (sample_site / "press-kit/index.html").read_text(encoding="utf-8")
    for needle in ('href="/press-kit/logos/dimos-alimou-logo.svg" download', 'dimos-alimou-logo-white.png',
                   'href="/press-kit/photos/dimarcheio-alimou.jpg" download', "2400×1600 px",
                   "Ο Δήμος Αλίμου με μια ματιά", "#0b4f8a", "press@alimos.gr", 'href="/press-kit/press-kit.zip"'):
        assert needle in page
    with zipfile.ZipFile(sample_site / "press-kit/press-kit.zip") as archive:
        assert {"logos/dimos-alimou-logo.svg", "photos/dimarcheio-alimou.jpg", "facts.txt"} <= set(archive.namelist())
        assert "Ο Δήμος Αλίμου με μια ματιά" in archive.read("facts.txt").decode("utf-8")
        credits = archive.read("credits.txt").decode("utf-8")  # the caption the page gives: the photo has none left
        assert credits.startswith("dimarcheio-alimou.jpg\n  Το Δημαρχείο Αλίμου"), credits
        assert archive.read("contact.txt").decode("utf-8") == (
            "Γραφείο Τύπου, Δημοσίων Σχέσεων & Επικοινωνίας, Δήμος Αλίμου\nΑριστοτέλους 53, Δημαρχείο, 4ος όροφος, 17455 "
            "Άλιμος\nΤηλ.: 213-2008044 · press@alimos.gr\nΩράριο: Δευτέρα–Παρασκευή, 08:00–15:00\n\nΚύριο χρώμα: "
            "#0b4f8a\n"), "the page's colour and contacts"


def test_the_press_kit_says_what_each_photo_and_logo_is(content_dir: Path, build_site: SiteBuilder,
                                                        tmp_path: Path) -> None:
    """Alt text was the file's name («dimarcheio-alimou.jpg») and the three logos were one «Λογότυπο»: a photo's
    own description (XMP, IPTC or Windows' Title, as photo software writes it) is its alt and caption, a photo
    without one is a check warning, each logo says which it is, and the fact sheet's headings sit under its own."""
    kit = content_dir / "press-kit/photos"
    kit.mkdir(parents=True)
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
           '<rdf:li xml:lang="x-default">Η πλατεία Αναπαύσεως &amp; το σιντριβάνι</rdf:li></rdf:Alt>'
           '</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>').encode()
    Image.new("RGB", (1600, 1000), "navy").save(kit / "plateia.jpg", xmp=xmp)
    windows = Image.Exif()
    windows[0x9C9B] = "Ο Δήμαρχος στο γραφείο του".encode("utf-16-le") + b"\0\0"
    Image.new("RGB", (1600, 1000), "teal").save(kit / "dimarchos.jpeg", exif=windows)  # any JPEG, PNG or WebP
    Image.new("RGB", (1600, 1000), "gray").save(kit / "xoris.png")
    (content_dir / "press-kit/facts.md").write_text("## Με μια ματιά\n\nΆλιμος.\n\n<!-- ΕΣΩΤΕΡΙΚΟ: το κινητό του "
                                                    "Δημάρχου -->\n", encoding="utf-8")
    write(content_dir, "press-releases/2026/a.md", release(1))
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 0
    site = build_site()
    page = (site / "press-kit/index.html").read_text(encoding="utf-8")
    alts = [a.split('"')[0] for a in page.split('alt="')[1:]]
    assert [a for a in alts if a and not a.startswith("Λογότυπο")] == [
        "Ο Δήμαρχος στο γραφείο του", "Η πλατεία Αναπαύσεως &amp; το σιντριβάνι", "Επίσημη φωτογραφία 3 (χωρίς περιγραφή)"]
    assert "Η πλατεία Αναπαύσεως &amp; το σιντριβάνι ·" in page, "the caption too"
    logos = [a for a in alts if a.startswith("Λογότυπο")]
    assert len(logos) == len(set(logos)) == 3 and any("λευκό, για σκούρο φόντο" in a for a in logos)
    assert "(SVG, " in page and "(PNG, " in page and "<h3>Με μια ματιά</h3>" in page
    assert "JPEG, 1600×1000 px" in page and "PNG, 1600×1000 px" in page
    with zipfile.ZipFile(site / "press-kit/press-kit.zip") as archive:
        assert {"photos/dimarchos.jpeg", "photos/plateia.jpg", "photos/xoris.png"} <= set(archive.namelist())
        assert archive.read("facts.txt").decode("utf-8").startswith("Με μια ματιά")
        assert not [n for n in archive.namelist() if b"\xce\x95\xce\xa3\xce\xa9" in archive.read(n)], "no note"
    assert not (site / "press-kit/facts.md").exists(), "the source, with its notes, is not published"


def test_a_press_kit_photo_without_a_description_is_a_warning(content_dir: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (content_dir / "press-kit/photos").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), "gray").save(content_dir / "press-kit/photos/xoris.png")
    write(content_dir, "press-releases/2026/a.md", release(1))
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 0
    assert "press-kit/photos/xoris.png:1: file: warning: the photo carries no description" in capsys.readouterr().out


def test_the_photo_archive_goes_by_month(sample_site: Path) -> None:
    page = (sample_site / "press-kit/archive/index.html").read_text(encoding="utf-8")
    assert page.index("Απρίλιος 2026") < page.index("Νοέμβριος 2025")
    assert f'href="/{ITEM}">Εθελοντικός καθαρισμός της ακτής Καλαμακίου</a> (2 φωτογραφίες)' in page


def test_an_item_with_files_and_no_text_has_a_zip(content_dir: Path, build_site: SiteBuilder) -> None:
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/apofasi.md", attaching(release(1),
        "files/2026/apofasi.pdf", "Η απόφαση").replace("Κείμενο του δελτίου 1.", ""))
    site = build_site()
    with zipfile.ZipFile(next((site / "press-releases/2026/deltio-arithmos-1").glob("*.zip"))) as archive:
        assert archive.read("deltio-arithmos-1.txt").decode("utf-8").startswith("Δελτίο αριθμός 1\n")


def test_files_of_the_same_name_in_two_folders_are_both_in_the_zip(content_dir: Path, build_site: SiteBuilder) -> None:
    """Two photos named alike in two years' folders: one overwrote the other in the ZIP, while credits.txt listed
    both; journalists got one photo of two."""
    for year, colour in (("2025", "navy"), ("2026", "olive")):
        (content_dir / f"media/{year}").mkdir(parents=True)
        Image.new("RGB", (1200, 800), colour).save(content_dir / f"media/{year}/plateia.jpg")
    write(content_dir, "press-releases/2026/plateia.md", release(1).replace("category:", """images:
          - file: media/2025/plateia.jpg
            alt: Η πλατεία πέρσι
          - file: media/2026/plateia.jpg
            alt: Η πλατεία φέτος
        category:"""))
    site = build_site()
    with zipfile.ZipFile(next((site / "press-releases/2026/deltio-arithmos-1").glob("*.zip"))) as archive:
        photos = sorted(n for n in archive.namelist() if n.startswith("photos/"))
        assert photos == ["photos/media-2025-plateia.jpg", "photos/media-2026-plateia.jpg"]
        assert [Image.open(archive.open(n)).getpixel((5, 5))[2] > 100 for n in photos] == [True, False]
        credits = archive.read("credits.txt").decode("utf-8")
        assert [line for line in credits.splitlines() if line.endswith(".jpg")] == [n[7:] for n in photos]


def test_a_note_in_the_source_stays_out_of_the_zip(content_dir: Path, build_site: SiteBuilder) -> None:
    """The ZIP carries the text as the page shows it: not an HTML comment, not the front matter."""
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/apofasi.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/apofasi.md", attaching(release(1),
        "files/2026/apofasi.pdf", "Η απόφαση") + (
        "\n        <!-- ΕΣΩΤΕΡΙΚΟ: ο αριθμός δεν έχει επιβεβαιωθεί -->\n        Τέλος.\n"))
    site = build_site()
    with zipfile.ZipFile(next((site / "press-releases/2026/deltio-arithmos-1").glob("*.zip"))) as archive:
        text = archive.read("deltio-arithmos-1.txt").decode("utf-8")
    assert "Κείμενο του δελτίου 1." in text and "Τέλος." in text
    assert "ΕΣΩΤΕΡΙΚΟ" not in text and "attachments" not in text


def test_a_script_a_page_or_an_svg_that_runs_one_is_refused_and_hidden_files_are_never_published(
        content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    """Such a file would run with the site's rights (its CSP allows the site's own scripts, and /admin/ is there)."""
    kit = content_dir / "press-kit"
    write(content_dir, "press-releases/2026/a.md", release(1))
    write(content_dir, "press-kit/x.js", "alert(document.domain)")
    write(content_dir, "files/2026/selida.html", '<script src="/press-kit/x.js"></script>')
    write(content_dir, "press-kit/logos/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    write(content_dir, "press-kit/logos/link.svg", '<svg xmlns="http://www.w3.org/2000/svg" '
          'xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"><rect width="9" height="9"/></a></svg>')
    write(content_dir, "press-kit/logos/plain.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>')
    hidden = {  # what a browser runs although the file hides it: markup in an entity, a tab in the scheme, animation
        "entity": '<!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>">]><svg xmlns="http://www.w3.org/2000/svg">&s;</svg>',
        "tab": '<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x09;script:alert(1)"><rect/></a></svg>',
        "set": '<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/>'
               '<rect/></a></svg>',
        # a stylesheet that makes the file a page (its XSLT can write a script), and HTML that leaves for another site
        "styled": '<?xml-stylesheet type="text/xsl" href="plain.svg"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        "refresh": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><foreignObject>'
                   '<h:meta http-equiv="refresh" content="0;url=https://evil.example/"/></foreignObject></svg>'}
    for name, text in hidden.items():
        write(content_dir, f"press-kit/logos/{name}.svg", text)
    write(content_dir, "press-kit/logos/illustrator.svg", (  # «Preserve Illustrator Editing Capabilities»: a drawing
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" '
        '[<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">]><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:i="&ns_ai;" xmlns:xlink="http://www.w3.org/1999/xlink"><switch><foreignObject requiredExtensions='
        '"&ns_ai;" width="1" height="1"><i:pgfRef xlink:href="#pgf"/></foreignObject><rect width="9" height="9"/>'
        '</switch><i:pgf id="pgf">eJzt</i:pgf></svg>'))
    write(content_dir, "press-kit/logos/logo.eps", "%!PS-Adobe-3.0 EPSF-3.0\n")
    write(content_dir, "press-kit/logos/xslt.svg", '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/'
          'XSL/Transform"><xsl:template match="/"><html/></xsl:template></xsl:stylesheet>')
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"{kit}/x.js:1: file: files of type '.js' are not published" in out
    assert f"{content_dir}/files/2026/selida.html:1: file: files of type '.html' are not published" in out
    for name in ("logo", "link", *hidden):
        assert f"{kit}/logos/{name}.svg:1: file: 'press-kit/logos/{name}.svg' holds a script" in out
    assert f"{kit}/logos/xslt.svg:1: file: 'press-kit/logos/xslt.svg' is not an SVG drawing" in out
    assert "plain.svg" not in out and "illustrator" not in out and "logo.eps" not in out and "10 error(s)" in out, out
    for rel in ("press-kit/x.js", "files/2026/selida.html", "press-kit/logos/logo.svg", "press-kit/logos/link.svg",
                "press-kit/logos/xslt.svg", *(f"press-kit/logos/{name}.svg" for name in hidden)):
        (content_dir / rel).unlink()
    write(content_dir, "press-kit/.selida.html", "<script>alert(1)</script>")
    write(content_dir, "press-kit/~$facts.docx", "lock")
    write(content_dir, "press-kit/logos/.hidden-logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
          '</script></svg>')
    write(content_dir, "press-kit/logos/~$logo.svg", "lock")
    site = build_site()
    assert (site / "press-kit/logos/plain.svg").is_file()
    assert not [p for p in site.rglob("*") if p.name.startswith((".selida", "~$", ".hidden"))], "hidden files stay"
    with zipfile.ZipFile(site / "press-kit/press-kit.zip") as archive:
        assert not [n for n in archive.namelist() if "/." in n or "~$" in n], "…out of the press kit's ZIP too"


def test_every_photo_has_a_credit_alike_on_the_page_in_the_zip_and_in_the_feed(content_dir: Path,
                                                                                 build_site: SiteBuilder) -> None:
    """A press-kit photo written without a credit is the office's (`photo_credit`), wherever it is shown; one with
    its own keeps it; the main photo's caption and credit are those of the press-kit photo it is."""
    for name in ("ergo", "synergeio"):
        (content_dir / "media/2026").mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (1800, 1200), (90, 120, 60)).save(content_dir / f"media/2026/{name}.jpg", "JPEG")
    write(content_dir, "press-releases/2026/ergo.md", release(1).replace("category:", """images:
          - file: media/2026/ergo.jpg
            alt: Το εργοτάξιο της οδού Καλαμακίου
            caption: Οι εργασίες στην οδό Καλαμακίου
          - file: media/2026/synergeio.jpg
            alt: Συνεργείο ασφαλτόστρωσης
            credit: "Φωτογραφία: Νίκος Αλεξίου"
        category:"""))
    site = build_site()
    office = "Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου"
    page = (site / "press-releases/2026/deltio-arithmos-1/index.html").read_text(encoding="utf-8")
    lead = page.split('<figure class="item-figure">')[1].split("</figure>")[0]
    assert f'Οι εργασίες στην οδό Καλαμακίου <span class="credit">{office}</span>' in lead
    kit = page.split('<ul class="press-photos">')[1].split("</ul>")[0]
    assert kit.count(f'<span class="credit">{office}</span>') == 1
    assert kit.count('<span class="credit">Φωτογραφία: Νίκος Αλεξίου</span>') == 1
    with zipfile.ZipFile(next((site / "press-releases/2026/deltio-arithmos-1").glob("*.zip"))) as archive:
        credits = archive.read("credits.txt").decode("utf-8").split("\n\n")
    assert f"ergo.jpg\n  Οι εργασίες στην οδό Καλαμακίου\n  {office}\n" in credits[1], credits
    assert "synergeio.jpg\n  \n  Φωτογραφία: Νίκος Αλεξίου\n" in credits[2], credits
    feed = (site / "feeds/press-releases.atom.xml").read_text(encoding="utf-8")
    assert f"Οι εργασίες στην οδό Καλαμακίου {office}" in feed


def test_a_photo_attached_as_a_file_is_zipped_without_its_metadata(content_dir: Path, build_site: SiteBuilder) -> None:
    """The site publishes photos stripped of GPS, camera and author; the item's ZIP carried the original."""
    (content_dir / "files/2026").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x013B] = "Γιώργος Παπαδόπουλος"  # Artist
    exif[0x8825] = {1: "N", 2: (37.0, 54.0, 30.0)}  # GPS
    Image.new("RGB", (800, 600), "olive").save(content_dir / "files/2026/chartis.jpg", exif=exif)
    write(content_dir, "press-releases/2026/chartis.md", attaching(release(1), "files/2026/chartis.jpg", "Ο χάρτης"))
    site = build_site()
    with zipfile.ZipFile(next((site / "press-releases/2026/deltio-arithmos-1").glob("*.zip"))) as archive, \
            archive.open("files/chartis.jpg") as member, Image.open(member) as image:
        assert not {0x013B, 0x8825} & set(image.getexif())


def test_documents_are_offered_and_files_the_kit_does_not_offer_are_told(
        content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    """A biography in press-kit/documents/ and a photo set in a folder of photos/ were published but neither the
    page nor its ZIP offered them, and check said nothing."""
    write(content_dir, "press-releases/2026/a.md", release(1))
    (content_dir / "press-kit/documents").mkdir(parents=True)
    (content_dir / "press-kit/documents/viografiko-dimarchou.pdf").write_bytes(text_pdf())
    (content_dir / "press-kit/photos/egkainia").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), "gray").save(content_dir / "press-kit/photos/egkainia/foto-1.jpg")
    write(content_dir, "press-kit/simeioseis.md", "Σημειώσεις για το υλικό.\n")
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    told = [line for line in out if "press kit page does not offer it" in line]
    assert [line.split(":", 1)[0] for line in told] == [f"{content_dir}/press-kit/photos/egkainia/foto-1.jpg"], told
    assert f"{content_dir}/press-kit/simeioseis.md:1: file: warning: is neither read nor published: the one text of " \
           "the press kit is its fact sheet, press-kit/facts.md" in out, "it was told it «is published»"
    site = build_site()
    page = (site / "press-kit/index.html").read_text(encoding="utf-8")
    assert '<a href="/press-kit/documents/viografiko-dimarchou.pdf" download>viografiko-dimarchou.pdf</a>' in page
    with zipfile.ZipFile(site / "press-kit/press-kit.zip") as kit:
        assert "documents/viografiko-dimarchou.pdf" in kit.namelist()


def test_an_item_with_one_photo_offers_it_in_full_and_sizes_are_of_the_published_files(sample_site: Path) -> None:
    """A release with `image:` alone offered its full-resolution photo in the mail and the feed, not on its page;
    the press kit's PNG logos were given the sizes of the source files, not of those served."""
    folder = sample_site / "press-releases/2026/nea-gipeda-5x5-sto-athlitiko-kentro-trachonon"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="/media/2026/nea-gipeda.jpg" download>Πλήρης ανάλυση' in page
    [kit] = folder.glob("press-kit-*.zip")
    with zipfile.ZipFile(kit) as archive:
        assert "photos/nea-gipeda.jpg" in archive.namelist()
        assert "Γραφείο Τύπου" in archive.read("credits.txt").decode("utf-8"), "the office's credit, as the mail's"
    kit_page = (sample_site / "press-kit/index.html").read_text(encoding="utf-8")
    for logo in (sample_site / "press-kit/logos").glob("*.png"):
        shown = f"(PNG, {file_size(logo.stat().st_size)})"
        assert shown in kit_page, (logo.name, shown)


def test_the_items_text_in_its_zip_carries_its_corrections(content_dir: Path, build_site: SiteBuilder) -> None:
    """The page, the feed and the mail gave «Ιστορικό αλλαγών»; the ZIP's text gave no sign of a correction."""
    (content_dir / "files").mkdir()
    (content_dir / "files/apologismos.pdf").write_bytes(text_pdf("Απολογισμός"))
    extra = ["attachments:", "- file: files/apologismos.pdf", "  title: Απολογισμός", "changes:",
             "- date: 2026-11-22 10:00", '  note: "Νέα ζύγιση: 640 κιλά, όχι 620."', "  notify: true"]
    write(content_dir, "press-releases/2026/katharismos.md", release(1).replace(
        "category: perivallon", "\n        ".join(["category: perivallon", *extra])))
    site = build_site()
    [kit] = (site / "press-releases/2026").glob("*/press-kit-*.zip")
    with zipfile.ZipFile(kit) as archive:
        text = archive.read(next(n for n in archive.namelist() if n.endswith(".txt") and n != "credits.txt"))
    assert "Ιστορικό αλλαγών:\n- 22 Νοεμβρίου 2026: Νέα ζύγιση: 640 κιλά, όχι 620.\n" in text.decode("utf-8")
