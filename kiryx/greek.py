"""Greek-first text: ELOT 743 slugs, Babel dates and date ranges, Europe/Athens time."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")
LOCALE = "el"

# ELOT 743 (type 1, the transliteration used for Greek passports).
_LETTERS = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i",
    "θ": "th", "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x",
    "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y",
    "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
_DIGRAPHS = {"γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch", "ου": "ou"}
# αυ/ευ/ηυ sound as av/ev/iv before these (vowels and voiced consonants), elsewhere as af/ef/if.
_BEFORE_Y = frozenset("αεη")
_VOICED = frozenset("αεηιουωβγδζλμνρ")
_DIAERESIS = "\u0308"


def _letters(text: str) -> list[tuple[str, bool, bool]]:
    """Split lowercased text into (base letter, accented, has diaeresis)."""
    out: list[tuple[str, bool, bool]] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(char):
            if out:
                base, accent, dia = out[-1]
                out[-1] = (base, accent or char != _DIAERESIS, dia or char == _DIAERESIS)
            continue
        out.append((char, False, False))
    return out


def transliterate(text: str) -> str:
    """Transliterate Greek text to Latin by ELOT 743; other scripts pass through."""
    letters = _letters(text)
    out: list[str] = []
    i = 0
    while i < len(letters):
        char, accent, _ = letters[i]
        nxt = letters[i + 1] if i + 1 < len(letters) else None
        if nxt and char in _BEFORE_Y and nxt[0] == "υ" and not nxt[2] and not accent:
            voiced = i + 2 < len(letters) and letters[i + 2][0] in _VOICED
            out.append(_LETTERS[char] + ("v" if voiced else "f"))
            i += 2
            continue
        if nxt and not nxt[2] and (char + nxt[0]) in _DIGRAPHS and not (char == "ο" and accent):
            out.append(_DIGRAPHS[char + nxt[0]])
            i += 2
            continue
        out.append(_LETTERS.get(char, char))
        i += 1
    return "".join(out)


def fold(text: str) -> str:
    """Text for matching what people type: no accents or diaeresis, lower case (final ς as σ).

    «ΠΕΡΙΒΑΛΛΟΝ», «Περιβάλλον» and «περιβαλλον» all fold to «περιβαλλον».
    """
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(bare.lower().replace("ς", "σ").split())


def alphabetical(terms: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """(term, items) pairs in Greek alphabetical order of the term's name: «Αθλητισμός» before «Έργα», though Έ
    comes before Α in Unicode (the theme's filter for tags and categories)."""
    return sorted(terms, key=lambda pair: (fold(pair[0].name), pair[0].name))


@lru_cache(maxsize=16384)
def slugify(text: str) -> str:
    """An ASCII, lowercase, hyphenated slug: «Ευρωπαϊκή Εβδομάδα» → evropaiki-evdomada.

    Accents of Latin letters go (café → cafe); any other sign parts words, as a space does (2026–2027 →
    2026-2027, «Αθήνα—Πειραιάς» → athina-peiraias), instead of gluing them together.
    """
    latin = unicodedata.normalize("NFKD", transliterate(text))
    ascii_text = "".join(c if c.isascii() else "" if unicodedata.combining(c) else "-" for c in latin).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")  # pragma: no mutate


def athens(moment: datetime) -> datetime:
    """The same instant (or naive Athens wall time) as an aware Athens datetime."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=ATHENS)
    return moment.astimezone(ATHENS)


def greek_date(value: date | datetime, weekday: bool = False) -> str:
    """«23 Νοεμβρίου 2026», or «Δευτέρα 23 Νοεμβρίου 2026» with the weekday."""
    if isinstance(value, datetime):
        value = athens(value).date()
    return _formatted_date(value, "EEEE d MMMM y" if weekday else "d MMMM y")


@lru_cache(maxsize=8192)
def _formatted_date(value: date, pattern: str) -> str:
    """Babel's formatting, once per day and pattern (an archive shows the same days on many pages)."""
    from babel.dates import format_date  # noqa: PLC0415 - Babel's import costs ~20 ms, and a warm check needs none

    return format_date(value, pattern, locale=LOCALE)


def greek_month(value: date | datetime) -> str:
    """A month heading in the nominative: «Νοέμβριος 2026»."""
    # pragma: Babel takes a datetime's date itself; the conversion only keeps the cache to one entry per day
    return _formatted_date(value.date() if isinstance(value, datetime) else value, "LLLL y")  # pragma: no mutate


def greek_time(value: datetime | time) -> str:
    """24-hour Athens time: «18:00»."""
    if isinstance(value, datetime):
        value = athens(value).time()
    return f"{value:%H:%M}"


def greek_datetime(value: datetime, weekday: bool = False) -> str:
    """«23 Νοεμβρίου 2026, 10:30»."""
    return f"{greek_date(value, weekday)}, {greek_time(value)}"


def with_article(words: str) -> str:
    """A day, or a date that starts with one, after «on»: «το Σάββατο 12 Δεκεμβρίου», «τη Δευτέρα», «την Τρίτη», «την
    πρώτη Δευτέρα», «το τελευταίο Σάββατο» (Σάββατο is the one neuter day; of the days and ordinals, only those in
    δ drop the feminine's ν)."""
    if "Σάββατο" in words.split()[:2]:
        return f"το {words}"
    return f"{'τη' if fold(words).startswith('δ') else 'την'} {words}"


def iso(value: datetime, day: bool = False) -> str:
    """ISO 8601 with the Athens offset, e.g. 2026-11-23T10:30:00+02:00; with `day` (an all-day event), the date."""
    return athens(value).date().isoformat() if day else athens(value).isoformat()


def upper(text: str) -> str:
    """Greek capitals carry no accents: «Ακυρώνεται» → «ΑΚΥΡΩΝΕΤΑΙ»."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if c not in "\u0301\u0300\u0342"
    )
    return unicodedata.normalize("NFC", stripped).upper()


def file_size(size: int) -> str:
    """A byte count the Greek way: «1,2 MB», «640 KB»."""
    from babel.numbers import format_decimal  # noqa: PLC0415 - as _formatted_date's

    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            break
        value /= 1000
    return f"{format_decimal(value, '#,##0.#', locale=LOCALE)} {unit}"


def day_range(first: date, last: date) -> str:
    """A range of whole days, sharing month and year where they are the same."""
    if first == last:
        return greek_date(first, weekday=True)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{greek_date(last)}"
    if first.year == last.year:
        return f"{_formatted_date(first, 'd MMMM')} – {greek_date(last)}"
    return f"{greek_date(first)} – {greek_date(last)}"


def event_when(start: datetime, end: datetime | None = None, all_day: bool = False) -> str:
    """The whole span of an event, in Athens time."""
    start = athens(start)
    end = athens(end) if end else None
    if all_day:
        return day_range(start.date(), (end or start).date())
    opening = f"{greek_date(start, weekday=True)}, {greek_time(start)}"
    if not end or end == start:
        return opening
    if end.date() == start.date():
        return f"{opening}–{greek_time(end)}"
    return f"{opening} – {greek_date(end, weekday=True)}, {greek_time(end)}"


def listed(names: list[str]) -> str:
    """«Τρίτη», «Τρίτη και Πέμπτη», «Δευτέρα, Τετάρτη και Παρασκευή»."""
    return f"{', '.join(names[:-1])} και {names[-1]}" if len(names) > 1 else names[0]
