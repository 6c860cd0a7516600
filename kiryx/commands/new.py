"""Create a new content file at the right path with a filled-in front matter template."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from ..content.content_types import TYPES
from ..content.fields import PLACEHOLDER
from ..content.schema import SLUG_MAX, shortened
from ..greek import athens, slugify
from ..i18n import msg
from .options import add_site_options, settings_from

ALIASES = {"press-release": "press-releases", "event": "events", "leaflet": "leaflets", "page": "pages",
           "deltio": "press-releases", "deltio-typou": "press-releases", "anakoinosi": "press-releases",
           "ekdilosi": "events", "entypo": "leaflets", "fylladio": "leaflets", "enimerotiko": "leaflets",
           "dimosievma": "coverage", "selida": "pages"}
"""Other names of the types, as ELOT 743 slugs: singular, and the Greek words staff say («δελτίο τύπου»,
«εκδήλωση», …), however written (Greek or Latin letters, capitals, accents, spaces or dashes)."""


def _kind(word: str) -> str:
    """The content type a word names (press-release, «Δελτίο Τύπου», deltio-typou → press-releases), else the
    word."""
    slug = slugify(word)
    return ALIASES.get(slug, slug if slug in TYPES else word)


TEMPLATES = {
    "press-releases": """summary: ""  # υποχρεωτική, έως 300 χαρακτήρες
category: ""  # υποχρεωτική: {categories}
tags: []
# image: media/{year}/fotografia.jpg
# image_alt: "Τι δείχνει η φωτογραφία"
# attachments:
#   - file: files/{year}/apofasi.pdf
#     title: "Απόφαση Δημοτικού Συμβουλίου"
""",
    "events": """summary: ""  # υποχρεωτική, έως 300 χαρακτήρες
start: {date}
end: {date}
location: "{location}"  # αν είναι αλλού, η διεύθυνση του χώρου
# all_day: true
# press_conference: true
# online_url: https://...
tags: []
""",
    "leaflets": """summary: ""
# image: media/leaflets/exofyllo.jpg
# image_alt: "Το εξώφυλλο του εντύπου"
attachments:
  - file: files/leaflets/{slug}.pdf
    title: "{title} (PDF)"
""",
    "coverage": """outlet: ""  # το μέσο, π.χ. «Η Καθημερινή»
url: https://
kind: web  # print | web | tv | radio
excerpt: ""
tags: []
# reply: press-releases/{year}/apantisi.md
""",
    "pages": "",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("type", metavar="TYPE", type=_kind, choices=sorted(TYPES),
                        help="press-release, event, leaflet, coverage or page (or in Greek: δελτίο, εκδήλωση, "
                             "έντυπο, δημοσίευμα, σελίδα)")
    parser.add_argument("title", metavar="TITLE", nargs="+",
                        help="the title, in Greek (quotes optional); the file name is its ELOT 743 slug")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    args.title = " ".join(" ".join(args.title).split())  # one line: a title pasted with its line break stays one
    key = args.type
    ctype, now = TYPES[key], athens(datetime.now(UTC))
    slug = slugify(args.title)
    if not slug:  # only symbols or emoji: the file would be named '.md', a hidden file
        print(msg("the title '{title}' has no letters or digits to name the file after; give it in words, e.g. "
                  "publish.py new press-release \"Καθαρισμός της παραλίας\"", title=args.title), file=sys.stderr)
        return 1
    long_title = len(slug) > SLUG_MAX  # the file and the address get a shorter name, said in the front matter
    slug = shortened(slug) if long_title else slug
    folder = Path(settings["PATH"]) / key / (str(now.year) if ctype.yearly else "")
    path = folder / f"{slug}.md"
    if path.exists():
        print(msg("{path} already exists; choose another title or edit that file", path=str(path)))
        return 1
    config = settings["KIRYX_CONFIG"]
    categories = ", ".join(c.slug for c in config.categories)
    office = config.press_office  # an event is at the office's building unless the staff say otherwise
    location = ", ".join(part for part in (office.building, office.street, office.city) if part).replace('"', '\\"')
    stamp = now.strftime("%Y-%m-%d %H:%M")
    title = args.title.replace('"', '\\"')
    fields = TEMPLATES[key].format(date=stamp, year=now.year, slug=slug, title=title, categories=categories,
                                   location=location)
    date_line = ("" if key == "pages" else f"date: {stamp}\n") + (f"slug: {slug}\n" if long_title else "")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(f'---\ntitle: "{title}"\n{date_line}{fields}---\n\n{PLACEHOLDER}\n', encoding="utf-8")
    print(msg("Created {path}: fill in its fields and write the text", path=str(path)))
    return 0
