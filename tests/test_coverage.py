"""The media-coverage archive: years, outlets, replies in both directions, the internal switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiryx.cli import main
from pelicanconf import KIRYX
from tests.conftest import SiteBuilder, write


def text(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_the_archive_lists_entries_by_year_and_outlet_with_counts(sample_site: Path) -> None:
    assert text(sample_site, "coverage/2025/index.html").count('class="card-title"') == 2
    assert text(sample_site, "coverage/2026/index.html").count('class="card-title"') == 4
    outlets = text(sample_site, "coverage/outlets/index.html")
    assert '<a href="/coverage/outlets/notia-proastia-live/">Νότια Προάστια Live</a> <span class="count">(2)</span>' in outlets
    assert '<a href="/coverage/outlets/ert-attikis/">ΕΡΤ Αττικής</a> <span class="count">(1)</span>' in outlets
    assert text(sample_site, "coverage/outlets/notia-proastia-live/index.html").count('class="card-title"') == 2


def test_reply_links_work_in_both_directions(sample_site: Path) -> None:
    entry = text(sample_site, "coverage/2026/akatharistes-oi-paralies-tou-alimou-ta-savvatokyriaka/index.html")
    reply_url = "/press-releases/2026/apantisi-tou-dimou-alimou-se-dimosievma-gia-tin-kathariotita-tis-paralias/"
    assert f'<strong>Απάντηση του Δήμου:</strong> <a href="{reply_url}">' in entry
    assert '<blockquote class="excerpt" cite="https://foni-noton.example/2026/06/paralies-alimou">' in entry
    assert "<dd>Έντυπο</dd>" in entry
    reply = text(sample_site, reply_url.strip("/") + "/index.html")
    assert ('<strong>Απάντηση σε:</strong> <a href="/coverage/2026/akatharistes-oi-paralies-tou-alimou-ta-'
            'savvatokyriaka/">Η Φωνή των Νοτίων, «Ακαθάριστες οι παραλίες του Αλίμου τα Σαββατοκύριακα», '
            '18 Ιουνίου 2026</a>') in reply


def test_a_broken_reply_path_is_a_check_error(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/sxolio.md", """
        ---
        title: Σχόλιο
        date: 2026-02-01
        summary: Σύντομο σχόλιο.
        category: paideia
        ---
        """)
    write(content_dir, "coverage/2026/arthro.md", """
        ---
        title: Άρθρο
        date: 2026-02-01
        outlet: Τοπική Εφημερίδα
        url: https://example.org/a
        kind: print
        reply: press-releases/2026/sxolio.md
        ---
        """)
    assert main(["check", "--content", str(content_dir)]) == 0
    write(content_dir, "coverage/2026/lathos.md", """
        ---
        title: Άλλο άρθρο
        date: 2026-02-02
        outlet: Τοπική Εφημερίδα
        url: https://example.org/b
        kind: web
        reply: press-releases/2026/den-yparchei.md
        ---
        """)
    assert main(["check", "--content", str(content_dir)]) == 1
    assert "coverage/2026/lathos.md:7: reply: 'press-releases/2026/den-yparchei.md' does not exist" in \
        capsys.readouterr().out
    write(content_dir, "coverage/2026/lathos.md", (content_dir / "coverage/2026/lathos.md").read_text(
        encoding="utf-8").replace("den-yparchei.md", "sxolio"))
    assert main(["check", "--content", str(content_dir)]) == 1
    assert "lathos.md:7: reply: write the file's whole name, with '.md': reply: press-releases/2026/sxolio.md" in \
        capsys.readouterr().out


def web_article(fields: str) -> str:
    """A web article's entry, with these fields (its kind, an excerpt) after its address."""
    return f"---\ntitle: Άρθρο\ndate: 2026-02-01\noutlet: Τοπική Εφημερίδα\nurl: https://example.org/a\n{fields}---\n"


@pytest.mark.parametrize(("written", "said"), [
    ("εφημερίδα", "'εφημερίδα' is written 'print' in this field"),
    ("Τηλεόραση", "'Τηλεόραση' is written 'tv' in this field"),  # the editor's own label for it
    ("ΙΣΤΟΣΕΛΙΔΑ", "'ΙΣΤΟΣΕΛΙΔΑ' is written 'web' in this field"),
    ("podcast", "'podcast' must be one of: print, web, tv, radio"),
])
def test_a_kind_of_outlet_in_words_is_told_its_value(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                      written: str, said: str) -> None:
    write(content_dir, "coverage/2026/arthro.md", web_article(f"kind: {written}\n"))
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    assert f"coverage/2026/arthro.md:6: kind: {said}" in capsys.readouterr().out


def test_excerpts_are_quotations_not_copies(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "coverage/2026/arthro.md", web_article(f"kind: print\nexcerpt: {'λέξη ' * 100}\n"))
    assert main(["check", "--content", str(content_dir)]) == 1
    assert "arthro.md:7: excerpt: is 499 characters long; the limit is 400" in capsys.readouterr().out


def test_the_internal_switch_keeps_coverage_out_of_the_public_site(
        content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/apantisi.md", """
        ---
        title: Απάντηση σε δημοσίευμα
        date: 2026-03-02 10:00
        summary: Η απάντηση του Δήμου.
        category: dimotiki-archi
        tags: [Απάντηση]
        ---
        """)
    write(content_dir, "coverage/2026/arthro.md", """
        ---
        title: Εσωτερικό δημοσίευμα
        date: 2026-03-01
        outlet: Τοπική Εφημερίδα
        url: https://example.org/a
        kind: web
        tags: [Απάντηση]
        reply: press-releases/2026/apantisi.md
        ---
        """)
    public = build_site()
    assert (public / "coverage/index.html").is_file()
    assert "Απάντηση σε:" in text(public, "press-releases/2026/apantisi-se-dimosievma/index.html")
    internal = build_site(KIRYX={**KIRYX, "coverage_public": False})
    assert not (internal / "coverage").exists()
    assert not list((internal / "feeds").glob("coverage.*"))
    everything = "".join(p.read_text(encoding="utf-8") for p in internal.rglob("*") if p.suffix in (".html", ".xml"))
    assert "Εσωτερικό δημοσίευμα" not in everything and "Απάντηση σε:" not in everything
    assert 'href="/coverage/"' not in everything
    assert main(["check", "--content", str(content_dir)]) == 0


def clipping(outlet: str, n: int) -> str:
    return f"""
        ---
        title: Άρθρο {n}
        date: 2026-02-0{n}
        outlet: "{outlet}"
        url: https://example.org/{n}
        kind: print
        ---
        """


def test_an_outlet_written_two_ways_is_one_outlet_and_a_warning(
        content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "coverage/2026/a.md", clipping("Καθημερινή", 1))
    write(content_dir, "coverage/2026/b.md", clipping("ΚΑΘΗΜΕΡΙΝΗ", 2))
    write(content_dir, "coverage/2026/c.md", clipping("Αυγή", 3))
    assert main(["check", "--content", str(content_dir)]) == 0
    assert (f"{content_dir}/coverage/2026/b.md:4: outlet: warning: 'ΚΑΘΗΜΕΡΙΝΗ' is written 'Καθημερινή' in "
            "coverage/2026/a.md; write it the same way, so that its page shows one name") in capsys.readouterr().out
    site = build_site()  # one page for both (two pages at one address stopped the build)
    outlets = text(site, "coverage/outlets/index.html")
    assert outlets.index(">Αυγή</a>") < outlets.index('<a href="/coverage/outlets/kathimerini/">Καθημερινή</a> '
                                                        '<span class="count">(2)</span>'), "in Greek order"
    assert text(site, "coverage/outlets/kathimerini/index.html").count('class="card-title"') == 2


def test_an_outlet_with_no_letters_is_a_check_error(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "coverage/2026/a.md", clipping("★★★", 1))
    assert main(["check", "--content", str(content_dir)]) == 1
    assert (f"{content_dir}/coverage/2026/a.md:4: outlet: '★★★' has no letter or digit, so its page would have no "
            "address; write it in words") in capsys.readouterr().out


@pytest.mark.parametrize("written", ["/press-releases/2026/scholio/", "https://press.alimos.gr/press-releases/2026/scholio",
                                     "press-releases/2026/scholio/"])
def test_a_reply_given_as_the_address_is_told_its_file(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                       written: str) -> None:
    """The fix the check suggested for the address was itself refused («does not end in .md»)."""
    write(content_dir, "press-releases/2026/apantisi.md", "---\ntitle: Σχόλιο\ndate: 2026-02-01\nsummary: Σ.\n"
          "category: paideia\n---\n")
    write(content_dir, "coverage/2026/arthro.md", f"---\ntitle: Άρθρο\ndate: 2026-02-01\noutlet: Εφημερίδα\n"
          f"url: https://example.org/a\nkind: print\nreply: {written}\n---\n")
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{content_dir}/coverage/2026/arthro.md:7: reply: '{written}' is the address of "
        "press-releases/2026/apantisi.md; write its file instead: reply: press-releases/2026/apantisi.md")


def test_clippings_dated_ahead_twice_or_with_a_space_are_told(content_dir: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A clipping has no embargo: dated ahead it vanished from the archive without a word."""
    write(content_dir, "coverage/2026/a.md", clipping("Αυγή", 1).replace("example.org/1", "example.org/idio")
          .replace("kind: print", "kind: web"))
    write(content_dir, "coverage/2026/b.md", clipping("Αυγή", 2).replace("example.org/2", "example.org/idio/")
          .replace("kind: print", "kind: web"))
    write(content_dir, "coverage/2026/e.md", clipping("Αυγή", 5).replace("example.org/5", "example.org/idio"))
    write(content_dir, "coverage/2026/f.md", clipping("Αυγή", 6).replace("example.org/6", "example.org/idio"))
    # e and f: a printed page, or a radio show's page, holds many clippings: only an article's address is one
    write(content_dir, "coverage/2030/c.md", clipping("Αυγή", 3).replace("2026-02-03", "2030-02-03"))
    write(content_dir, "coverage/2026/d.md", clipping("Αυγή", 4).replace("example.org/4", "example.org/me keno"))
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{content_dir}/coverage/2026/b.md:5: url: warning: coverage/2026/a.md is the same article; keep one entry "
        "for it",
        f"{content_dir}/coverage/2026/d.md:5: url: 'https://example.org/me keno' has a space, which no web address "
        "has; copy the address again from the browser's address bar",
        f"{content_dir}/coverage/2030/c.md:3: date: warning: a clipping dated 3 Φεβρουαρίου 2030, a day still to "
        "come, is shown only from then; write the day it was published",
        "8 file(s) checked: 1 error(s), 2 warning(s)"]
