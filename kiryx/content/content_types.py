"""The content types: which folder holds them, how they are named and where they go."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ContentType:
    key: str
    singular: str
    plural: str
    url: str
    template: str
    yearly: bool
    required: frozenset[str] = frozenset({"title", "date"})
    new: tuple[str, str] = ("", "")
    """How the plan counts new ones: (one, many), e.g. («νέο δελτίο τύπου», «νέα δελτία τύπου»)."""
    short: str = ""
    """Its name in the site's menu."""

    def url_for(self, slug: str, year: int) -> str:
        return self.url.format(slug=slug, year=year)


TYPES: dict[str, ContentType] = {
    t.key: t
    for t in (
        ContentType(
            "press-releases", "Δελτίο Τύπου", "Δελτία Τύπου", "press-releases/{year}/{slug}/",
            "press_release", True, frozenset({"title", "date", "summary", "category"}),
            ("νέο δελτίο τύπου", "νέα δελτία τύπου"), "Δελτία Τύπου",
        ),
        ContentType(
            "events", "Εκδήλωση", "Εκδηλώσεις", "events/{year}/{slug}/",
            "event", True, frozenset({"title", "date", "summary", "start"}),
            ("νέα εκδήλωση", "νέες εκδηλώσεις"), "Εκδηλώσεις",
        ),
        ContentType("leaflets", "Ενημερωτικό έντυπο", "Ενημερωτικά έντυπα", "leaflets/{slug}/", "leaflet", False,
                    new=("νέο ενημερωτικό έντυπο", "νέα ενημερωτικά έντυπα"), short="Έντυπα"),
        ContentType(
            "coverage", "Δημοσίευμα", "Αρχείο δημοσιευμάτων", "coverage/{year}/{slug}/",
            "coverage", True, frozenset({"title", "date", "outlet", "url", "kind"}),
            ("νέο δημοσίευμα", "νέα δημοσιεύματα"), "Δημοσιεύματα",
        ),
        ContentType("pages", "Σελίδα", "Σελίδες", "{slug}/", "page", False, frozenset({"title"}),
                    ("νέα σελίδα", "νέες σελίδες"), "Σελίδες"),
    )
}

ARTICLE_TYPES = ("press-releases", "events", "leaflets", "coverage")
PHOTO_LED = ("press-releases", "events")
"""The types whose main image is a press photo (offered in full in the press kit)."""
# Folders of files published as they are (images are stripped of metadata on the way).
STATIC_FOLDERS = ("media", "files", "press-kit")
# Files an operating system or editor leaves behind (hidden files, Office's ~$ locks, backups~): never content, never
# published. Pelican's IGNORE_FILES too: its default, '**/.*', matches no file name, so it published hidden files.
LITTER = (".*", "~$*", "*~", "Thumbs.db", "desktop.ini")


def is_litter(name: str) -> bool:
    """A file no one means to publish: hidden, an editor's lock or backup, a system's thumbnail cache."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in LITTER)


def in_litter(path: str) -> bool:
    """Is this path (relative, with /) litter or inside a litter folder (`.thumbs/`), never published?"""
    return any(map(is_litter, path.split("/")))

# Top-level paths the site itself uses; a page may not take one as its slug.
RESERVED_SLUGS = frozenset(TYPES) | frozenset(STATIC_FOLDERS) | {
    "archive", "category", "tag", "feeds", "theme", "drafts", "search",
    "admin", "lists", "pagefind", "sitemaps",  # the editor, the lists page, the search's recent index
}


def reserved(slug: str) -> bool:
    """Is this address one the site itself uses (RESERVED_SLUGS, or an older year's search index, pagefind-2019)?"""
    return slug in RESERVED_SLUGS or slug.startswith("pagefind-")


def newest_first(item: Any) -> tuple[float, str]:
    """Sort key for Pelican's ARTICLE_ORDER_BY: newest first, then by source path (stable builds)."""
    return -item.date.timestamp(), item.source_rel
