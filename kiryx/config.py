"""Kiryx configuration: one typed, documented declaration with defaults and validation.

`pelicanconf.py` sets a `KIRYX` dict; `KiryxConfig.from_settings()` turns it into typed,
validated objects, and every plugin and command reads the result via `config_for()`.
The municipality's facts (name, contacts, site address, logos) have no default: a missing one is
an error naming it, so a municipality adopting Kiryx never publishes another's. Defaults are
Kiryx's own conventions (page addresses, limits, deploy to a local folder, mail to an outbox).
Deploy and mail settings may also be set by environment variables (`ENV_OVERRIDES`); a password is
only ever read from one.
Errors name the setting: «KIRYX['categories'][2]['slug']: … ».
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from email.errors import HeaderParseError
from email.headerregistry import Address
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import opening_hours
from .content.content_types import ARTICLE_TYPES, TYPES
from .greek import fold
from .i18n import msg

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ConfigError(ValueError):
    """A setting is missing or wrong; the message names it and says how to fix it."""


def _doc(text: str, **kwargs: Any) -> Any:
    return field(metadata={"doc": text}, **kwargs)


@dataclass(frozen=True)
class Municipality:
    name: str = _doc("Official name in the nominative, shown in the header and feeds, e.g. 'Δήμος Αλίμου'.")
    website: str = _doc("The municipality's main website, e.g. 'https://www.alimos.gr'.")
    logo: str = _doc("Logo shown in the header (SVG or PNG), relative to the content folder, e.g. "
                     "'press-kit/logos/dimos-alimou-logo.svg'.")
    logo_png: str = _doc("PNG variant of the logo (feeds, e-mails, social cards), relative to the content folder.")
    brand_color: str = _doc("Main brand colour as #rrggbb: the header, links and buttons of the site and the mails, "
                            "and the social cards; it must be dark enough for white text on it and for links on "
                            "white and on the theme's pale boxes (contrast 4.5:1), e.g. '#0b4f8a'.")
    name_genitive: str = _doc("The name in the genitive («του …»), e.g. 'Δήμου Αλίμου'; empty: made from a name "
                              "that starts with 'Δήμος'.", default="")
    name_accusative: str = _doc("The name in the accusative («τον …»), e.g. 'Δήμο Αλίμου'; empty: made from a "
                                "name that starts with 'Δήμος'.", default="")

    @property
    def genitive(self) -> str:
        """«Δήμου Αλίμου»: «Λογότυπο του Δήμου Αλίμου»."""
        return self.name_genitive or _declined(self.name, "Δήμου")

    @property
    def accusative(self) -> str:
        """«Δήμο Αλίμου»: «για τον Δήμο Αλίμου»."""
        return self.name_accusative or _declined(self.name, "Δήμο")


def _declined(name: str, head: str) -> str:
    """A municipality's name with its first word, «Δήμος», in another case; the place's name is already genitive."""
    first, _, rest = name.partition(" ")
    return f"{head} {rest}" if first == "Δήμος" and rest else name


@dataclass(frozen=True)
class PressOffice:
    name: str = _doc("Name of the office, e.g. 'Γραφείο Τύπου, Δημοσίων Σχέσεων & Επικοινωνίας'.")
    street: str = _doc("Street address, e.g. 'Αριστοτέλους 53'.")
    postcode: str = _doc("Postal code, e.g. '17455'.")
    city: str = _doc("City, e.g. 'Άλιμος'.")
    phone: str = _doc("Phone as shown, e.g. '213-2008044' (Greek numbers get +30; write others with their '+').")
    email: str = _doc("E-mail, also the From of notifications, e.g. 'press@alimos.gr'.")
    short_name: str = _doc("The office's name in the header, under the municipality's.", default="Γραφείο Τύπου")
    building: str = _doc("Building, e.g. 'Δημαρχείο'; empty: not shown.", default="")
    floor: str = _doc("Floor, e.g. '4ος όροφος'; empty: not shown.", default="")
    hours: str = _doc("Opening hours the schema.org way, e.g. 'Mo-Fr 08:00-15:00' (several rules joined by ';'); "
                      "shown in Greek: «Δευτέρα–Παρασκευή, 08:00–15:00».", default="Mo-Fr 08:00-15:00")

    def format_request(self, item_title: str, attachment: Mapping[str, Any]) -> str:
        """A mailto: asking the office for an attachment in an accessible format (GOV.UK's pattern); "" when
        it is accessible already."""
        if attachment.get("accessible"):
            return ""
        subject = f"Προσβάσιμη μορφή: {attachment['title']} ({item_title})"
        return f"mailto:{self.email}?subject={quote(subject)}"

    @property
    def phone_uri(self) -> str:
        return "tel:" + self.phone_e164

    @property
    def phone_e164(self) -> str:
        """+302132008044: a Greek number gets the country code; one written with '+' or '00' has its own."""
        digits = re.sub(r"\D", "", self.phone)
        if self.phone.strip().startswith("+"):
            return f"+{digits}"
        return f"+{digits[2:]}" if digits.startswith("00") else f"+30{digits}"

    @property
    def street_address(self) -> str:
        """«Αριστοτέλους 53, Δημαρχείο, 4ος όροφος»: the parts that are set."""
        return ", ".join(part for part in (self.street, self.building, self.floor) if part)

    @property
    def hours_text(self) -> str:
        return _hours_text(self.hours)


@cache  # on every page's contact box: worded once a build (not cached on the office, which is pickled for keys)
def _hours_text(hours: str) -> str:
    return opening_hours.greek(opening_hours.parse(hours))


@dataclass(frozen=True)
class Category:
    slug: str = _doc("ASCII slug used in URLs, e.g. 'perivallon'.")
    name: str = _doc("Greek name shown to readers, e.g. 'Περιβάλλον'.")
    description: str = _doc("One line shown on the category page.", default="")


@dataclass(frozen=True)
class MailingList:
    name: str = _doc("Name shown on the «Λίστες ενημέρωσης» page, in the privacy notice, the logs and the ledger.")
    address: str = _doc("The list's posting address.")
    types: tuple[str, ...] = _doc("Content types it receives.", default=ARTICLE_TYPES[:3])
    categories: tuple[str, ...] = _doc("Category slugs it receives; empty means all.", default=())
    lang: str = _doc("Language of the mails.", default="el")
    description: str = _doc("Who it is for and what it carries, one sentence in Greek (the lists page and the "
                            "privacy notice); empty: described from its types and categories.", default="")
    subscribe: str = _doc("How to join: the list server's join address (e-mail) or page (https://); empty: by "
                          "writing to the press office.", default="")
    unsubscribe: str = _doc("How to leave, the same way; empty: as for joining.", default="")

    @property
    def scope(self) -> str:
        """What it receives, as the ledger records it: 'events,press-releases|perivallon'."""
        return f"{','.join(sorted(self.types))}|{','.join(sorted(self.categories))}"

    def as_of(self, scope: str) -> MailingList:
        """The list as it was when it received `scope`."""
        types, categories = scope.split("|")
        return dataclasses.replace(self, types=tuple(filter(None, types.split(","))),
                                   categories=tuple(filter(None, categories.split(","))))

    def join_link(self, office_email: str) -> str:
        """Where a journalist asks to join: the list server's page, or a prefilled e-mail."""
        return _ask(self.subscribe, office_email, f"Εγγραφή στη λίστα «{self.name}»")

    def leave_link(self, office_email: str) -> str:
        return _ask(self.unsubscribe or self.subscribe, office_email, f"Διαγραφή από τη λίστα «{self.name}»")


def _ask(where: str, office_email: str, subject: str) -> str:
    if where.startswith(("https://", "http://")):
        return where
    return f"mailto:{where or office_email}?subject={quote(subject)}"


@dataclass(frozen=True)
class KnownIssue:
    what: str = _doc("What is not accessible, in Greek, e.g. «Ζωντανές μεταδόσεις συνεδριάσεων».")
    why: str = _doc("Why: the requirement not met (e.g. «WCAG 1.2.4, υπότιτλοι σε ζωντανή μετάδοση») or "
                    "«δυσανάλογη επιβάρυνση».", default="")
    alternative: str = _doc("What a reader can do instead.", default="")


@dataclass(frozen=True)
class Accessibility:
    """The accessibility statement (EU model, Implementing Decision 2018/1523; law 4727/2020): its facts."""

    status: str = _doc("Compliance with WCAG 2.2 AA: 'full', 'partial' or 'none'.")
    prepared: str = _doc("When the statement was first prepared, YYYY-MM-DD.")
    reviewed: str = _doc("When it was last reviewed, YYYY-MM-DD; check warns after a year.")
    method: str = _doc("How compliance was assessed, in Greek.", default=(
        "Αυτοαξιολόγηση, με αυτόματους ελέγχους (axe-core για WCAG 2.2 AA, Nu Html Checker) "
        "σε κάθε έκδοση του ιστότοπου και έλεγχο των συνημμένων PDF για κείμενο, ετικέτες, τίτλο και γλώσσα."))
    known_issues: tuple[KnownIssue, ...] = _doc("Content known not to be accessible, beyond the attachments the "
                                                "build finds.", default=())
    response_days: int = _doc("Working days within which the office answers feedback.", default=10)
    enforcement: str = _doc("The enforcement procedure: whom a reader turns to after an unsatisfactory answer.",
                            default="Αν η απάντησή μας δεν σας ικανοποιεί, μπορείτε να υποβάλετε αναφορά στον "
                                    "Συνήγορο του Πολίτη, αρμόδιο για την τήρηση του ν. 4727/2020.")
    enforcement_url: str = _doc("The enforcement body's address.", default="https://www.synigoros.gr/")

    @property
    def prepared_on(self) -> date:
        return date.fromisoformat(self.prepared)

    @property
    def reviewed_on(self) -> date:
        return date.fromisoformat(self.reviewed)


@dataclass(frozen=True)
class Mail:
    max_size: int = _doc("Largest mail in bytes, whatever the item holds: attachments are linked instead, then "
                         "the full text is left to the site.", default=1_000_000)
    attach_below: int = _doc("Attach an item's PDF files smaller than this many bytes (0: never; they are always "
                             "linked).", default=0)
    accreditation: str = _doc("Note in every press-conference invitation on accreditation, unless the event has "
                              "its own («Διαπίστευση» field).", default="")


@dataclass(frozen=True)
class Smtp:
    host: str = _doc("SMTP server; empty writes mail to the local Maildir outbox.", default="")
    port: int = _doc("SMTP port.", default=587)
    tls: str = _doc("'none', 'starttls' or 'ssl'.", default="starttls")
    user: str = _doc("SMTP user; the password comes from KIRYX_SMTP_PASSWORD only.", default="")
    timeout: float = _doc("Seconds before a connection attempt is given up.", default=30.0)
    per_minute: int = _doc("At most this many messages a minute.", default=60)
    retries: int = _doc("Attempts per message on temporary failures (4xx, dropped connection).", default=4)
    backoff: float = _doc("Seconds before the first retry; doubles each time.", default=5.0)

    @property
    def password(self) -> str:
        return os.environ.get("KIRYX_SMTP_PASSWORD", "")


@dataclass(frozen=True)
class Deploy:
    method: str = _doc("'local' (releases + atomic symlink) or 'rsync'.", default="local")
    directory: str = _doc("Target folder for 'local'.", default=".kiryx/site")
    rsync_target: str = _doc("rsync destination, e.g. 'www@host:/srv/press/'.", default="")
    keep_releases: int = _doc("How many old releases 'local' keeps.", default=5)


@dataclass(frozen=True)
class Pages:
    """The static pages every page links to (header and footer), by their address under the site.

    A page that is not in content/pages/ is simply not linked."""

    contact: str = _doc("The press office's contact page; it also carries the office's structured data.",
                        default="grafeio-typou/")
    about: str = _doc("About the site.", default="schetika/")
    accessibility: str = _doc("The accessibility statement (required of public-sector sites).",
                              default="dilosi-prosvasimotitas/")
    privacy: str = _doc("The privacy policy (mailing lists, analytics).", default="politiki-aporritou/")


ADMIN_BACKENDS = ("forgejo", "github", "gitlab")


@dataclass(frozen=True)
class Admin:
    backend: str = _doc(
        "Git host of the browser editor at /admin/: 'forgejo', 'github' or 'gitlab' (each edit becomes a pull "
        "request). Empty: only the local editor (decap-server) on a staff computer.", default="")
    repo: str = _doc("The repository on the git host, 'owner/name'.", default="")
    branch: str = _doc("The branch pull requests go to.", default="main")
    api_root: str = _doc("API address of the git host, e.g. 'https://git.alimos.gr/api/v1' (required for "
                         "forgejo; GitLab: 'https://gitlab.example.gr/api/v4').", default="")
    base_url: str = _doc("Sign-in address: GitHub, your OAuth proxy; GitLab, the GitLab server.", default="")
    app_id: str = _doc("OAuth application id (forgejo, gitlab: a non-confidential application whose redirect "
                       "is <site_url>/admin/).", default="")
    local_url: str = _doc("decap-server's API for editing on a staff computer.",
                          default="http://127.0.0.1:8081/api/v1")


@dataclass(frozen=True)
class KiryxConfig:
    municipality: Municipality = _doc("Who publishes.")
    press_office: PressOffice = _doc("Contact details.")
    categories: tuple[Category, ...] = _doc("Press-release categories (at least one).")
    site_url: str = _doc(
        "Public address of the site, e.g. 'https://press.alimos.gr'; feeds, calendars and e-mails link here "
        "(publishconf.py's SITEURL is this).")
    accessibility: Accessibility = _doc("The accessibility statement's facts.")
    home_items: int = _doc("Items per block on the home page.", default=6)
    feed_items: int = _doc("Entries per feed, newest first.", default=50)
    photo_credit: str = _doc("Credit of a photo that names none, e.g. 'Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου'; "
                             "empty: «Φωτογραφία: » and the municipality's name.", default="")
    photo_license: str = _doc(
        "Licence of press photos unless an image says otherwise.",
        default="Ελεύθερη αναδημοσίευση με αναφορά της πηγής (CC BY 4.0)",
    )
    iframe_hosts: tuple[str, ...] = _doc(
        "Hosts whose <iframe> may stay in content (e.g. 'www.youtube-nocookie.com').",
        default=(),
    )
    source_url: str = _doc(
        "Link to an item's source file on the git host; '{path}' is its path under content/. Empty: no link.",
        default="",
    )
    history_url: str = _doc("Link to a source file's history on the git host, with '{path}'.", default="")
    coverage_public: bool = _doc(
        "Publish the media-coverage archive; False keeps it internal (still checked), with its files.", default=True)
    git_branch: str = _doc("Branch that is published.", default="main")
    git_timeout: int = _doc("Seconds a fetch from or a push to the git remote may take before publish gives up "
                            "(a stalled network would otherwise hold every later cron run).", default=120)
    state_dir: str = _doc("Folder for ledger, outbox and caches (not published).", default=".kiryx")
    mailing_lists: tuple[MailingList, ...] = _doc("Journalists' lists.", default=())
    smtp: Smtp = _doc("Outgoing mail.", default_factory=Smtp)
    mail: Mail = _doc("What a notification mail holds.", default_factory=Mail)
    deploy: Deploy = _doc("Where the site goes.", default_factory=Deploy)
    admin: Admin = _doc("The browser editor (Decap CMS) at /admin/.", default_factory=Admin)
    pages: Pages = _doc("The pages linked from every page.", default_factory=Pages)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> KiryxConfig:
        """Validate `settings['KIRYX']`, apply environment overrides, return the typed config."""
        raw = settings.get("KIRYX", {})
        config = _build(cls, raw, "KIRYX")
        if not config.photo_credit:
            config = dataclasses.replace(config, photo_credit=f"Φωτογραφία: {config.municipality.name}")
        config = _apply_env(config, os.environ if environ is None else environ)
        _validate(config)
        _validate_pelican(settings, config)
        return config

    def category(self, key: str) -> Category | None:
        """The category with this slug or Greek name, whatever the case and accents («ΠΕΡΙΒΑΛΛΟΝ»)."""
        folded = fold(key)
        for cat in self.categories:
            if folded in (cat.slug, fold(cat.name)):
                return cat
        return None

    def carries(self, mailing_list: MailingList) -> str:
        """What a list receives, in Greek: «Δελτία Τύπου, Εκδηλώσεις (κατηγορίες: Περιβάλλον)»."""
        plurals = [TYPES[t].plural for t in mailing_list.types]
        kinds = " και ".join(filter(None, (", ".join(plurals[:-1]), plurals[-1]))) if plurals else ""
        names = [cat.name for slug in mailing_list.categories if (cat := self.category(slug))]
        return f"{kinds} (κατηγορίες: {', '.join(names)})" if names else kinds

    @property
    def public_types(self) -> tuple[str, ...]:
        """The content types with public pages and feeds."""
        return tuple(t for t in ARTICLE_TYPES if t != "coverage" or self.coverage_public)

    @property
    def domain(self) -> str:
        return self.site_url.split("://", 1)[1]

    @property
    def site_facts(self) -> KiryxConfig:
        """The settings the built site depends on (not how it is mailed, deployed or kept)."""
        return dataclasses.replace(self, smtp=Smtp(), deploy=Deploy(), state_dir="", git_branch="", git_timeout=0,
                                   mail=Mail(accreditation=self.mail.accreditation))


ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "KIRYX_SMTP_HOST": ("smtp", "host"),
    "KIRYX_SMTP_PORT": ("smtp", "port"),
    "KIRYX_SMTP_USER": ("smtp", "user"),
    "KIRYX_SMTP_TLS": ("smtp", "tls"),
    "KIRYX_SMTP_TIMEOUT": ("smtp", "timeout"),
    "KIRYX_SMTP_PER_MINUTE": ("smtp", "per_minute"),
    "KIRYX_SMTP_RETRIES": ("smtp", "retries"),
    "KIRYX_SMTP_BACKOFF": ("smtp", "backoff"),
    "KIRYX_DEPLOY_METHOD": ("deploy", "method"),
    "KIRYX_DEPLOY_DIR": ("deploy", "directory"),
    "KIRYX_RSYNC_TARGET": ("deploy", "rsync_target"),
    "KIRYX_KEEP_RELEASES": ("deploy", "keep_releases"),
    "KIRYX_STATE_DIR": ("", "state_dir"),
    "KIRYX_GIT_BRANCH": ("", "git_branch"),
    "KIRYX_GIT_TIMEOUT": ("", "git_timeout"),
}


def _build(cls: type, raw: Any, where: str) -> Any:
    """Build dataclass `cls` from a mapping, naming `where` in every error."""
    if isinstance(raw, cls):
        return raw
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: expected a dict of settings, got {type(raw).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    for key in raw:
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(fields)}"
            raise ConfigError(f"{where}['{key}']: unknown setting{hint}")
    values = {}
    for name, f in fields.items():
        if name in raw:
            values[name] = _convert(hints[name], raw[name], f"{where}['{name}']")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{where}['{name}']: required ({f.metadata['doc']})")
    return cls(**values)


def _convert(hint: Any, value: Any, where: str) -> Any:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    origin = typing.get_origin(hint)
    if origin is tuple:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list")
        inner = typing.get_args(hint)[0]
        return tuple(_convert(inner, v, f"{where}[{i}]") for i, v in enumerate(value))
    if hint is bool:
        if isinstance(value, bool) or str(value).lower() in ("true", "false", "1", "0"):
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        raise ConfigError(f"{where}: expected True or False, got {value!r}")
    if hint is int or hint is float:
        try:
            return hint(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: expected a number, got {value!r}") from None
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected text, got {value!r}")
        return value
    return value


def _apply_env(config: KiryxConfig, environ: Mapping[str, str]) -> KiryxConfig:
    for var, (section, name) in ENV_OVERRIDES.items():
        if var not in environ:
            continue
        target: Any = getattr(config, section) if section else config
        hint = typing.get_type_hints(type(target))[name]
        target = dataclasses.replace(target, **{name: _convert(hint, environ[var], f"environment variable {var}")})
        config = dataclasses.replace(config, **{section: target}) if section else target
    return config


# Numbers outside these bounds are slips (0 mails a minute, a negative time-out): (section, name): (least, most).
_BOUNDS: dict[tuple[str, str], tuple[float, float]] = {
    ("smtp", "port"): (1, 65535), ("smtp", "timeout"): (1, 600), ("smtp", "per_minute"): (1, 10_000),
    ("smtp", "retries"): (1, 20), ("smtp", "backoff"): (0, 3600), ("deploy", "keep_releases"): (1, 1000),
    ("", "git_timeout"): (1, 3600),
}


def _where(section: str, name: str) -> str:
    """How a setting is named in an error: KIRYX['smtp']['port'] (or KIRYX_SMTP_PORT)."""
    key = f"KIRYX['{section}']['{name}']" if section else f"KIRYX['{name}']"
    env = next((var for var, place in ENV_OVERRIDES.items() if place == (section, name)), None)
    return f"{key} (or {env})" if env else key


def _validate_numbers_and_folders(config: KiryxConfig) -> None:
    for (section, name), (least, most) in _BOUNDS.items():
        value = getattr(getattr(config, section) if section else config, name)
        if not least <= value <= most:
            raise ConfigError(f"{_where(section, name)}: {value} must be from {least} to {most}")
    for section, name in (("", "state_dir"), ("deploy", "directory")):
        if not str(getattr(getattr(config, section) if section else config, name)).strip():
            raise ConfigError(f"{_where(section, name)}: must name a folder (it is empty)")


_DOMAIN_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")


def _mail_address(where: str, address: str) -> None:
    """An address a mail header can carry (as the mails will write it): Latin letters only (a Greek domain in its
    xn-- form), a user part and a domain of dot-separated names."""
    if not EMAIL_RE.match(address):
        raise ConfigError(f"{where}: '{address}' is not an e-mail address")
    if not address.isascii():
        raise ConfigError(f"{where}: '{address}' has letters a mail address cannot carry; write it in Latin letters "
                          "(a Greek domain in its xn-- form)")
    try:
        parsed = Address(addr_spec=address)
    except (HeaderParseError, ValueError, IndexError):
        parsed = None
    if parsed is None or not all(_DOMAIN_LABEL.match(label) for label in parsed.domain.split(".")):
        raise ConfigError(f"{where}: '{address}' is not an e-mail address a mail can be sent to (check the dots "
                          "around '@' and in the domain)")


THEME_TINT = "#f2f5f8"
"""The theme's pale boxes (--tint in theme/static/css/kiryx.css: contact box, event facts, excerpts), on which
links take the brand colour."""


def _luminance(color: str) -> float:
    """WCAG 2.1's relative luminance of #rrggbb."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _hex_color(where: str, value: str) -> None:
    """#rrggbb, dark enough for white text on it and for links on white and on the pale boxes (WCAG 2.1 AA: 4.5:1)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ConfigError(f"{where}: '{value}' must be a colour written #rrggbb, e.g. '#0b4f8a'")
    contrast = (_luminance(THEME_TINT) + 0.05) / (_luminance(value) + 0.05)  # the paler of white and the tint
    if contrast < 4.5:
        raise ConfigError(f"{where}: '{value}' is too light: links in it on the pages' pale boxes have contrast "
                          f"{contrast:.1f}:1, and readers need 4.5:1 (WCAG 2.1 AA); choose a darker shade")


def _content_file(where: str, rel: str, suffixes: tuple[str, ...]) -> None:
    """A path the settings give to a file in the content folder: relative, inside it, of one of these kinds."""
    path = Path(rel)
    if not rel or path.is_absolute() or ".." in path.parts or path.parts[0] != "press-kit":
        raise ConfigError(f"{where}: '{rel}' must be a path in the press kit's folder, like "
                          "'press-kit/logos/logo.svg' (the press kit publishes every file in it)")
    if path.suffix.lower() not in suffixes:
        raise ConfigError(f"{where}: '{rel}' must be a {' or '.join(s[1:].upper() for s in suffixes)} file")


def _language(code: str) -> bool:
    """A language Babel knows ('el', 'el-GR'); 'gr' is a country."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - Babel's data is loaded when a list is checked

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def _validate_town(config: KiryxConfig) -> None:
    """The municipality's facts: addresses that work, logos of the right kind, a readable colour."""
    town, office = config.municipality, config.press_office
    for where, value in (("['municipality']['name']", town.name), ("['municipality']['website']", town.website),
                         ("['press_office']['name']", office.name), ("['press_office']['short_name']",
                                                                     office.short_name)):
        if not value.strip() or "\n" in value or "\r" in value:
            raise ConfigError(f"KIRYX{where}: must be one line of text (it heads pages and is the mails' sender)")
    if not town.name.startswith("Δήμος ") and not (town.name_genitive and town.name_accusative):
        raise ConfigError(f"KIRYX['municipality']['name']: '{town.name}' does not begin «Δήμος », so Kiryx cannot "
                          "make its other cases («του Δήμου …», «τον Δήμο …»); write it so (e.g. 'Δήμος Αλίμου'), or "
                          "give them as name_genitive and name_accusative")
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", town.website):
        raise ConfigError(f"KIRYX['municipality']['website']: '{town.website}' must be a full address like "
                          "https://www.example.gr")
    _content_file("KIRYX['municipality']['logo']", town.logo, (".svg", ".png"))
    _content_file("KIRYX['municipality']['logo_png']", town.logo_png, (".png",))
    _hex_color("KIRYX['municipality']['brand_color']", town.brand_color)
    for name in ("name", "street", "postcode", "city", "phone"):
        if not getattr(office, name).strip():
            raise ConfigError(f"KIRYX['press_office']['{name}']: must not be empty")
    if not 7 <= len(office.phone_e164) - 1 <= 15:
        raise ConfigError(f"KIRYX['press_office']['phone']: '{office.phone}' is not a phone number (write it as "
                          "readers dial it, e.g. '213-2008044' or '+30 213 2008044')")
    if not config.categories:
        raise ConfigError("KIRYX['categories']: at least one category is needed (every press release has one), "
                          "e.g. [{'slug': 'perivallon', 'name': 'Περιβάλλον'}]")
    if not re.match(r"^https?://[^/\s]+$", config.site_url):
        raise ConfigError(f"KIRYX['site_url']: '{config.site_url}' must be like https://press.example.gr "
                          "(no trailing /, no spaces)")


def _validate_pelican(settings: Mapping[str, Any], config: KiryxConfig) -> None:
    """Pelican's own settings that say what KIRYX says: the site's name is set, and its address is KIRYX's."""
    name = settings.get("SITENAME")
    if name is not None and (not str(name).strip() or name == "A Pelican Blog"):  # Pelican's default
        raise ConfigError("SITENAME: set the site's name, shown in every page's title and the feeds, e.g. "
                          "'Γραφείο Τύπου · Δήμος Αλίμου'")
    if name is not None and config.municipality.name not in str(name):  # a copied settings file's, not changed
        raise ConfigError(f"SITENAME: '{name}' does not name the municipality ('{config.municipality.name}'); "
                          f"it is every page's title, e.g. 'Γραφείο Τύπου · {config.municipality.name}'")
    address = settings.get("SITEURL")
    if address and str(address).rstrip("/") != config.site_url:
        raise ConfigError(f"SITEURL: '{address}' is not KIRYX['site_url'] ('{config.site_url}'); the site has one "
                          "public address: set it in KIRYX['site_url'] (publishconf.py takes SITEURL from there)")


def _validate(config: KiryxConfig) -> None:
    _validate_numbers_and_folders(config)
    _validate_town(config)
    seen: set[str] = set()
    for i, cat in enumerate(config.categories):
        where = f"KIRYX['categories'][{i}]"
        if not SLUG_RE.match(cat.slug):
            raise ConfigError(f"{where}['slug']: '{cat.slug}' must be lowercase ASCII words joined by '-'")
        if cat.slug in seen:
            raise ConfigError(f"{where}['slug']: '{cat.slug}' is used by two categories")
        seen.add(cat.slug)
    try:
        opening_hours.parse(config.press_office.hours)
    except ValueError as err:
        raise ConfigError(f"KIRYX['press_office']['hours']: {err}") from None
    for name, address in dataclasses.asdict(config.pages).items():
        if not re.match(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*/$", address):
            raise ConfigError(f"KIRYX['pages']['{name}']: '{address}' must be a page's address like 'grafeio-typou/' "
                              "(lowercase ASCII, ending in /, without the site address)")
    _mail_address("KIRYX['press_office']['email']", config.press_office.email)
    addresses: dict[str, int] = {}
    for i, lst in enumerate(config.mailing_lists):
        where = f"KIRYX['mailing_lists'][{i}]"
        _mail_address(f"{where}['address']", lst.address)
        if (first := addresses.setdefault(lst.address.lower(), i)) != i:
            raise ConfigError(f"{where}['address']: '{lst.address}' is also the address of "
                              f"KIRYX['mailing_lists'][{first}]; list each list once")
        if not lst.name.strip() or "\n" in lst.name or "\r" in lst.name:
            raise ConfigError(f"{where}['name']: must be one line of text (the list's name on the lists page and "
                              "in its mails)")
        if not _language(lst.lang):
            raise ConfigError(f"{where}['lang']: '{lst.lang}' is not a language code; Greek is 'el'")
        for t in lst.types:
            if t not in ARTICLE_TYPES:
                raise ConfigError(f"{where}['types']: '{t}' is not one of {', '.join(ARTICLE_TYPES)}")
        for c in lst.categories:
            if c not in seen:
                raise ConfigError(f"{where}['categories']: '{c}' is not a configured category slug")
        for key in ("subscribe", "unsubscribe"):
            value = getattr(lst, key)
            if value and not re.match(r"^https?://\S+$", value):
                if not EMAIL_RE.match(value):
                    raise ConfigError(f"{where}['{key}']: '{value}' must be an e-mail address or a https:// address")
                _mail_address(f"{where}['{key}']", value)
    if config.mail.max_size < 50_000 or config.mail.attach_below < 0:
        raise ConfigError("KIRYX['mail']['max_size']: must be at least 50000 bytes (and attach_below not negative)")
    statement = config.accessibility
    if statement.status not in ("full", "partial", "none"):
        raise ConfigError(f"KIRYX['accessibility']['status']: '{statement.status}' must be full, partial or none")
    for key in ("prepared", "reviewed"):
        try:
            date.fromisoformat(getattr(statement, key))
        except ValueError:
            raise ConfigError(f"KIRYX['accessibility']['{key}']: '{getattr(statement, key)}' is not a date; "
                              "write YYYY-MM-DD") from None
    if statement.reviewed < statement.prepared:
        raise ConfigError(f"KIRYX['accessibility']['reviewed']: {statement.reviewed} is before the statement was "
                          f"prepared ({statement.prepared}); write the day of its last review")
    if config.smtp.tls not in ("none", "starttls", "ssl"):
        raise ConfigError(f"KIRYX['smtp']['tls'] (or KIRYX_SMTP_TLS): '{config.smtp.tls}' must be none, starttls "
                          "or ssl")
    if config.deploy.method not in ("local", "rsync"):
        raise ConfigError(f"KIRYX['deploy']['method']: '{config.deploy.method}' must be local or rsync")
    if config.deploy.method == "rsync" and not config.deploy.rsync_target:
        raise ConfigError("KIRYX['deploy']['rsync_target'] (or KIRYX_RSYNC_TARGET): required when method is rsync")
    if config.home_items < 1 or config.feed_items < 1:
        raise ConfigError("KIRYX['home_items'] and KIRYX['feed_items']: must be at least 1")
    admin = config.admin
    if admin.backend == "gitea":
        raise ConfigError("KIRYX['admin']['backend']: Decap's gitea backend cannot open pull requests (editorial "
                          "workflow); use a Forgejo server with 'forgejo', or 'github' or 'gitlab'")
    if admin.backend and admin.backend not in ADMIN_BACKENDS:
        raise ConfigError(f"KIRYX['admin']['backend']: '{admin.backend}' must be one of {', '.join(ADMIN_BACKENDS)}, "
                          "or empty")
    if admin.backend and not re.match(r"^[\w.-]+/[\w.-]+$", admin.repo):
        raise ConfigError(f"KIRYX['admin']['repo']: '{admin.repo}' must be like 'owner/name'")
    if admin.backend == "forgejo" and not admin.api_root:
        raise ConfigError("KIRYX['admin']['api_root']: the forgejo backend needs the API address, "
                          "e.g. 'https://git.alimos.gr/api/v1'")
    for key in ("api_root", "base_url"):
        if (value := getattr(admin, key)) and not re.match(r"^https?://[^\s/]+", value):
            raise ConfigError(f"KIRYX['admin']['{key}']: '{value}' must be a whole address, starting https://")
    if admin.backend in ("forgejo", "gitlab") and not admin.app_id:  # its sign-in (PKCE) sent an empty client_id
        raise ConfigError(f"KIRYX['admin']['app_id']: the {admin.backend} sign-in needs the id of an OAuth "
                          f"application on the git host (not confidential, redirecting to {config.site_url}/admin/)")
    if admin.backend == "github" and not admin.base_url:  # Decap would sign in through Netlify's service
        raise ConfigError("KIRYX['admin']['base_url']: the github sign-in needs the address of your OAuth proxy "
                          "(without one, Decap signs in through Netlify's service)")


def check_content_folder(config: KiryxConfig, content: Path) -> None:
    """The content folder exists, holds content, and has the files the settings name."""
    if not content.is_dir():
        raise no_content_folder(content)
    for where, rel in (("['municipality']['logo']", config.municipality.logo),
                       ("['municipality']['logo_png']", config.municipality.logo_png)):
        if not (content / rel).is_file():
            raise ConfigError(f"KIRYX{where}: '{rel}' is not in the content folder {content}; put the "
                              "municipality's logo there, or set the path of the file you have")
    with (content / config.municipality.logo_png).open("rb") as logo:
        if logo.read(8) != b"\x89PNG\r\n\x1a\n":  # named .png, but another kind (a JPEG renamed)
            raise ConfigError(f"KIRYX['municipality']['logo_png']: '{config.municipality.logo_png}' is not a PNG "
                              "image; save the logo as PNG (with a transparent background)")
    if not any((content / key).is_dir() and any((content / key).rglob("*.md")) for key in TYPES):
        raise ConfigError("PATH: " + str(msg("the content folder {folder} has no content yet; write the first item "
                                             "with publish.py new press-release \"Τίτλος\"", folder=content)))


def no_content_folder(content: Path | str) -> ConfigError:
    """The error for a content folder that is not there (a mistyped --content, or PATH in the settings file)."""
    return ConfigError("PATH: " + str(msg("the content folder {folder} does not exist; create it, or give the right "
                                          "one with --content DIR (or PATH in the settings file)", folder=content)))


def located(err: ConfigError, settings: Path | None) -> str:
    """A settings error as the user can find it: `pelicanconf.py: KIRYX['…']: …` or `pelicanconf.py: line 8: …`."""
    in_file = str(err).startswith(("KIRYX[", "line ", "SITENAME:", "SITEURL:", "TIMEZONE:", "DEFAULT_PAGINATION:",
                                   "PLUGINS:", "THEME:"))
    return f"{Path(settings or 'pelicanconf.py').name}: {err}" if in_file else str(err)


def config_for(settings: dict[str, Any]) -> KiryxConfig:
    """The validated config of a Pelican settings dict, built once and kept in it."""
    config = settings.get("KIRYX_CONFIG")
    if not isinstance(config, KiryxConfig):
        config = KiryxConfig.from_settings(settings)
        settings["KIRYX_CONFIG"] = config
    return config


def public_url(settings: dict[str, Any]) -> str:
    """Where the site is read: SITEURL when set (publishconf.py), else KIRYX['site_url']."""
    return settings.get("SITEURL") or config_for(settings).site_url
