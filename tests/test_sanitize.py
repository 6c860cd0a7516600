"""The body sanitizer: what it removes never reaches the published HTML, what it keeps is what staff need."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiryx.content.sanitize import sanitize
from tests.conftest import SiteBuilder, write

YOUTUBE = ("www.youtube-nocookie.com",)
NOT_SHOWN = "is not shown: the site shows only its own images; save it in media/YYYY/ and write ![what it shows](/media/YYYY/name.jpg)"


@pytest.mark.parametrize(("html", "gone", "needle", "said"), [
    ('<img src="/a.jpg" alt="x" onerror="steal()">', "onerror", "onerror", "removed unsafe 'onerror' attribute on <img>"),
    ('<p onclick="steal()">x</p>', "onclick", "onclick", "removed unsafe 'onclick' attribute on <p>"),
    ('<a href="javascript:steal()">x</a>', "javascript", "javascript", "removed unsafe javascript: link on <a>"),
    ('<a href=" JaVaScRiPt:steal()">x</a>', "steal", "JaVaScRiPt", "removed unsafe JaVaScRiPt: link on <a>"),
    ('<a href="jav&#x09;ascript:steal()">x</a>', "steal", "javascript", "removed unsafe javascript: link on <a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:", "data", "removed unsafe data: link on <a>"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', "data:", "data", "removed unsafe data: link on <img>"),
    ('<a href="vbscript:x">x</a>', "vbscript", "vbscript", "removed unsafe vbscript: link on <a>"),
    ('<a href="ftp://files.example/x">x</a>', "ftp", "ftp", "removed unsafe ftp: link on <a>"),  # Ammonia allows it
    ('<a href="sms:+30210">x</a>', "sms", "sms", "removed unsafe sms: link on <a>"),
    ("<script>steal()</script>", "steal", "script", "removed unsafe <script> element"),
    ("<style>body{display:none}</style>", "display", "style", "removed unsafe <style> element"),
    ('<p style="position:fixed">x</p>', "position", "style", "removed unsafe 'style' attribute on <p>"),
    ('<form action="https://evil.example"><input name="p"></form>', "evil", "form", "removed unsafe <form> element"),
    ('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>', "iframe", "iframe",
     "removed unsafe <iframe> element"),
    ('<object data="x.swf"></object>', "object", "object", "removed unsafe <object> element"),
    # an image from another site: every browser and mail program that shows it tells that site who read, and when
    ('<img src="https://tracker.example/p.png" alt="Η ακτή">', "tracker", "https://tracker.example/p.png",
     f"the image https://tracker.example/p.png {NOT_SHOWN}"),
    ('<img src="//tracker.example/r.png" alt="">', "tracker", "//tracker.example/r.png",
     f"the image //tracker.example/r.png {NOT_SHOWN}"),
    ('<a href="https://example.org" target="_blank">x</a>', "target", "target",
     "left out the 'target' attribute on <a>, which pages here do without (nothing to change)"),
])
def test_what_is_removed_is_gone_from_the_html_and_said(html: str, gone: str, needle: str, said: str) -> None:
    clean, removed = sanitize(html)
    assert gone.lower() not in clean.lower()
    assert [(n, str(m)) for n, m in removed][:1] == [(needle, said)]


@pytest.mark.parametrize("html", [
    '<p><a href="https://example.org/a?b=1&amp;c=2" hreflang="en" title="t">x</a></p>',
    '<p><a href="mailto:press@alimos.gr">x</a> <a href="tel:+302132008044">y</a></p>',
    '<p><a href="/press-releases/2026/x/">x</a> <a href="#sim">y</a></p>',
    '<p><img src="/media/2026/x.jpg" alt="Η ακτή" width="10" height="5" loading="lazy"></p>',
    '<table><thead><tr><th scope="col" colspan="2">α</th></tr></thead>'
    '<tbody><tr><td rowspan="2">β</td><td>γ</td></tr></tbody></table>',
    '<ol start="3"><li><time datetime="2026-11-24">24/11</time></li></ol>',
    '<h2 id="plan" lang="en" class="note">x</h2>',
    "<blockquote><p>«Παράθεση»</p><cite>Δήμαρχος</cite></blockquote>",
    "<dl><dt>Πού</dt><dd>Δημαρχείο</dd></dl>",
    "<p><strong>a</strong> <em>b</em> <abbr title=\"Δημοτικό Συμβούλιο\">ΔΣ</abbr> <sup>1</sup></p>",
])
def test_what_staff_write_is_kept_as_written(html: str) -> None:
    assert sanitize(html) == (html, [])


def test_links_get_no_rel_added() -> None:
    clean, _ = sanitize('<a href="https://example.org">x</a>')
    assert clean == '<a href="https://example.org">x</a>'


def test_iframes_only_from_the_configured_hosts() -> None:
    kept = '<iframe src="https://www.youtube-nocookie.com/embed/x" width="560" height="315" allowfullscreen=""></iframe>'
    assert sanitize(kept, YOUTUBE) == (kept, [])
    clean, removed = sanitize('<p>Δείτε:</p><iframe src="https://www.youtube.com/embed/x" width="560" height="315" '
                              'allowfullscreen></iframe><p>Τέλος.</p>', YOUTUBE)
    assert clean == "<p>Δείτε:</p><p>Τέλος.</p>", "no empty 560×315 box left on the page"
    assert [(n, str(m)) for n, m in removed] == [
        ("iframe", "removed the embedded <iframe> from www.youtube.com: only www.youtube-nocookie.com may be embedded "
                   "(for YouTube, copy the embed code with «privacy-enhanced mode» on, from www.youtube-nocookie.com); "
                   "the list is KIRYX['iframe_hosts']")]
    clean, removed = sanitize('<iframe src="javascript:x"></iframe>', YOUTUBE)
    assert "javascript" not in clean and str(removed[0][1]) == "removed unsafe javascript: link on <iframe>"
    _, removed = sanitize('<iframe src="https://vimeo.com/x"></iframe>', (*YOUTUBE, "player.vimeo.com"))
    assert "only www.youtube-nocookie.com, player.vimeo.com may be embedded" in str(removed[0][1]), "each host named"


def test_the_published_page_has_none_of_it(content_dir: Path, build_site: SiteBuilder) -> None:
    write(content_dir, "press-releases/2026/a.md", """
        ---
        title: Δοκιμή καθαρισμού
        date: 2026-03-02 10:00
        summary: Σύνοψη.
        category: paideia
        ---
        Κείμενο <a href="javascript:steal()">σύνδεσμος</a> και <a href="data:text/html,x">άλλος</a>.

        <img src="/press-kit/logos/dimos-alimou-logo.png" alt="Λογότυπο" onerror="steal()">

        ![Ο χάρτης της διαδρομής](https://tracker.example/pixel.png)

        <script>steal()</script>
        """)
    page = (build_site() / "press-releases/2026/dokimi-katharismou/index.html").read_text(encoding="utf-8")
    body = page[page.index("Κείμενο"):page.index("</article>")]
    for unsafe in ("steal", "javascript:", "data:", "onerror", "tracker.example"):
        assert unsafe not in body, unsafe
    assert "σύνδεσμος" in body and "Λογότυπο" in body and "Ο χάρτης της διαδρομής" in body, "an image's words stay"
    feed = (build_site() / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "tracker.example" not in feed and "Ο χάρτης της διαδρομής" in feed, "nor in the feeds (and the mails)"


WORD = """<p class=MsoNormal style='margin:0cm;line-height:150%'><span lang=EL style='font-size:12.0pt;
mso-bidi-font-family:Calibri'>Ο Δήμος ανακοινώνει.<o:p></o:p></span></p>
<p class=MsoNormal style='margin:0cm'><span lang=EL style='font-size:12.0pt'>Δεύτερη παράγραφος.<o:p></o:p></span></p>
<p style="text-align:center">Κεντραρισμένο.</p>"""


def test_text_pasted_from_word_is_one_warning_and_each_other_removal_is_said_once() -> None:
    """Word's HTML gave a dozen «unsafe attribute 'style'» and «unsafe <o:p>» warnings, all on the first line."""
    clean, removed = sanitize(WORD)
    assert "Ο Δήμος ανακοινώνει." in clean and "Δεύτερη παράγραφος." in clean and "style" not in clean
    assert [needle for needle, _ in removed] == ["style"], "found on the first line that has it"
    assert [str(what) for _, what in removed] == [
        "text pasted from Word: its formatting is left out and its words kept (nothing to change); next time, paste "
        "it as plain text (Ctrl+Shift+V)"]
    _, removed = sanitize('<p style="color:red">Α</p><p style="color:blue">Β</p>')
    assert [str(what) for _, what in removed] == ["removed unsafe 'style' attribute on <p>"]


def test_an_image_removed_from_a_word_paste_is_still_said() -> None:
    """Word's one warning took in the removed image's warning (its address has a ':'): it vanished from the page
    with «nothing to change»."""
    _, removed = sanitize('<p class=MsoNormal>Ανακοίνωση<o:p></o:p></p>\n'
                          '<p class=MsoNormal><img src="https://www.example.org/afisa.jpg" alt="Η αφίσα"></p>')
    assert any("the image https://www.example.org/afisa.jpg is not shown" in str(what) for _, what in removed), removed


def test_a_tables_alignment_is_kept_as_a_class() -> None:
    """Markdown aligns `|---:|` cells with a style, which was removed with two «unsafe attribute» warnings."""
    clean, removed = sanitize('<table><tr><th style="text-align: right;">Ποσό</th></tr>'
                              '<tr><td style="text-align: right;">1.000 €</td></tr></table>')
    assert removed == [] and clean == ('<table><tbody><tr><th class="align-right">Ποσό</th></tr>'
                                       '<tr><td class="align-right">1.000 €</td></tr></tbody></table>')


def test_character_references_at_the_edges_are_read_as_browsers_read_them() -> None:
    """128–159 are Windows' (€, Ÿ), 160 is itself, one Windows leaves undefined or a control character is left
    out and said once, and U+10FFFF is the last character there is."""
    clean, removed = sanitize("<p>&#128;&#159;&#160;&#129;&#1114111;&#1114112;&#11;x</p>")
    assert clean == "<p>€Ÿ&nbsp;\U0010ffffx</p>"
    assert [(needle, str(what)) for needle, what in removed] == [("&#129;", (
        "left out an invisible control character written as &#129;, which feeds and calendars cannot carry; "
        "delete it"))]


def test_each_removal_is_said_and_nothing_of_it_is_left() -> None:
    """An address that is none loses its href; an image from elsewhere without a description leaves nothing; two
    removals of one attribute on two elements are two warnings; a scheme is named by what comes before its first
    colon."""
    assert sanitize('<a href="https://[x]/">a</a>')[0] == "<a>a</a>"
    assert sanitize('<img src="/a.jpg" alt="https://[x]">')[0] == '<img src="/a.jpg" alt="https://[x]">', (
        "only an address is read as one: a description is text")
    assert sanitize('<p>Α<img src="https://x.org/a.png">Β</p>')[0] == "<p>ΑΒ</p>"
    _, removed = sanitize('<p><b onclick="x">a</b><i onclick="y">b</i></p><a href="javascript:a:b">x</a>')
    assert [(needle, str(what)) for needle, what in removed] == [
        ("onclick", "removed unsafe 'onclick' attribute on <b>"), ("onclick", "removed unsafe 'onclick' attribute on <i>"),
        ("javascript", "removed unsafe javascript: link on <a>")]
