"""Opening hours, written once the schema.org way («Mo-Fr 08:00-15:00; Sa 09:00-13:00») and shown in Greek.

The same setting gives the contact box its Greek line («Δευτέρα–Παρασκευή, 08:00–15:00») and the
contact page's structured data its `openingHoursSpecification`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RULE = re.compile(r"^(?P<days>[A-Z][a-z](?:-[A-Z][a-z])?(?:,[A-Z][a-z](?:-[A-Z][a-z])?)*) "
                   r"(?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$")


@dataclass(frozen=True)
class Rule:
    """Some days of the week, open from `opens` to `closes` (24-hour «HH:MM»)."""

    spans: tuple[tuple[int, int], ...]
    """Day ranges, Monday = 0, each inclusive: ((0, 4),) is Monday to Friday."""
    opens: str
    closes: str

    @property
    def days(self) -> list[int]:
        return [d for first, last in self.spans for d in range(first, last + 1)]


def parse(text: str) -> list[Rule]:
    """Rules from «Mo-Fr 08:00-15:00; Sa 09:00-13:00»; ValueError says what is wrong."""
    rules = []
    for part in (p.strip() for p in text.split(";")):
        found = _RULE.match(part)
        if not found:
            raise ValueError(f"'{part}' is not like 'Mo-Fr 08:00-15:00' (days Mo Tu We Th Fr Sa Su, 24-hour times; "
                             "several rules separated by ';')")
        spans = []
        for span in found["days"].split(","):
            ends = [DAYS.index(d) if d in DAYS else -1 for d in span.split("-")]
            if -1 in ends or ends[-1] < ends[0]:
                raise ValueError(f"'{span}' is not a day or range of days among {' '.join(DAYS)}")
            spans.append((ends[0], ends[-1]))
        opens, closes = found["opens"], found["closes"]
        if not (opens < closes <= "24:00" and int(opens[3:]) < 60 and int(closes[3:]) < 60):
            raise ValueError(f"'{opens}-{closes}' is not a time range within a day")
        rules.append(Rule(tuple(spans), opens, closes))
    return rules


def greek(rules: list[Rule]) -> str:
    """«Δευτέρα–Παρασκευή, 08:00–15:00» (rules joined by «· »)."""
    from babel.dates import get_day_names  # noqa: PLC0415 - Babel is imported when first used (~20 ms)

    names = get_day_names("wide", locale="el")
    return "· ".join(", ".join("–".join(names[d] for d in dict.fromkeys(span)) for span in rule.spans)
                     + f", {rule.opens}–{rule.closes}" for rule in rules)


def schema_org(rules: list[Rule]) -> list[dict[str, object]]:
    """schema.org OpeningHoursSpecification objects."""
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA_DAYS[d] for d in rule.days],
             "opens": rule.opens, "closes": rule.closes} for rule in rules]
