"""Recurring events: `repeat:` in words (Greek or English) to an iCalendar RRULE, and the dates it gives.

    repeat: {every: week, on: [Σάββατο], until: 2026-11-28}     → FREQ=WEEKLY;BYDAY=SA;UNTIL=…
    repeat: {every: month, on: first Monday, count: 6}           → FREQ=MONTHLY;BYDAY=1MO;COUNT=6
    rrule: FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10                      (for experts; RFC 5545)
    except: [2026-11-21]   also: [2026-12-05 11:00]   cancelled_dates: [2026-11-21]

The first occurrence is the event's `start`/`end`: its time of day and length. Dates are expanded
by dateutil from an Athens start, so an 18:00 event stays at 18:00 in winter and in summer. A
series must end (`until:` or `count:`): calendars and lists then know its last date.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, cached_property
from typing import Any

from dateutil.rrule import rrulestr

from ..greek import ATHENS, event_when, fold, greek_date, greek_time, listed, with_article
from ..i18n import Message, msg

DEFAULT_LENGTH = timedelta(hours=1)
"""How long an event with a time and no end is taken to last: in calendars (DTEND) and in the upcoming list."""
MAX_OCCURRENCES = 400
"""More than a year of daily dates: a longer series is a mistake in `until:` or `count:`."""
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@cache
def _greek_days() -> list[str]:
    """«Δευτέρα» … «Κυριακή», from Babel (its Greek data is loaded at the first use, not at every start)."""
    from babel.dates import get_day_names  # noqa: PLC0415 - Babel is imported when first used (~20 ms)

    names = get_day_names("wide", locale="el")
    return [names[i] for i in range(7)]


@cache
def _days() -> dict[str, str]:
    """Day names in Greek and English, folded, to their iCalendar codes."""
    english = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return {fold(name): code for names in (_greek_days(), english) for name, code in zip(names, CODES, strict=True)}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1,
            "πρωτη": 1, "δευτερη": 2, "τριτη": 3, "τεταρτη": 4, "τελευταια": -1,
            "πρωτο": 1, "δευτερο": 2, "τριτο": 3, "τεταρτο": 4, "τελευταιο": -1}  # «το πρώτο Σάββατο»
_ORDINAL_WORDS = {1: ("πρώτη", "πρώτο"), 2: ("δεύτερη", "δεύτερο"), 3: ("τρίτη", "τρίτο"), 4: ("τέταρτη", "τέταρτο"),
                  5: ("πέμπτη", "πέμπτο"), -1: ("τελευταία", "τελευταίο"), -2: ("προτελευταία", "προτελευταίο")}
"""Feminine and neuter: «την πρώτη Δευτέρα», «το πρώτο Σάββατο» (Σάββατο is the one neuter day)."""
_UNITS = {"DAILY": ("μέρα", "μέρες"), "WEEKLY": ("εβδομάδα", "εβδομάδες"), "MONTHLY": ("μήνα", "μήνες"),
          "YEARLY": ("χρόνο", "χρόνια")}
_DESCRIBED = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}
"""The parts of a rule that describe() puts into words; a rule with others is «Σε πολλές ημερομηνίες»."""
_WITHIN_A_DAY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_LOCAL_UNTIL = re.compile(r"UNTIL=(\d{4})(\d{2})(\d{2})(?![\dT]*Z)", re.IGNORECASE)
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
EVERY = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY",
         "μερα": "DAILY", "ημερα": "DAILY", "εβδομαδα": "WEEKLY", "μηνα": "MONTHLY", "μηνας": "MONTHLY",
         "χρονο": "YEARLY", "χρονος": "YEARLY", "ετος": "YEARLY"}


def _day(word: str) -> str | None:
    """'SA' for «Σάββατο», 'Saturday' or 'σαββατο'; '1MO' for 'first Monday' or «πρώτη Δευτέρα»."""
    words = fold(word).split()
    days = _days()
    if len(words) == 1:
        return days.get(words[0])
    if len(words) == 2 and words[0] in ORDINALS and words[1] in days:
        return f"{ORDINALS[words[0]]}{days[words[1]]}"
    return None


def _close_day(word: str) -> str | None:
    """The day a misspelt one was meant to be («Πέμτη» → «Πέμπτη»), kept with its ordinal, if one is close."""
    *ordinal, day = word.split() or [""]  # pragma: no mutate (any word no day is close to)
    names = {fold(name): name for name in [*_greek_days(), "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                           "Saturday", "Sunday"]}
    # pragma below: no mutate (n: the closest is first in any number of them; the 0.7 is tested)
    close = difflib.get_close_matches(fold(day), list(names), n=1, cutoff=0.7)  # pragma: no mutate
    meant = " ".join([*ordinal, names[close[0]]]) if close else ""  # pragma: no mutate (any text no day is)
    return meant if meant and _day(meant) else None


def repeat_rule(value: Any) -> str | Message:
    """The RRULE (without 'RRULE:') for a `repeat:` mapping, or what is wrong with it."""
    if not isinstance(value, dict):
        return msg("write it as {example}", example="{every: week, on: [Σάββατο], until: 2026-11-28}")
    value = {"on" if key is True else key: part for key, part in value.items()}  # YAML 1.1 reads `on` as true
    unknown = sorted(set(value) - {"every", "on", "until", "count", "interval"})
    if unknown:
        return msg("unknown part '{part}'; use every, on, until or count (and interval)", part=unknown[0])
    freq = EVERY.get(fold(str(value.get("every"))))  # a missing one folds to «none»
    if not freq:
        return msg("'every' must be day, week, month or year (or ημέρα, εβδομάδα, μήνα, χρόνο); every second "
                   "week is every: week with interval: 2")
    parts = [f"FREQ={freq}"]
    interval = value.get("interval", 1)
    if not isinstance(interval, int) or isinstance(interval, bool) or not 1 <= interval <= 52:
        return msg("'interval' must be a whole number from 1 to 52, e.g. 2 for every second week")
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    days = value.get("on", [])
    days = days if isinstance(days, list) else [days]
    codes = [_day(str(d)) for d in days]
    if None in codes:
        bad = next(str(d) for d, c in zip(days, codes, strict=True) if c is None)  # pragma: no mutate - same length
        if close := _close_day(bad):
            return msg("'{day}' is not a day; did you mean {close}?", day=bad, close=close)
        return msg("'{day}' is not a day; write Σάββατο or Saturday, or for a month 'πρώτη Δευτέρα' or "
                   "'first Monday'", day=bad)
    with_ordinal = [str(d) for d, c in zip(days, codes, strict=True)  # pragma: no mutate - same length
                    if len(str(c)) > 2]  # '1MO', not 'MO'
    if freq != "MONTHLY" and with_ordinal:  # dateutil would drop the ordinal and give every such day
        return msg("'{day}' is for a monthly series (every: month); for every week write the day alone, e.g. "
                   "Σάββατο", day=with_ordinal[0])
    if codes:
        parts.append("BYDAY=" + ",".join(str(c) for c in codes))
    until, count = value.get("until") or None, value.get("count") or None  # the editor writes '' for a blank
    if (until is None) == (count is None):
        return msg("say when the series ends: 'until: 2026-12-19' (the last date) or 'count: 6' (how many times), "
                   "not both")
    if count is not None:
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_OCCURRENCES:
            return msg("'count' must be a whole number from 1 to {most}", most=MAX_OCCURRENCES)
        parts.append(f"COUNT={count}")
    else:
        last = _date(until)
        if last is None:
            return msg("'until' must be a date, YYYY-MM-DD")
        end_of_day = datetime.combine(last, time(23, 59, 59), ATHENS).astimezone(UTC)
        parts.append(f"UNTIL={end_of_day:%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def expert_rule(value: Any) -> str | Message:
    """A raw RRULE, checked by parsing it (how many dates it gives is checked from the event's own start)."""
    # «rrule:FREQ=…», «RRULE: FREQ=…», «RRULE:RRULE:…» (pasted twice): each prefix in any case, and no space (an
    # RRULE has none); one left in made the calendars' line RRULE:RRULE:…, which no calendar reads
    text = re.sub(r"^(?:rrule:)+", "", "".join(str(value).split()), flags=re.IGNORECASE)  # pragma: no mutate (case)
    try:  # parsed against an Athens start, as the series will be: a local UNTIL is refused as it would be then
        rrulestr(text, dtstart=datetime(2026, 1, 1, tzinfo=ATHENS))  # pragma: no mutate - any Athens moment
    except (ValueError, TypeError) as err:
        if utc := _utc_until(text):
            return msg("UNTIL in an RRULE is in UTC, with a final Z: for the end of that day in Athens write "
                       "UNTIL={utc}; or write the series with 'repeat:' and its 'until:' date", utc=utc)
        return msg("not an RRULE ({error}); e.g. FREQ=WEEKLY;BYDAY=SA;COUNT=4", error=str(err))
    parts = rule_parts(text)
    # pragma below: no mutate (the default: any text without a comma; each part's name is tested)
    several = any("," in parts.get(k, "") for k in ("BYHOUR", "BYMINUTE", "BYSECOND"))  # pragma: no mutate
    # BYSECOND=0 is fine; pragma below: no mutate (strip("0") and any other set holding "0" and no digit are alike)
    if parts.get("FREQ") in _WITHIN_A_DAY or several or parts.get("BYSECOND", "0").strip("0"):  # pragma: no mutate
        return msg("gives more than one date a day; a series here has one date a day at most: FREQ=DAILY, WEEKLY, "
                   "MONTHLY or YEARLY, with one BYHOUR and one BYMINUTE at most")
    if "UNTIL" not in parts and "COUNT" not in parts:
        return msg("say when the series ends with UNTIL=… or COUNT=…")
    return text


def rule_parts(rule: str) -> dict[str, str]:
    """An RRULE's parts: {'FREQ': 'WEEKLY', 'BYDAY': 'SA', …}."""
    return dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)


def _utc_until(rule: str) -> str | None:
    """For an UNTIL written in local time (UNTIL=20261226), the end of that Athens day in UTC: 20261226T215959Z."""
    local = _LOCAL_UNTIL.search(rule)
    try:
        day = date(*map(int, local.groups())) if local else None
    except ValueError:
        return None
    return f"{datetime.combine(day, time(23, 59, 59), ATHENS).astimezone(UTC):%Y%m%dT%H%M%SZ}" if day else None


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime | None
    cancelled: bool = False


@dataclass(frozen=True)
class Schedule:
    """When an event happens: once, or a series (RRULE, extra dates, skipped and cancelled dates)."""

    start: datetime
    end: datetime | None
    all_day: bool
    rule: str = ""
    also: tuple[datetime, ...] = ()
    skipped: tuple[date, ...] = ()
    cancelled: tuple[date, ...] = ()

    @property
    def recurring(self) -> bool:
        return bool(self.rule or self.also)

    def _end_of(self, start: datetime) -> datetime | None:
        return start + (self.end - self.start) if self.end else None

    def dates(self) -> list[Occurrence]:
        """Every occurrence in order, the cancelled ones marked; skipped (`except:`) ones left out."""
        return self._dates

    @cached_property
    def _dates(self) -> list[Occurrence]:  # expanded once: lists, calendars and the build key all ask
        starts = {self.start}
        if self.rule:
            rule = rrulestr(self.rule, dtstart=self.start)
            starts.update(existing(d.replace(tzinfo=ATHENS))
                          for d in rule.xafter(self.start, count=MAX_OCCURRENCES, inc=True))
        # `except:` skips the series' own date that day; an `also:` moment that day is where it moved to
        starts = {s for s in starts if s.date() not in self.skipped} | set(self.also)
        return [Occurrence(s, self._end_of(s), s.date() in self.cancelled) for s in sorted(starts)]

    def over(self, occurrence: Occurrence) -> datetime:
        """The moment an occurrence is over: at its end; an all-day one at the end of its last day; one with a time
        and no end an hour after it starts (as calendars are told: DEFAULT_LENGTH), not the minute it starts."""
        if self.all_day:
            return (occurrence.end or occurrence.start) + timedelta(days=1)
        return occurrence.end or occurrence.start + DEFAULT_LENGTH

    def ends(self) -> datetime:
        """The moment the last occurrence that takes place is over (a series whose remaining dates are all cancelled
        is over)."""
        every = self.dates() or [Occurrence(self.start, self.end)]
        return max(self.over(o) for o in [o for o in every if not o.cancelled] or every)

    def upcoming(self, now: datetime) -> list[Occurrence]:
        """Occurrences not yet over, cancelled ones included."""
        return [o for o in self.dates() if self.over(o) > now]

    def shown(self, now: datetime) -> Occurrence:
        """The occurrence lists, mails and feeds give: the next one that takes place, else the last that took
        place, else the last one."""
        every = self.dates() or [Occurrence(self.start, self.end)]
        held = [o for o in every if not o.cancelled]
        coming = [o for o in held if self.over(o) > now]
        return coming[0] if coming else (held or every)[-1]

    def when(self, now: datetime) -> str:
        """«Σάββατο 12 Δεκεμβρίου 2026, 11:00–12:00· Κάθε Σάββατο, …»: the date a reader goes by at `now` (a
        series' next, not its first) and, for a series, the series in words."""
        shown = self.shown(now)
        when = event_when(shown.start, shown.end, self.all_day)
        return f"{when}· {self.describe()}" if self.recurring else when

    def in_words(self) -> str:
        """The schedule as read without a clock (a feed's entry, which readers keep): an event's date; a series from
        its first date, and in words («Από Σάββατο 17 Οκτωβρίου 2026, 18:00–19:00· Κάθε Σάββατο, …»)."""
        first = (self.dates() or [Occurrence(self.start, self.end)])[0]
        when = event_when(first.start, first.end, self.all_day)
        return f"Από {when}· {self.describe()}" if self.recurring else when

    def called_off(self) -> list[str]:
        """Its cancelled dates, «Σάββατο 5 Δεκεμβρίου 2026»."""
        return [greek_date(o.start, weekday=True) for o in self.dates() if o.cancelled]

    def describe(self) -> str:
        """«Κάθε Τρίτη, 08:00–14:00, έως 29 Δεκεμβρίου 2026, εκτός 22 Δεκεμβρίου 2026, επιπλέον Πέμπτη 31 Δεκεμβρίου
        2026», for lists, pages, feeds and mails; "" when it happens once. The dates `except:` leaves out and those
        `also:` adds are said: a journalist going by the rule alone would announce a date that does not take place."""
        if not self.recurring:
            return ""
        hours = self._hours(Occurrence(self.start, self.end))
        if not self.rule:  # its dates one by one, in order; at different hours, each with its own
            if all(o.start.timetz() == self.start.timetz() for o in self.dates()):
                return listed([greek_date(o.start, weekday=True) for o in self.dates()]) + hours
            return listed([greek_date(o.start, weekday=True) + self._hours(o) for o in self.dates()])
        own = [o for o in self.dates() if o.start not in self.also]
        last = own[-1].start if own else self.start
        moved = {a.date(): a for a in self.also if a.date() in self.skipped}  # `except:` that day, `also:` another hour
        parts = [f"{self._pattern()}{hours}, έως {greek_date(last)}"]  # a moved date before «εκτός», not in it
        parts += [f"{greek_date(a, weekday=True)} στις {greek_time(a)} αντί για {greek_time(self.start)}"
                  for a in moved.values()]
        if left_out := [greek_date(day) for day in self.skipped if day not in moved]:
            parts.append(f"εκτός {listed(left_out)}")
        if added := [greek_date(a, weekday=True) + ("" if a.timetz() == self.start.timetz()
                                                     else self._hours(Occurrence(a, self._end_of(a))))
                     for a in self.also if a.date() not in moved]:
            parts.append(f"επιπλέον {listed(added)}")
        return ", ".join(parts)

    def _hours(self, occurrence: Occurrence) -> str:
        """«, 18:00–19:00» (its end the same day), «, 18:00»; "" for whole days."""
        start, end = occurrence.start, occurrence.end
        if self.all_day:
            return ""
        return f", {greek_time(start)}" + (f"–{greek_time(end)}" if end and end.date() == start.date() else "")

    @property
    def parts(self) -> dict[str, str]:
        return rule_parts(self.rule)

    def _pattern(self) -> str:
        """«Κάθε Σάββατο», «Ανά 2 εβδομάδες, την Τρίτη», «Κάθε μήνα, την πρώτη Δευτέρα»; for what it cannot say
        exactly (an expert's BYMONTHDAY, an ordinal outside a month, a fifth-from-last), «Σε πολλές ημερομηνίες»."""
        fields = self.parts
        freq, interval = fields.get("FREQ", ""), fields.get("INTERVAL", "1")  # pragma: no mutate - "" is no unit
        days = [_BYDAY.fullmatch(d.strip()) for d in fields.get("BYDAY", "").split(",") if d.strip()]
        unit = _UNITS.get(freq)
        if not unit or set(fields) - _DESCRIBED or not interval.isdigit() or not all(
                day and _fits(freq, day[1]) for day in days):
            return "Σε πολλές ημερομηνίες"
        codes = [(int(day[1]) if day[1] else 0, day[2]) for day in days if day]
        head = f"Κάθε {unit[0]}" if int(interval) == 1 else f"Ανά {int(interval)} {unit[1]}"
        if freq == "WEEKLY" and codes and int(interval) == 1:
            return f"Κάθε {listed([_day_words(*code) for code in codes])}"
        return f"{head}, {listed([with_article(_day_words(*code)) for code in codes])}" if codes else head


def existing(moment: datetime) -> datetime:
    """A time the spring-forward gap skips (03:30 on that Sunday) as calendars read it (RFC 5545): an hour later."""
    return moment.astimezone(UTC).astimezone(ATHENS)  # pragma: no mutate (any zone between: the same instant)


def skipped(moment: datetime) -> bool:
    """Whether an Athens wall time is one the clocks skip (03:30 on the last Sunday of March)."""
    return existing(moment).replace(tzinfo=None) != moment.replace(tzinfo=None)


def _fits(freq: str, ordinal: str | None) -> bool:
    """Days alone for a weekly rule; days with an ordinal we can name («την πρώτη Δευτέρα») for a monthly one."""
    if freq == "WEEKLY":
        return not ordinal
    return freq == "MONTHLY" and ordinal is not None and int(ordinal) in _ORDINAL_WORDS


def _day_words(ordinal: int, code: str) -> str:
    """«Σάββατο», «πρώτη Δευτέρα», «τελευταίο Σάββατο»."""
    name = _greek_days()[CODES.index(code)]
    return f"{_ORDINAL_WORDS[ordinal][code == 'SA']} {name}" if ordinal else name


def schedule_of(values: dict[str, Any]) -> Schedule:
    """The schedule of an event's checked values."""
    return Schedule(values["start"], values.get("end"), bool(values.get("all_day")), values.get("rrule") or "",
                    tuple(values.get("also") or ()), tuple(values.get("except") or ()),
                    tuple(values.get("cancelled_dates") or ()))
