"""ELOT 743 slugs, Babel Greek dates and Athens offsets."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from kiryx import greek
from kiryx.greek import (
    ATHENS,
    alphabetical,
    event_when,
    file_size,
    greek_date,
    greek_datetime,
    greek_month,
    iso,
    slugify,
    upper,
    with_article,
)

# Shared with the browser editor's JavaScript port (tests/test_admin.py): one table for both.
ELOT_743 = [(case["title"], case["slug"]) for case in json.loads(
    (Path(__file__).with_name("elot743.json")).read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("title", "slug"), ELOT_743)
def test_elot_743_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugs_are_ascii_lowercase_hyphenated() -> None:
    slug = slugify("  Δήμος   Αλίμου: Ανακοίνωση (Νο 5) ")
    assert slug == "dimos-alimou-anakoinosi-no-5"
    assert slug.isascii()


def test_dates_use_the_genitive_month() -> None:
    assert greek_date(date(2026, 11, 23)) == "23 Νοεμβρίου 2026"
    assert greek_date(datetime(2026, 5, 1, 9, 0)) == "1 Μαΐου 2026"
    assert greek_date(date(2026, 11, 23), weekday=True) == "Δευτέρα 23 Νοεμβρίου 2026"


def test_month_headings_use_the_nominative() -> None:
    assert greek_month(date(2026, 11, 1)) == "Νοέμβριος 2026"


def test_times_are_24_hour() -> None:
    assert greek_datetime(datetime(2026, 12, 5, 18, 0)) == "5 Δεκεμβρίου 2026, 18:00"


@pytest.mark.parametrize(("naive", "expected"), [
    (datetime(2026, 3, 29, 2, 59), "2026-03-29T02:59:00+02:00"),   # last minute of winter time
    (datetime(2026, 3, 29, 4, 0), "2026-03-29T04:00:00+03:00"),    # summer time has begun
    (datetime(2026, 10, 25, 2, 30), "2026-10-25T02:30:00+03:00"),  # before the clocks go back
    (datetime(2026, 10, 25, 4, 0), "2026-10-25T04:00:00+02:00"),   # after
    (datetime(2026, 7, 1, 12, 0), "2026-07-01T12:00:00+03:00"),
    (datetime(2026, 1, 15, 12, 0), "2026-01-15T12:00:00+02:00"),
])
def test_iso_dates_carry_the_athens_offset(naive: datetime, expected: str) -> None:
    assert iso(naive) == expected


def test_capitals_carry_no_accents() -> None:
    assert upper("Ακυρώνεται") == "ΑΚΥΡΩΝΕΤΑΙ"
    assert upper("Προϋπολογισμός") == "ΠΡΟΫΠΟΛΟΓΙΣΜΟΣ"


def test_file_sizes_use_the_greek_decimal_comma() -> None:
    assert file_size(1_234_567) == "1,2 MB"
    assert file_size(640_000) == "640 KB"


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ATHENS)


@pytest.mark.parametrize(("start", "end", "all_day", "text"), [
    (at(2026, 12, 5, 18), at(2026, 12, 5, 21), False, "Σάββατο 5 Δεκεμβρίου 2026, 18:00–21:00"),
    (at(2026, 12, 5, 18), None, False, "Σάββατο 5 Δεκεμβρίου 2026, 18:00"),
    (at(2026, 12, 5, 22), at(2026, 12, 6, 2), False,
     "Σάββατο 5 Δεκεμβρίου 2026, 22:00 – Κυριακή 6 Δεκεμβρίου 2026, 02:00"),
    (at(2026, 12, 18), at(2026, 12, 20), True, "18–20 Δεκεμβρίου 2026"),
    (at(2026, 11, 30), at(2026, 12, 2), True, "30 Νοεμβρίου – 2 Δεκεμβρίου 2026"),
    (at(2026, 12, 30), at(2027, 1, 2), True, "30 Δεκεμβρίου 2026 – 2 Ιανουαρίου 2027"),
    (at(2026, 12, 18), None, True, "Παρασκευή 18 Δεκεμβρίου 2026"),
    (at(2026, 12, 18), at(2026, 12, 18), True, "Παρασκευή 18 Δεκεμβρίου 2026"),
    (at(2026, 12, 5, 18), at(2026, 12, 5, 18), False, "Σάββατο 5 Δεκεμβρίου 2026, 18:00"),
    (datetime(2026, 7, 4, 15, 30, tzinfo=UTC), datetime(2026, 7, 4, 17, tzinfo=UTC), False,
     "Σάββατο 4 Ιουλίου 2026, 18:30–20:00"),  # given in UTC, written in Athens (summer) time
])
def test_event_times_are_written_the_greek_way(start: datetime, end: datetime | None, all_day: bool, text: str) -> None:
    assert event_when(start, end, all_day) == text


def test_an_event_is_timed_unless_said_to_last_all_day() -> None:
    assert event_when(at(2026, 12, 5, 18)) == "Σάββατο 5 Δεκεμβρίου 2026, 18:00"


def test_a_moment_is_written_with_its_weekday_only_when_asked() -> None:
    moment = at(2026, 12, 5, 9, 30)
    assert greek_datetime(moment) == "5 Δεκεμβρίου 2026, 09:30"
    assert greek_datetime(moment, weekday=True) == "Σάββατο 5 Δεκεμβρίου 2026, 09:30"


@pytest.mark.parametrize(("text", "latin"), [
    ("Εύα", "eva"),                # αυ/ευ before a last letter that is voiced
    ("Ευχαριστώ ταυ", "efcharisto taf"),  # before an unvoiced one, and at the end
    ("Ναύπλιο", "nafplio"),        # the pair is one sound: the letter after it is read once
    ("άυλος", "aylos"),            # an accent on the first vowel splits the pair
    ("κόυ", "koy"),                # and splits ου likewise
    ("Café ΧΑΡΤΗΣ", "cafe chartis"),  # lower case throughout, accents dropped, Latin kept
])
def test_transliteration_of_vowel_pairs(text: str, latin: str) -> None:
    assert greek.transliterate(text) == latin


def test_folding_ignores_accents_case_final_sigma_and_spacing() -> None:
    assert greek.fold("  Οι ΨΑΡΆΔΕΣ   του Αλίμου ") == "οι ψαραδεσ του αλιμου"
    assert greek.fold("Ψαράς") == greek.fold("ΨΑΡΑΣ") == "ψαρασ"


def test_month_headings_use_the_calendar_year_not_the_week_year() -> None:
    assert greek_month(date(2027, 1, 1)) == "Ιανουάριος 2027"  # a Friday in the last week of 2026
    assert greek_month(datetime(2027, 1, 1, 9, 0)) == "Ιανουάριος 2027"


def test_times_are_athens_hours_and_minutes() -> None:
    assert greek.greek_time(time(9, 5)) == "09:05"
    assert greek.greek_time(datetime(2026, 7, 1, 6, 30, tzinfo=UTC)) == "09:30"


def test_capitals_drop_only_accents() -> None:
    assert upper("Ταξί Xanthi ΧΧ") == "ΤΑΞΙ XANTHI ΧΧ"


@pytest.mark.parametrize(("size", "text"), [
    (999, "999 B"), (1000, "1 KB"), (999_499, "999,5 KB"), (2_500_000_000_000, "2.500 GB"),
])
def test_file_size_units(size: int, text: str) -> None:
    assert file_size(size) == text


def test_terms_are_listed_in_greek_alphabetical_order(sample_site: Path) -> None:
    @dataclass
    class Term:
        name: str

    names = ["Έργα & Υποδομές", "Αθλητισμός", "Ύδρευση", "Ψηφιακός Δήμος", "άλλο", "Περιβάλλον", "Zoo"]
    assert [t.name for t, _ in alphabetical([(Term(n), []) for n in names])] == [
        "Zoo", "Αθλητισμός", "άλλο", "Έργα & Υποδομές", "Περιβάλλον", "Ύδρευση", "Ψηφιακός Δήμος"]
    page = (sample_site / "category/index.html").read_text(encoding="utf-8")
    assert page.index("Αθλητισμός") < page.index("Έργα") < page.index("Περιβάλλον"), "the categories page uses it"


@pytest.mark.parametrize(("words", "said"), [
    ("Σάββατο 12 Δεκεμβρίου 2026, 10:00", "το Σάββατο 12 Δεκεμβρίου 2026, 10:00"),
    ("Δευτέρα 28 Δεκεμβρίου 2026, 10:00", "τη Δευτέρα 28 Δεκεμβρίου 2026, 10:00"),
    ("Τρίτη 29 Δεκεμβρίου 2026, 10:00", "την Τρίτη 29 Δεκεμβρίου 2026, 10:00"),
    ("Κυριακή", "την Κυριακή"), ("πρώτη Δευτέρα", "την πρώτη Δευτέρα"), ("δεύτερη Τρίτη", "τη δεύτερη Τρίτη"),
    ("τελευταίο Σάββατο", "το τελευταίο Σάββατο"),
])
def test_a_day_takes_its_article(words: str, said: str) -> None:
    """The plan said «την Σάββατο» and «την Δευτέρα»."""
    assert with_article(words) == said
