"""Pelican settings for the press-office site of the Municipality of Alimos.

Everything municipality-specific lives in `KIRYX` (typed and validated by
`kiryx.config.KiryxConfig`, whose docstrings describe each setting); another
municipality adopts Kiryx by editing this dict and `content/`. The rest are
Pelican's own settings, fixed by the Kiryx content model.
"""

from pathlib import Path

from kiryx.content.content_types import ARTICLE_TYPES, LITTER, STATIC_FOLDERS, TYPES, newest_first
from kiryx.greek import (
    alphabetical,
    file_size,
    greek_date,
    greek_datetime,
    greek_month,
    greek_time,
    iso,
    slugify,
    upper,
)

KIRYX = {
    "municipality": {
        "name": "Δήμος Αλίμου",
        "website": "https://www.alimos.gr",
        "logo": "press-kit/logos/dimos-alimou-logo.svg",
        "logo_png": "press-kit/logos/dimos-alimou-logo.png",
        "brand_color": "#0b4f8a",
    },
    "press_office": {
        "name": "Γραφείο Τύπου, Δημοσίων Σχέσεων & Επικοινωνίας",
        "building": "Δημαρχείο",
        "street": "Αριστοτέλους 53",
        "postcode": "17455",
        "city": "Άλιμος",
        "floor": "4ος όροφος",
        "phone": "213-2008044",
        "email": "press@alimos.gr",
        "hours": "Mo-Fr 08:00-15:00",
    },
    # The static pages every page links to (files in content/pages/ with these addresses).
    "pages": {"contact": "grafeio-typou/", "about": "schetika/", "accessibility": "dilosi-prosvasimotitas/",
              "privacy": "politiki-aporritou/"},
    "categories": [
        {"slug": "dimotiki-archi", "name": "Δημοτική Αρχή", "description": "Αποφάσεις, δηλώσεις και δράσεις της Δημοτικής Αρχής."},
        {"slug": "perivallon", "name": "Περιβάλλον", "description": "Καθαριότητα, πράσινο, ανακύκλωση και παράκτιο μέτωπο."},
        {"slug": "politismos", "name": "Πολιτισμός", "description": "Πολιτιστικές εκδηλώσεις, βιβλιοθήκη και ιστορική μνήμη."},
        {"slug": "koinoniki-politiki", "name": "Κοινωνική Πολιτική", "description": "Κοινωνικές δομές, στήριξη ευάλωτων ομάδων και υγεία."},
        {"slug": "athlitismos", "name": "Αθλητισμός", "description": "Αθλητικές εγκαταστάσεις, προγράμματα και διοργανώσεις."},
        {"slug": "erga-ypodomes", "name": "Έργα & Υποδομές", "description": "Τεχνικά έργα, οδοποιία, σχολικά κτήρια και κυκλοφορία."},
        {"slug": "paideia", "name": "Παιδεία", "description": "Σχολεία, παιδικοί σταθμοί και δια βίου μάθηση."},
        {"slug": "politiki-prostasia", "name": "Πολιτική Προστασία", "description": "Έκτακτα μέτρα, καιρικά φαινόμενα και ασφάλεια."},
    ],
    "site_url": "https://press.alimos.gr",
    "home_items": 6,
    "feed_items": 50,
    "photo_credit": "Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου",
    "photo_license": "Ελεύθερη αναδημοσίευση με αναφορά της πηγής (CC BY 4.0)",
    "iframe_hosts": ["www.youtube-nocookie.com"],
    # Links from each item to its source file and its history on the git host, e.g.
    # "https://git.alimos.gr/press/site/src/branch/main/content/{path}"; empty: no links.
    "source_url": "",
    "history_url": "",
    "coverage_public": True,
    "mailing_lists": [
        {"name": "Δημοσιογράφοι", "address": "press-list@lists.alimos.gr",
         "types": ["press-releases", "events", "leaflets"],
         "description": "Για συντάκτες και μέσα ενημέρωσης: κάθε δελτίο τύπου, ενημερωτικό έντυπο και εκδήλωση, "
                        "με πλήρες κείμενο, φωτογραφίες και διορθώσεις.",
         "subscribe": "press-list-join@lists.alimos.gr", "unsubscribe": "press-list-leave@lists.alimos.gr"},
        {"name": "Εκδηλώσεις και συνεντεύξεις Τύπου", "address": "events@lists.alimos.gr",
         "types": ["events"],
         "description": "Οι εκδηλώσεις του Δήμου και οι προσκλήσεις σε συνεντεύξεις Τύπου, με αρχείο ημερολογίου.",
         "subscribe": "events-join@lists.alimos.gr", "unsubscribe": "events-leave@lists.alimos.gr"},
    ],
    "accessibility": {
        "status": "partial",
        "prepared": "2026-11-02",
        "reviewed": "2026-11-24",
        "known_issues": [
            {"what": "Ζωντανές μεταδόσεις συνεδριάσεων του Δημοτικού Συμβουλίου σε πλατφόρμες τρίτων",
             "why": "WCAG 1.2.4, χωρίς υπότιτλους σε πραγματικό χρόνο",
             "alternative": "Τα πρακτικά κάθε συνεδρίασης δημοσιεύονται ως κείμενο."},
        ],
    },
    "mail": {
        "accreditation": "Με email στο press@alimos.gr έως τις 14:00 της προηγούμενης εργάσιμης, με ονοματεπώνυμο "
                         "και μέσο.",
    },
}

SITENAME = "Γραφείο Τύπου · Δήμος Αλίμου"
SITEURL = ""
PATH = "content"  # beside the settings file (Pelican reads a relative PATH from the settings file's folder)
OUTPUT_PATH = "output"  # beside it too, wherever the command is run from
# Kiryx's own theme and plugins, wherever a settings file that imports this one lives
THEME = str(Path(__file__).resolve().parent / "theme")
TIMEZONE = "Europe/Athens"
DEFAULT_LANG = "el"
PLUGIN_PATHS = [str(Path(__file__).resolve().parent / "plugins")]
PLUGINS = ["content_model", "permalinks", "sections", "feeds", "images", "press_kit", "events", "media_coverage", "admin",
           "related", "structured_data", "sitemaps", "search", "brand", "incremental"]  # incremental last: it records the build state once all is written

# The content model (kiryx.content.content_types): the top folder is the content type.
ARTICLE_PATHS = list(ARTICLE_TYPES)
USE_FOLDER_AS_CATEGORY, FILENAME_METADATA = False, ""  # every field comes from the front matter, none from paths
PAGE_PATHS = ["pages"]
STATIC_PATHS = list(STATIC_FOLDERS)
IGNORE_FILES = list(LITTER)
# Newest first; items of the same moment by source path, so every build lists them alike.
ARTICLE_ORDER_BY = newest_first
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
# Kiryx holds future-dated items itself (plugins/content_model) and never writes drafts.
WITH_FUTURE_DATES = True
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""
ARTICLE_LANG_URL = ARTICLE_LANG_SAVE_AS = PAGE_LANG_URL = PAGE_LANG_SAVE_AS = ""

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = "category/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "archive/"
ARCHIVES_SAVE_AS = "archive/index.html"
YEAR_ARCHIVE_SAVE_AS = ""  # archive/<year>/ is written by plugins/sections, in time linear in the archive
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "search", "lists", "404"]
SEARCH_SAVE_AS = "search/index.html"
LISTS_URL = "lists/"  # «Λίστες ενημέρωσης», from KIRYX["mailing_lists"]; the mails link it too
LISTS_SAVE_AS = "lists/index.html"
INDEX_SAVE_AS = "index.html"

DEFAULT_PAGINATION = 12
PAGINATED_TEMPLATES = {"category": None, "tag": None, "section": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are written by Kiryx, not by Pelican's feedgenerator.
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {"footnotes": {"BACKLINK_TITLE": "Επιστροφή στο κείμενο (υποσημείωση %d)"}},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
# Each build makes its own environments, so a template is read once per build: with auto_reload, every page asked
# the file system again for every template it extends, includes or imports (78,000 stats in a 5,000-item build).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": [],
                     "auto_reload": False}
JINJA_GLOBALS = {"content_types": TYPES}
JINJA_FILTERS = {
    "greek_date": greek_date,
    "greek_datetime": greek_datetime,
    "greek_month": greek_month,
    "greek_time": greek_time,
    "iso": iso,
    "upper_el": upper,
    "file_size": file_size,
    "elot_slug": slugify,
    "alphabetical": alphabetical,
}
RELATIVE_URLS = False
# The theme's static files are linked, not copied, by plugins/incremental (unchanged files stay the same files).
THEME_STATIC_PATHS: list[str] = []
DELETE_OUTPUT_DIRECTORY = True
# Kiryx keeps its per-file cache (keyed by content hash) here; Pelican's own content cache stays off.
CACHE_PATH = ".kiryx/cache"
# Only Kiryx's Markdown reader: a raw .html or .rst file would bypass validation and sanitizing.
# Other Markdown extensions (.markdown, .mkd, .mdown) are not read either; `check` reports such files.
READERS = {"rst": None, "html": None, "htm": None, "markdown": None, "mkd": None, "mdown": None}
