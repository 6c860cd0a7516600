"""Field rules per content type: a `Source` becomes an `Item` with typed values, or problems."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from dateutil.rrule import rrulestr

from ..clock import YEARS
from ..config import SLUG_RE, KiryxConfig
from ..greek import ATHENS, fold, greek_date, greek_datetime, greek_time, slugify
from ..i18n import Message, msg
from .content_types import PHOTO_LED, ContentType, reserved
from .documents import BrokenDocument, pdf_findings, zip_problem
from .fields import FIELDS, PLACEHOLDER, WITHDRAWAL_MAX, Field, fields_of, statuses
from .frontmatter import Source
from .media import IMAGE_EXT, LEAD_WIDTH, image_problem, image_width
from .problems import Problem
from .recurrence import MAX_OCCURRENCES, existing, expert_rule, repeat_rule, rule_parts, schedule_of, skipped
from .references import not_an_address, parsed_url

ATTACHMENT_EXT = IMAGE_EXT | frozenset(
    {".pdf", ".odt", ".ods", ".doc", ".docx", ".xls", ".xlsx", ".csv", ".zip", ".mp3", ".mp4"}
)
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")


def _timed(raw: Any) -> bool:
    """Whether a date field was written with its time («2026-12-02 11:00», not «2026-12-02»)."""
    match = _DATE_RE.match(str(raw).strip())
    return bool(match and match.group(4))


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}:\d{2}))?$")
"""25/12/2026 or 25.12.2026 10:00, as dates are written in Greece."""


def _year_first(written: str) -> str | None:
    """A day-first date written year first («25/12/2026 9:30» → «2026-12-25 09:30»), if it is a real one."""
    if not (found := _DAY_FIRST.match(written)):
        return None
    day, month, year, time_of_day = found.groups()
    fixed = f"{year}-{month.zfill(2)}-{day.zfill(2)}" + (f" {time_of_day.zfill(5)}" if time_of_day else "")
    try:
        datetime.fromisoformat(fixed)
    except ValueError:
        return None
    return fixed


_YES_NO = {"ναι": True, "yes": True, "οχι": False, "no": False}


def _by_label(key: str, rules: dict[str, Any]) -> list[str]:
    """The field a Greek name stands for («ημερομηνία» → date, «τίτλος» → title): by its label's first word."""
    word = fold(key)
    return [f.name for f in FIELDS if f.name in rules and word in (fold(f.label), fold(f.label).split()[0])][:1]


@dataclass
class Item:
    """A validated content item: its source, type and typed field values."""

    source: Source
    type: ContentType
    values: dict[str, Any] = field(default_factory=dict)
    body_files: tuple[str, ...] = ()
    """Local files the body links or shows (images), relative to the content folder."""
    body_images: tuple[str, ...] = ()
    """Those of `body_files` the body shows as images (their renditions are made for its page)."""
    page_links: tuple[tuple[str, int], ...] = ()
    """Pages of this site the body links to, (path, line): checked against every item's address."""
    permalink: str | None = None
    """The URL it was first published under, when that differs from the one its fields give."""
    consulted: tuple[str, ...] = ()
    """Every content file its check looked at (existing or not): when one changes, it is checked again."""

    @property
    def slug(self) -> str:
        return self.values["slug"]

    @property
    def natural_url(self) -> str:
        """The URL its current fields give (slug, or title, and year)."""
        when = self.values.get("date")
        return self.type.url_for(self.slug, when.year if when else 0)

    @property
    def url(self) -> str:
        """Its public URL: the permanent one once published (kiryx.permalinks)."""
        return self.permalink or self.natural_url

    @property
    def is_withdrawn(self) -> bool:
        return self.values.get("status") == "withdrawn"

    @property
    def files(self) -> set[str]:
        """Every content file it publishes: its image, photos, attachments and body images."""
        return self.own_files | set(self.body_files)

    @property
    def own_files(self) -> set[str]:
        """The files it brings in its fields (its image, photos, attachments): they come out with it."""
        values = self.values
        found = {values["image"]} if values.get("image") else set()
        found |= {a["file"] for a in values.get("attachments") or [] if a.get("file")}  # None: they had errors
        return found | {i["file"] for i in values.get("images") or [] if i.get("file")}

    def photos(self, credit: str) -> list[dict[str, Any]]:
        """Its press-kit photos, each with a credit: its own, else `credit` (the office's, `photo_credit`)."""
        return [{**photo, "credit": photo.get("credit") or credit} for photo in self.values.get("images") or []]

    def lead_photo(self, credit: str) -> dict[str, Any]:
        """Its main photo's caption and credit: those of the press-kit photo it is, if it is one; else no caption
        and `credit`."""
        image = self.values.get("image")
        listed = next((p for p in self.photos(credit) if p.get("file") == image), None) if image else None
        return {"caption": (listed or {}).get("caption", ""), "credit": listed["credit"] if listed else credit}

    def changes_at(self, now: datetime) -> list[dict[str, Any]]:
        """Its `changes:` entries made by `now`: one dated later is shown, and mailed, from its date on."""
        return [c for c in self.values.get("changes", []) if c.get("date") and c["date"] <= now]

    def is_public(self, now: datetime) -> bool:
        """Its page is online: not a draft, and its date has come (future dates are embargoed).

        A withdrawn item stays public at its URL, with its withdrawal notice.
        """
        when = self.values.get("date")
        return self.values.get("status") != "draft" and (when is None or when <= now)

    def is_listed(self, now: datetime) -> bool:
        """Public and not withdrawn: shown in lists, feeds as new, search, sitemaps, mails."""
        return self.is_public(now) and not self.is_withdrawn


def headline(title: str, withdrawn: bool = False, cancelled: bool = False) -> str:
    """A title as feeds and calendars give it, for programs that show no status (they would show it going ahead):
    «Αποσύρθηκε: …», «Ακυρώνεται: …»."""
    return f"Αποσύρθηκε: {title}" if withdrawn else f"Ακυρώνεται: {title}" if cancelled else title


RECENT = timedelta(days=90)
"""How long past events stay in the subscription calendars."""


_CAMERA_NAME = re.compile(
    r"^(?:(?:IMG|DSC|DSCN|DSCF|PXL|DJI|GOPR|GOPRO|WP|P|VID)[_-]?\d{3,}[\w-]*|\S+\.(?:jpe?g|png|webp|heic))$",
    re.IGNORECASE)
"""What cameras and phones name photos (IMG_2034, DSC01234, PXL_20261120_…), or any file name."""

_PHOTO_FIELDS = {"credit": "credit", "image_credit": "credit", "photo_credit": "credit", "caption": "caption",
                 "image_caption": "caption"}
"""Fields written at the top for the main photo, which go with each photo under `images:`."""
_PASTED_BULLET = re.compile(r"^\s*[•·▪◦●■]\s")
"""Word's bullets pasted as characters: Markdown makes a list only of lines that start with '- ' or '1. '."""

_TIME_PARTS = frozenset({"BYHOUR", "BYMINUTE", "BYSECOND"})
"""The parts of an RRULE that give a time of day, which a series of whole days cannot have."""


def file_problem(root: Path, rel: str, extensions: frozenset[str]) -> tuple[Message | None, tuple[str, ...]]:
    """What is wrong with a reference to a content file, in words for its author (None when fine), and the files
    that answer depends on (the file, and the one a hint names), for the check's cache."""
    if not rel:
        return msg("expected a file path relative to the content folder"), ()
    target = (root / rel).resolve()
    if rel.startswith("/") or not target.is_relative_to(root.resolve()):
        return msg("'{file}' points outside the content folder; write it relative to content/, "
                   "e.g. media/2026/photo.jpg", file=rel), ()
    if not target.suffix:
        return msg("'{file}' is not the name of a file: it does not end in {allowed}; write the file's whole name",
                   file=rel, allowed=", ".join(sorted(extensions))), (rel,)
    if target.suffix.lower() not in extensions:
        return msg("'{file}': files of type '{suffix}' are not allowed here ({allowed})", file=rel,
                   suffix=target.suffix, allowed=", ".join(sorted(extensions))), (rel,)
    if not target.is_file():
        nearest = _nearest(target)
        if nearest:
            nearest = (PurePosixPath(rel).parent / nearest).as_posix()
            return msg("'{file}' does not exist in the content folder; did you mean '{nearest}'?", file=rel,
                       nearest=nearest), (rel, nearest)
        return msg("'{file}' does not exist in the content folder", file=rel), (rel,)
    if extensions is IMAGE_EXT:
        return image_problem(target, rel), (rel,)
    return zip_problem(target, rel) if target.suffix.lower() == ".zip" else None, (rel,)


def _nearest(target: Path) -> str | None:
    """The name of a file beside `target` that differs from its name only in capitals and accents, or else by a
    slip of a letter or two (photo.JPG for photo.jpg, aktí.jpg or aktj.jpg for akti.jpg); else the same file one
    folder down (media/2026/akti.jpg for media/akti.jpg: the browser editor puts an upload in its year's folder, but
    writes the path without it when the photo was chosen before the date)."""
    try:
        names = sorted(p.name for p in target.parent.iterdir() if p.is_file())
    except OSError:
        return None
    close = [name for name in names if fold(name) == fold(target.name)]
    close = close or difflib.get_close_matches(target.name, names, n=1, cutoff=0.8)
    below = sorted(p.relative_to(target.parent).as_posix() for p in target.parent.glob(f"*/{target.name}"))
    return close[0] if close else below[-1] if below else None


SLUG_MAX = 200
"""The longest slug: a folder is named after it (file names take 255 bytes), and the press kit's ZIP too."""


def shortened(slug: str) -> str:
    """A slug cut at a word to fit well within SLUG_MAX, as a suggestion."""
    return slug[:80].rsplit("-", 1)[0] if len(slug) > 80 and "-" in slug[:80] else slug[:80]


class _Validator:
    """Checks one source's fields, collecting problems with their lines."""

    def __init__(self, source: Source, ctype: ContentType, config: KiryxConfig, root: Path):
        self.src, self.type, self.config, self.root = source, ctype, config, root
        self.problems: list[Problem] = []
        self.consulted: list[str] = []

    def error(self, key: str, message: Message, at: str | None = None) -> None:
        """An error in field `key`, on the line of field `at` (default: its own)."""
        self.problems.append(Problem(self.src.rel, self.src.line(at or key), key, message))

    def warn(self, key: str, message: Message, at: str | None = None) -> None:
        """A warning about field `key`, on the line of field `at` (default: its own)."""
        self.problems.append(Problem(self.src.rel, self.src.line(at or key), key, message, "warning"))

    # ---- value kinds -------------------------------------------------------------------
    def text(self, key: str, value: Any, max_len: int = 200) -> str | None:
        if isinstance(value, (dict, list)) or value is None:
            self.error(key, msg("expected a line of text"))
            return None
        text = " ".join(str(value).split())
        if not text:
            self.error(key, msg("must not be empty"))
            return None
        if len(text) > max_len:
            self.error(key, msg("is {length} characters long; the limit is {limit}", length=len(text), limit=max_len))
        return text

    def when(self, key: str, value: Any) -> datetime | None:
        match = _DATE_RE.match(str(value).strip()) if isinstance(value, (str, int)) else None
        if not match:
            if fixed := _year_first(str(value).strip()):
                self.error(key, msg("'{value}' is not a date as Kiryx reads it: year first; write {fixed}",
                                    value=str(value), fixed=fixed))
                return None
            self.error(key, msg("'{value}' is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:MM (Athens time)",
                                value=str(value)))
            return None
        y, m, d, hh, mm = (int(g) if g else 0 for g in match.groups())
        if not YEARS[0] <= y <= YEARS[1]:  # a slip (0026, 20266 cut to 2026?): and 0001 or 9999 break date arithmetic
            self.error(key, msg("{year} is not a year an item can be dated in; write a year from {first} to {last}",
                                year=str(y), first=str(YEARS[0]), last=str(YEARS[1])))
            return None
        try:
            naive = datetime(y, m, d, hh, mm)
        except ValueError:
            self.error(key, msg("'{value}' is not a real date or time; check the day, the month and the time",
                                value=str(value)))
            return None
        aware = naive.replace(tzinfo=ATHENS)
        if skipped(aware):
            self.error(key, msg("{value} does not exist in Athens: the clocks jump forward an hour that night",
                                value=str(value)))
            return None
        return aware

    def boolean(self, key: str, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and fold(value) in _YES_NO:  # «ναι», «όχι», yes, no
            return _YES_NO[fold(value)]
        self.error(key, msg("'{value}' must be true or false", value=str(value)))
        return None

    def choice(self, key: str, value: Any, options: tuple[str, ...], spec: Field | None = None) -> str | None:
        if value in options:
            return value
        words = {fold(word): meant for word, meant in [*(spec.synonyms if spec else ()),
                                                       *((label, v) for v, label in (spec.choices if spec else ()))]}
        meant = words.get(fold(str(value)))
        if meant in options:
            self.error(key, msg("'{value}' is written '{meant}' in this field", value=str(value), meant=meant))
            return None
        self.error(key, msg("'{value}' must be one of: {options}", value=str(value), options=", ".join(options)))
        return None

    def url(self, key: str, value: Any) -> str | None:
        parsed = parsed_url(str(value))
        if parsed is None:
            self.error(key, not_an_address(str(value)))
            return None
        if parsed.scheme in ("http", "https") and parsed.netloc and str(value).strip().split() != [str(value)]:
            self.error(key, msg("'{value}' has a space, which no web address has; copy the address again from the "
                                "browser's address bar", value=str(value).strip()))
            return None
        if parsed.scheme in ("http", "https") and parsed.netloc:
            return str(value)
        self.error(key, msg("'{value}' must be a full web address starting with https://", value=str(value)))
        return None

    def path(self, key: str, value: Any, extensions: frozenset[str]) -> str | None:
        rel = str(value).strip() if isinstance(value, str) else ""
        problem, consulted = file_problem(self.root, rel, extensions)
        self.consulted += consulted
        if problem:
            self.error(key, problem)
            return None
        return rel

    def reply(self, key: str, value: Any) -> str | None:
        """The file of the press release answered; an address is kept as written, for the check across files,
        which knows whose address it is."""
        written = str(value).strip() if isinstance(value, str) else ""
        if written and not written.endswith(".md") and "/" in written:
            return written
        return self.path(key, value, frozenset({".md"}))

    def tags(self, key: str, value: Any) -> list[str] | None:
        if isinstance(value, str):
            value = [v for v in value.split(",")]
        if not isinstance(value, list):
            self.error(key, msg("expected a list of tags, e.g. [Πολιτισμός, Νεολαία]"))
            return None
        tags = [t for i, v in enumerate(value) if (t := self.text(f"{key}[{i}]", v, 60))]
        seen: dict[str, str] = {}
        for tag in tags:
            if (first := seen.setdefault(slugify(tag), tag)) is not tag:
                self.warn(key, msg("the tag '{tag}' is listed twice (as '{first}' too)", tag=tag, first=first))
        return tags

    def records(self, key: str, value: Any,
                rules: dict[str, tuple[bool, Callable[[str, Any], Any]]]) -> list[dict[str, Any]] | None:
        """A list of small mappings, e.g. attachments: [{file, title}]."""
        if not isinstance(value, list):
            self.error(key, msg("expected a list of entries starting with '- '"))
            return None
        out = []
        for i, entry in enumerate(value):
            where = f"{key}[{i}]"
            if not isinstance(entry, dict):
                self.error(where, msg("expected 'name: value' fields"))
                continue
            record = {}
            for name in entry.keys() - rules.keys():
                self.error(f"{where}.{name}", msg("unknown field; allowed: {allowed}", allowed=", ".join(rules)))
            for name, (required, parse) in rules.items():
                if name in entry:
                    record[name] = parse(f"{where}.{name}", entry[name])
                elif required:
                    self.error(f"{where}.{name}", msg("required"))
            out.append(record)
        return out

    # ---- the fields (kiryx.content.fields) ----------------------------------------------
    def parser(self, spec: Field) -> Callable[[str, Any], Any]:
        """The check for one declared field."""
        kinds: dict[str, Callable[[str, Any], Any]] = {
            "text": lambda k, v: self.text(k, v, spec.limit),
            "when": self.when,
            "boolean": self.boolean,
            "url": self.url,
            "choice": lambda k, v: self.choice(k, v, statuses(self.type.key) if spec.name == "status"
                                               else tuple(value for value, _ in spec.choices), spec),
            "category": self.category,
            "tags": self.tags,
            "slug": self.slug,
            "image": lambda k, v: self.path(k, v, IMAGE_EXT),
            "file": lambda k, v: self.path(k, v, ATTACHMENT_EXT),
            "reply": self.reply,
            "records": lambda k, v: self.records(k, v, {p.name: (p.required, self.parser(p)) for p in spec.parts}),
            "repeat": lambda k, v: self.rule(k, repeat_rule(v)),
            "rrule": lambda k, v: self.rule(k, expert_rule(v)),
            "dates": self.dates,
            "moments": self.dates,  # a date, or a date and time
        }
        return kinds[spec.kind]

    def rules(self) -> dict[str, Callable[[str, Any], Any]]:
        return {name: self.parser(spec) for name, spec in fields_of(self.type.key).items()}

    def rule(self, key: str, rule: str | Message) -> str | None:
        if isinstance(rule, Message):
            self.error(key, rule)
            return None
        return rule

    def dates(self, key: str, value: Any) -> list[datetime] | None:
        """A list of dates (YYYY-MM-DD, or with a time): Athens moments, a date alone at midnight."""
        if not isinstance(value, list):
            value = [value]
        found = [self.when(f"{key}[{i}]", v.isoformat() if type(v) is date else v)  # YAML reads dates as dates
                 for i, v in enumerate(value)]
        return None if None in found else [f for f in found if f]

    def category(self, key: str, value: Any) -> str | None:
        cat = self.config.category(str(value))
        if cat:
            if str(value) not in (cat.slug, cat.name):
                self.warn(key, msg("write the category as '{name}' (or '{slug}')", name=cat.name, slug=cat.slug))
            return cat.slug
        names = [c.name for c in self.config.categories]
        forms = {fold(c.name): c.name for c in self.config.categories}
        forms |= {c.slug: c.name for c in self.config.categories}
        close = difflib.get_close_matches(fold(str(value)), forms, n=1)
        if close:
            self.error(key, msg("unknown category '{value}'; did you mean '{close}'?", value=str(value),
                                close=forms[close[0]]))
        else:
            self.error(key, msg("unknown category '{value}'; use one of: {names}", value=str(value),
                                names=", ".join(names)))
        return None

    def slug(self, key: str, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):  # «slug: 2027», read as a number
            value = str(value)
        if isinstance(value, str) and SLUG_RE.match(value):
            return value
        self.error(key, msg("'{value}' must be lowercase Latin letters, digits and '-', e.g. '{example}'",
                            value=str(value), example=slugify(str(value)) or "nea-anakoinosi"))
        return None

    def run(self) -> Item:
        rules = self.rules()
        values: dict[str, Any] = {}
        for key, raw in self.src.fields.items():
            if key in _PHOTO_FIELDS and "images" in rules and _PHOTO_FIELDS[key] == "credit":  # for the whole item
                self.warn(str(key), msg("unknown field, ignored: a photo's credit goes with the photo, under images: "
                                        "- file: …, credit: …; without one, the photo is credited to the press "
                                        "office"))
            elif key in _PHOTO_FIELDS and "images" in rules:
                self.warn(str(key), msg("unknown field, ignored: a photo's caption goes with the photo, under images: "
                                        "- file: …, caption: …"))
            elif key not in rules:
                close = difflib.get_close_matches(str(key), rules, n=1) or _by_label(str(key), rules)
                self.warn(str(key), msg("unknown field, ignored; did you mean '{close}'?", close=close[0]) if close
                          else msg("unknown field, ignored"))
            elif not _blank(raw):
                values[key] = rules[key](key, raw)
        for key in sorted(self.type.required - values.keys()):
            if _blank(self.src.fields.get(key)):
                self.error(key, msg("required for every {kind}", kind=self.type.singular.lower()))
        if not values.get("slug"):  # without a title (an error above), from the file name: every item has a URL
            values["slug"] = slugify(values.get("title") or PurePosixPath(self.src.rel).stem) or "item"
        first = (values.get("images") or [{}])[0]
        if not values.get("image") and first.get("file") and first.get("alt"):
            values["image"], values["image_alt"] = first["file"], first["alt"]  # the first photo leads
        self.cross_checks(values)
        self.documents(values.get("attachments") or [])
        written = self.src.fields.get("attachments")  # as written: a PDF that does not exist is an error already
        if self.type.key == "leaflets" and not any(isinstance(a, dict) and str(a.get("file", "")).lower().endswith(
                ".pdf") for a in (written if isinstance(written, list) else [])):
            self.warn("attachments", msg("a leaflet is published with its PDF, which gives its cover and its "
                                         "download; attach it: attachments: - file: files/leaflets/….pdf"),
                      at="attachments" if "attachments" in self.src.fields else "title")
        values.setdefault("lang", "el")
        values.setdefault("status", "published")
        if self.type.key == "events":
            for key, default in (("end", None), ("location", None), ("online_url", None),
                                 ("all_day", False), ("press_conference", False), ("accreditation", "")):
                values.setdefault(key, default)
        values["cancelled"] = values.get("status") == "cancelled" or _every_date_cancelled(values)
        if values["cancelled"]:
            values["status"] = "published"
        return Item(self.src, self.type, values, consulted=tuple(c for c in self.consulted if c))

    def documents(self, attachments: list[dict[str, Any]]) -> None:
        """Inspect attached PDFs for accessibility and record whether each attachment is accessible:
        as marked, else a PDF that passes every test (kiryx.content.documents); other files are not known to be."""
        for i, attachment in enumerate(attachments):
            rel, marked = attachment.get("file") or "", attachment.get("accessible")
            is_pdf, findings = rel.lower().endswith(".pdf"), []
            if is_pdf:
                try:
                    findings = pdf_findings(self.root / rel, rel)
                except BrokenDocument as broken:
                    self.error(f"attachments[{i}].file", broken.message)
                    continue
            if marked is None:  # once someone has checked it and said so, the tests are not repeated at them
                for finding in findings:
                    self.warn(f"attachments[{i}].file", finding)
            attachment["accessible"] = (is_pdf and not findings) if marked is None else marked

    def whole_days(self, values: dict[str, Any]) -> None:
        """An event whose dates are written without times runs whole days (`start: 2027-04-10`), not from midnight
        for an hour; a timed start with an end written as a date alone would end at that day's first minute."""
        timed = {key: _timed(self.src.fields.get(key)) for key in ("start", "end") if values.get(key)}
        if not any(timed.values()):
            values["all_day"] = True
        elif timed.get("start") and timed.get("end") is False:
            day = values["end"].date().isoformat()
            self.warn("end", msg("has no time, so the event would end at 00:00 on {day}, before that day begins; "
                                 "write the time it ends (end: {day} 14:00), or write 'all_day: true' for an event "
                                 "of whole days, with dates alone", day=day))
        elif timed.get("end") and timed.get("start") is False:
            day = values["start"].date().isoformat()
            self.warn("start", msg("has no time, so the event would start at 00:00 on {day}; write the time it "
                                   "starts (start: {day} 10:00), or write 'all_day: true' for an event of whole days, "
                                   "with dates alone", day=day))

    def series(self, values: dict[str, Any], start: datetime) -> None:
        """A recurring event's rule and dates (kiryx.content.recurrence): one rule, dates that belong to it."""
        if values.get("repeat") and values.get("rrule"):
            self.error("rrule", msg("write the repetition once: either 'repeat:' or 'rrule:'"))
        rule = values.pop("repeat", None) or values.get("rrule")
        values["rrule"] = rule or ""
        if values.get("all_day") and any(a.hour or a.minute for a in values.get("also") or []):
            self.warn("also", msg("a series of whole days takes its dates without a time; the time is left out"))
        values["also"] = [a if a.hour or a.minute else datetime.combine(a.date(), start.timetz())
                          for a in values.get("also") or []]
        for key in ("except", "cancelled_dates"):
            values[key] = sorted({d.date() for d in values.get(key) or []})
        moved = {a.date() for a in values["also"]}  # left out at its hour, held at another: it may be cancelled
        if both := sorted(set(values["except"]) & set(values["cancelled_dates"]) - moved):
            self.error("cancelled_dates", msg(
                "{dates} is in 'except:' too; a date is either left out without a word (except:) or cancelled, "
                "which the page and the lists are told (cancelled_dates:), not both",
                dates=", ".join(d.isoformat() for d in both)))
        if not rule and not values["also"]:
            if "repeat" in self.src.fields or "rrule" in self.src.fields:
                return  # its rule is wrong, and said so: the dates cannot be checked against it
            for key in ("except", "cancelled_dates"):
                if values[key]:
                    self.error(key, msg("is for a series of dates (repeat:); a single event is cancelled with "
                                        "'status: cancelled'"))
            return
        hour = rule_parts(rule) if rule else {}
        if values.get("all_day") and (timed := sorted(hour.keys() & _TIME_PARTS)):
            self.error(self.rule_field, msg(  # RFC 5545: no time parts with a DTSTART that is a date alone
                "gives its dates a time ({parts}), but the series runs whole days (its start has no time); leave "
                "{parts} out, or give its start a time", parts=", ".join(timed)))
            return
        if hour.keys() & {"BYHOUR", "BYMINUTE"} and (
                int(hour.get("BYHOUR", start.hour)), int(hour.get("BYMINUTE", start.minute))) != (
                start.hour, start.minute):
            self.error(self.rule_field, msg(  # its start was one more date, at the start's hour: two on its first day
                "gives its dates at another time than its start ({time}); a series' dates are at its start's time: "
                "leave BYHOUR and BYMINUTE out, or start it at that time", time=greek_time(start)))
            return
        ruled = rrulestr(rule, dtstart=start) if rule else None
        first = next(iter(ruled), None) if ruled else None
        if rule and first is None:  # `until:` a year early, at New Year: the series would be its start alone
            self.error(self.rule_field, msg(
                "gives no date from {start} on: the series ends before it begins; check the year of its end "
                "(until:)", start=greek_date(start, weekday=True)))
            return
        if first and first.date() != start.date():
            self.error("start", msg(  # calendars count the start as the series' first date; the rule does not
                "{day} is not a date of its series, which begins on {first}; start it on that date, or add {day} "
                "with 'also:'", day=greek_date(start, weekday=True), first=greek_date(first, weekday=True)))
            return
        self.missing_days(values, start)
        if ruled:
            self.clock_change(ruled.xafter(start, count=MAX_OCCURRENCES, inc=True), values["except"])
        every = {o.start.date() for o in schedule_of({**values, "except": (), "cancelled_dates": ()}).dates()}
        for key in ("except", "cancelled_dates"):
            strays = [d.isoformat() for d in values[key] if d not in every]
            if strays:
                self.error(key, msg("{dates} is not a date of this series; its dates are {first}…",
                                    dates=", ".join(strays), first=", ".join(d.isoformat() for d in sorted(every)[:4])))
        if len(every) >= MAX_OCCURRENCES:
            self.error(self.rule_field, msg(
                "gives {most} dates or more; end the series sooner with until: or count:", most=MAX_OCCURRENCES))
        elif values["except"] and not schedule_of(values).dates():  # lists showed it as upcoming, on no real date
            self.error("except", msg("leaves out every date of the series, so it never takes place; to call it off, "
                                     "write 'status: cancelled' (the lists are told), or delete the event"))

    @property
    def rule_field(self) -> str:
        """The field an event's repetition is written in."""
        return "repeat" if "repeat" in self.src.fields else "rrule"

    def clock_change(self, dates: Iterable[datetime], left_out: list[date]) -> None:
        """A date of the rule at a time the spring clock change skips takes place an hour later: said, unless it is
        left out (`except:`, and given its time with `also:`)."""
        if gap := next((d for d in dates if skipped(d) and d.date() not in left_out), None):
            self.warn("start", msg(
                "the series' time does not exist in Athens on {day}: the clocks jump forward an hour that night, so "
                "that date is at {moved}; if it should be at another time, leave it out with 'except:' and add it "
                "with 'also:' at that time", day=greek_date(gap, weekday=True), moved=greek_time(existing(gap))))

    def missing_days(self, values: dict[str, Any], start: datetime) -> None:
        """A monthly series on the 31st skips the months that have none, a yearly one on 29 February three years in
        four: «Κάθε μήνα» would not be true. Said when a month (a year) between the rule's first and last date has
        no date, `also:` ones counted."""
        fields = schedule_of(values).parts
        freq, step = fields.get("FREQ"), fields.get("INTERVAL", "1")
        if fields.keys() & {"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYSETPOS", "BYMONTH", "BYWEEKNO"} or not (
                freq == "MONTHLY" and start.day > 28 or freq == "YEARLY" and (start.month, start.day) == (2, 29)):
            return  # a day every month (year) has, or months chosen on purpose

        def unit(moment: datetime) -> int:
            return moment.year * 12 + moment.month if freq == "MONTHLY" else moment.year

        own = [o.start for o in schedule_of({**values, "also": (), "except": (), "cancelled_dates": ()}).dates()]
        have = {unit(d) for d in own + list(values["also"])}
        if not set(range(unit(own[0]), unit(own[-1]) + 1, int(step) if step.isdigit() else 1)) - have:
            return
        if freq == "MONTHLY":
            self.warn(self.rule_field, msg(
                "repeats on day {day} of the month, which not every month has: those months are skipped; start it "
                "on a day every month has (1–28), or add the dates with 'also:'", day=start.day))
        else:
            self.warn(self.rule_field, msg(
                "repeats on 29 February, which only leap years have: it takes place once every four years"))

    def cross_checks(self, values: dict[str, Any]) -> None:
        if bullet := next((n for n, line in enumerate(self.src.body.split("\n")) if _PASTED_BULLET.match(line)), None):
            self.problems.append(Problem(self.src.rel, self.src.body_line + bullet, "body", msg(
                "a line that starts with a bullet pasted from Word («•») is no list item here: the lines run together "
                "into one paragraph; start each item with '- ' on a line of its own"), "warning"))
        if PLACEHOLDER in self.src.body:
            self.problems.append(Problem(self.src.rel, self.src.text_line(PLACEHOLDER), "body", msg(
                "«{text}» is the template's placeholder: write the text in its place", text=PLACEHOLDER)))
        start, end = values.get("start"), values.get("end")
        if self.type.key == "events" and start and "all_day" not in values:
            self.whole_days(values)
        if start and end and end == start and not values.get("all_day"):  # `new event` writes both as now
            self.warn("end", msg("the event ends the moment it starts ({start}); write its real start and end, or "
                                 "leave 'end:' out", start=str(self.src.fields["start"])))
        if start and end and end < start:
            self.error("end", msg("the event ends ({end}) before it starts ({start})", end=str(self.src.fields["end"]),
                                  start=str(self.src.fields["start"])))
        if self.type.key in PHOTO_LED and (lead := values.get("image")) and (width := image_width(self.root / lead)) \
                and width < LEAD_WIDTH:  # a photo, not a leaflet's cover or a clipping's page
            self.warn("image", msg("'{file}' is {width} pixels wide: the page, the sharing card and the journalists' "
                                   "download want at least {least}; use the original photo", file=lead, width=width,
                                   least=LEAD_WIDTH))
        if values.get("image") and not values.get("image_alt"):
            self.error("image_alt", msg("describe the image for readers who cannot see it (image_alt)"), at="image")
        described = [("image_alt", values.get("image_alt"))] + [
            (f"images[{i}].alt", photo.get("alt")) for i, photo in enumerate(values.get("images") or [])]
        for key, alt in described:
            if alt and _CAMERA_NAME.match(str(alt).strip()):
                self.warn(key, msg("«{alt}» is a file's name, not a description: say what the photo shows, for "
                                   "readers who cannot see it", alt=str(alt).strip()))
            elif alt and not any(ch.isalnum() for ch in str(alt)):  # «-», «.», «…»: a screen reader says «dash»
                self.warn(key, msg("«{alt}» is no description: say in words what the photo shows, for readers who "
                                   "cannot see it", alt=str(alt).strip()))
        when = values.get("date")
        if self.type.key == "events" and start and when and when > start:
            self.warn("date", msg("the announcement is dated {date}, after the event starts ({start}), so it would "
                                  "stay unpublished until then: 'date' is when the announcement goes online, "
                                  "'start' when the event begins", date=str(self.src.fields["date"]),
                                  start=str(self.src.fields["start"])))
        if self.type.key == "events" and start:
            self.series(values, start)
        if values.get("all_day") and start and (start.hour or start.minute):
            self.warn("start", msg("all-day events take a date without a time"))
        slug = values.get("slug")
        if slug and len(slug) > SLUG_MAX:  # a folder's name, and the press kit's file: press-kit-<slug>.zip
            self.error("slug" if "slug" in self.src.fields else "title", msg(
                "the address would be {length} characters long, more than a file name may be ({most}); write a "
                "shorter one: slug: {shorter}", length=len(slug), most=SLUG_MAX, shorter=shortened(slug)))
        if self.type.key == "pages" and slug and reserved(slug):
            self.error("slug", msg("'{slug}' is a section of the site (/{slug}/); choose another slug", slug=slug))
        if values.get("updated") and when and values["updated"] < when:
            self.error("updated", msg("is earlier than the publication date"))
        dated: dict[str, int] = {}  # a change's minute: the first entry dated so (the mail ledger knows it by it)
        for i, change in enumerate(values.get("changes") or []):
            minute = f"{change['date']:%Y-%m-%d %H:%M}" if change.get("date") else ""
            if minute and (first := dated.setdefault(minute, i)) != i:
                self.error(f"changes[{i}].date", msg("changes[{first}] is dated {when} too; give each change the "
                                                     "time it was made (the lists know a change by it)",
                                                     first=first, when=minute))
            if change.get("date") and when and change["date"] < when:
                self.warn(f"changes[{i}].date", msg("is earlier than the publication date ({date}): a change is "
                                                    "dated when it was made, after the text went out",
                                                    date=str(self.src.fields["date"])))
        if values.get("status") == "withdrawn":
            if not values.get("withdrawal_note"):
                self.error("withdrawal_note", msg("say in one or two sentences why the text is withdrawn "
                           "(withdrawal_note:, up to {limit} characters); readers see it above the text",
                           limit=WITHDRAWAL_MAX), at="status")
        else:
            for key in ("withdrawal_note", "withdrawn"):
                if key in values:
                    self.warn(key, msg("is ignored unless 'status: withdrawn'"))


FAR_AHEAD = timedelta(days=60)
"""An embargo longer than this is more often a slip of the year (2027 for 2026) than a plan: said, not refused."""


FAR_BEHIND = timedelta(days=30)


def dated_behind(items: list[Item], published: Mapping[str, Any], now: datetime) -> list[Problem]:
    """A new text (never `published`, on a site that has published) dated over a month back: copied from an old one
    with its date kept, it is mailed as new, but listed by that date, below everything since, and feeds show it as
    old news. Clippings are dated by their article, and a site's first import of its archive is before any
    publication: neither is told."""
    if not published:
        return []
    addresses = {url for urls in published.values() for url in urls}  # a published item moved or renamed: not new
    return [Problem(item.source.rel, item.source.line("date"), "date", msg(
        "is new but dated {when}, {days} days ago: the site lists it by that date, below everything published since, "
        "and feeds show it as old; if it is news, give it today's date", when=greek_datetime(item.values["date"]),
        days=(now - item.values["date"]).days), "warning")
        for item in items if item.type.key != "coverage" and item.type.yearly and item.values.get("date")
        and item.values["date"] < now - FAR_BEHIND and item.source.rel not in published and item.url not in addresses
        and item.values.get("status") not in ("draft", "withdrawn")]


def dated_ahead(items: list[Item], now: datetime) -> list[Problem]:
    """Warnings for `updated:` and `changes:` dated after `now`: a change is dated when it was made, never ahead of
    time. (One dated ahead counts only from its date, `Item.changes_at`: the page, feeds and sitemap do not say the
    item was updated in 2027, nor is the correction mailed, before then.) And for a clipping dated ahead: what the
    press published has no embargo, so it is a slip (a press release dated ahead is a planned one)."""
    found = [Problem(item.source.rel, item.source.line("date"), "date", msg(
        "a clipping dated {when}, a day still to come, is shown only from then; write the day it was published",
        when=greek_date(item.values["date"])), "warning")
        for item in items if item.type.key == "coverage" and item.values.get("date") and item.values["date"] > now
        and item.values.get("status") != "draft"]
    found += [Problem(item.source.rel, item.source.line("date"), "date", msg(
        "is {days} days ahead ({when}): the text is held until then, off the site and the lists; if the year or "
        "month is a slip, correct it", days=(item.values["date"] - now).days, when=greek_datetime(item.values["date"])),
        "warning")
        for item in items if item.type.key != "coverage" and item.values.get("date")
        and item.values["date"] > now + FAR_AHEAD and item.values.get("status") != "draft"]
    for item in items:
        if not item.values.get("updated") and not item.values.get("changes"):
            continue
        dated = [("updated", item.values.get("updated"))] + [
            (f"changes[{i}].date", change.get("date")) for i, change in enumerate(item.values.get("changes") or [])]
        found += [Problem(item.source.rel, item.source.line(key), key, msg(
            "is in the future ({when}); date it when the change was made", when=greek_datetime(when)), "warning")
            for key, when in dated if when and when > now]
    return found


def _every_date_cancelled(values: dict[str, Any]) -> bool:
    """A series whose every date is cancelled: the event is, as with 'status: cancelled' (its page, the lists, feeds,
    calendars and one «Ακύρωση» mail say so; it was listed as going ahead on its last date)."""
    if not values.get("cancelled_dates") or not values.get("start"):
        return False
    dates = schedule_of(values).dates()
    return bool(dates) and all(o.cancelled for o in dates)


def _blank(value: Any) -> bool:
    """A field left empty, as the browser editor saves an optional one: '', [], null, or a group of such parts
    (`repeat: {every: null, on: []}`)."""
    if isinstance(value, dict):
        return all(_blank(part) for part in value.values())
    return value in (None, "", [])


def validate(source: Source, ctype: ContentType, config: KiryxConfig, root: Path) -> tuple[Item, list[Problem]]:
    """Validate one source against its type's rules."""
    validator = _Validator(source, ctype, config, root)
    item = validator.run()
    return item, validator.problems

