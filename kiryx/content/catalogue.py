"""Read and validate a whole content folder: every file, then the checks across files."""

from __future__ import annotations

import dataclasses
import difflib
import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from html import escape as html_escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from markdown import Markdown

from ..config import KiryxConfig
from ..filehash import FileHashes
from ..forked import map_forked
from ..greek import slugify
from ..i18n import Message, msg
from ..images.description import description
from ..lasting import release
from .cache import ResultCache, fingerprint
from .content_types import STATIC_FOLDERS, TYPES, in_litter, is_litter
from .documents import BrokenDocument, pdf_findings
from .frontmatter import parse_source
from .markdown import converter, for_readers
from .media import IMAGE_EXT, image_problem, is_image, svg_problem
from .permalinks import Redirect, Registry, resolve
from .problems import Problem
from .references import (
    BUILT_FOLDERS,
    FEED_KINDS,
    FEEDS,
    PHOTO_COPIES,
    PelicanLink,
    Reference,
    body_references,
    feed_path,
    has_kit,
    kit_zip,
    local_path,
    made_by_build,
    on_this_site,
    own_images,
    parsed_url,
    pelican_link,
    published_folder,
)
from .sanitize import sanitize
from .schema import ATTACHMENT_EXT, Item, file_problem, validate

if TYPE_CHECKING:
    from ..history import History

# What media/, files/ and press-kit/ may publish: photos, drawings (logos), documents; never a page or a script.
PUBLISHED_EXT = ATTACHMENT_EXT | {".svg", ".eps", ".ai", ".tif", ".tiff"}  # a press kit's logos in print formats
# Folders whose files are published only when an item uses them (press-kit/ is published whole).
UNLISTED_UNLESS_USED = ("media", "files")


@dataclass
class Catalogue:
    """Every item of a content folder, and every problem found in it."""

    root: Path
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)
    by_path: dict[str, Item] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()
    """Every content file there is, read or not (one whose fields are broken is there, not deleted)."""
    cache_hits: int = 0
    history: History | None = None
    redirects: list[Redirect] = field(default_factory=list)
    registry: Registry = field(default_factory=Registry)
    hashes: FileHashes = field(default_factory=lambda: FileHashes(Path("."), None))
    key: str = ""
    """What its pages were made from besides the files (the model's code, the settings): the cache's key."""
    static: list[str] = field(default_factory=list)
    """The files of the folders published as they are (media/, files/, press-kit/), relative paths."""
    unused: frozenset[str] = frozenset()
    """The files of media/ and files/ that no item uses, whatever its status: never published."""
    shown_types: tuple[str, ...] = ()
    """The content types whose items the site shows (not the media-coverage archive kept internal)."""
    build_keys: dict[tuple[str, datetime], str] = field(default_factory=dict)
    """Its build keys (kiryx.build.build_key) by salt and moment: computed once, though the build, the previous
    output's check and a publish all ask."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def last_embargo(self, now: datetime) -> datetime:
        """The moment every embargo has ended: the latest date of a non-draft item, if later than now."""
        dates = [i.values["date"] for i in self.items if i.values.get("date") and i.values.get("status") != "draft"]
        return max([now, *dates])

    def held(self, now: datetime) -> list[Item]:
        """Items that are not public at `now`: drafts and embargoed ones."""
        return [item for item in self.items if not item.is_public(now)]

    def shown(self, now: datetime) -> list[Item]:
        """The items the site shows at `now`: the public ones of the types it publishes."""
        return [item for item in self.items if item.is_public(now) and item.type.key in self.shown_types]

    def held_files(self, now: datetime) -> set[str]:
        """Content files not to publish at `now`: those only items the site does not show use (not public yet, or of
        the media-coverage archive kept internal); those a held item brings (its photos, attachments, the files its
        text shows or links) that the last publication did not put on the site, even when a public text links or
        shows them (a decision's PDF went out days before its release that way); and the photos and documents of
        media/ and files/ that no item uses (one uploaded before its text is written). The press kit's files are
        published whole; a file already on the site stays there, used or not (mails link it: a file is taken down
        by deleting it)."""
        shown, on_site = self.shown(now), self.registry.public_files(self.root)
        brought = _brought(self.held(now), shown, on_site)
        released = {f for item in shown for f in item.own_files} | {
            f for item in shown for f in item.body_files if f not in brought}
        held = ({f for item in self.items for f in item.files} | self.unused) - released - on_site
        return {f for f in held if not f.startswith(KIT_FOLDER)}

    def brought(self, now: datetime) -> set[str]:
        """The files items held at `now` bring that the last publication did not put on the site
        (kiryx.content.permalinks.Registry.public_files): they come out with those items."""
        return _brought(self.held(now), self.shown(now), self.registry.public_files(self.root))


def _brought(waiting: list[Item], shown: list[Item], on_site: set[str]) -> set[str]:
    """The files these held items bring, of those not on the site: those of their fields, and those the texts of
    embargoed ones show or link that no item shown brings in its own fields (its attachment, which their text
    links). A draft's text does not take a file from a public text that uses it too: a draft may never go out."""
    own = {f for item in shown for f in item.own_files}
    return ({f for item in waiting for f in item.own_files}
            | {f for item in waiting if item.values.get("status") != "draft"
               for f in item.body_files if f not in own}) - on_site


def content_tree(root: Path) -> tuple[list[str], list[Problem]]:
    """Every file under the content types' and published files' folders (relative paths), in one walk, ordered as
    paths are (folder by folder); and a problem for each link (symlink) that is not to a file inside the content
    folder: never read, never published (a build would follow a folder's link and publish what it finds there)."""
    found: list[str] = []
    problems: list[Problem] = []
    inside = root.resolve()

    def link(path: str, rel: str) -> None:
        target = Path(os.path.realpath(path))
        if target.is_relative_to(inside) and target.is_file():
            found.append(rel)
        else:
            problems.append(Problem(rel, 1, "file", msg(
                "is a link to {target}, outside the content folder (or to a folder, or to nothing); put the file "
                "itself here", target=os.readlink(path))))

    def walk(folder: str, base: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = f"{base}/{entry.name}"
                if not _utf8(entry.name):  # a name made on Windows (its Greek code page), unpacked here
                    windows = entry.name.encode("utf-8", "surrogateescape").decode("cp1253", "replace")
                    problems.append(Problem(rel, 1, "file", msg(
                        "this name would put capitals, spaces or Greek letters in a web address; rename it to {name}",
                        name=f"{base}/{web_name(windows)}")))
                    continue
                if entry.is_symlink():
                    link(entry.path, rel)
                elif entry.is_dir():
                    if not is_litter(entry.name):  # a hidden folder: never published (Pelican skips it too)
                        walk(entry.path, rel)
                else:
                    found.append(rel)

    for top in (*TYPES, *STATIC_FOLDERS):
        if (root / top).is_symlink():
            link(str(root / top), top)
        elif (root / top).is_dir():
            walk(str(root / top), top)
    return sorted(found, key=lambda rel: rel.replace("/", "\0")), problems  # as by parts ("\0" sorts first)


def _utf8(name: str) -> bool:
    """Is a file name text (os.fsdecode keeps bytes that are not UTF-8 as lone surrogates)?"""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def content_files(tree: list[str]) -> list[str]:
    """The Markdown files Kiryx reads: under each content type's folder."""
    return [rel for rel in tree if rel.endswith(".md") and rel.split("/", 1)[0] in TYPES
            and not is_litter(rel.rsplit("/", 1)[-1])]  # a Mac's ._deltio.md, an editor's lock: never published


def stray_files(root: Path, tree: list[str]) -> list[Problem]:
    """Files Kiryx would not read or publish: an error each, saying where such a file belongs."""
    problems = []
    known = set(TYPES) | set(STATIC_FOLDERS)
    for top in sorted(root.iterdir()) if root.is_dir() else []:
        if is_litter(top.name):
            continue
        if top.name not in known:
            close = difflib.get_close_matches(top.name, sorted(known), n=1)
            if close:
                text = msg("Kiryx does not read this folder; did you mean {close}/?", close=close[0]) \
                    if top.is_dir() else msg("Kiryx does not read this file; did you mean {close}/?", close=close[0])
            else:
                text = msg("Kiryx does not read this; content goes in one of: {folders}",
                           folders=", ".join(f"{k}/" for k in sorted(known)))
            problems.append(Problem(top.name, 1, "path", text))
    for rel in tree:
        key, name = rel.split("/", 1)[0], rel.rsplit("/", 1)[-1]
        if key in TYPES and not name.endswith(".md") and not is_litter(name):
            problems.append(Problem(rel, 1, "path", _belongs(name, key)))
        elif key in STATIC_FOLDERS and not is_litter(name):
            suffix = PurePosixPath(name).suffix.lower()
            if suffix in PHONE_PHOTOS:
                problems.append(Problem(rel, 1, "file", msg(
                    "a '{suffix}' photo (a phone's own format) cannot be shown on web pages and mails; save it as "
                    "JPEG (iPhone: Settings → Camera → Formats → Most Compatible) and use that", suffix=suffix)))
            elif key == "press-kit" and suffix == ".md" and rel != KIT_FACTS:
                problems.append(Problem(rel, 1, "file", msg(
                    "is neither read nor published: the one text of the press kit is its fact sheet, {facts}",
                    facts=KIT_FACTS), "warning"))
            elif suffix not in PUBLISHED_EXT and rel != KIT_FACTS:  # the fact sheet: the one text read here
                problems.append(Problem(rel, 1, "file", msg(
                    "files of type '{suffix}' are not published (a web page or a script here would run on the "
                    "municipality's site); publish photos, drawings and documents: {kinds}",
                    suffix=suffix or name, kinds=" ".join(sorted(PUBLISHED_EXT)))))
            elif suffix == ".svg" and (problem := svg_problem(root / rel, rel)):
                problems.append(Problem(rel, 1, "file", problem))
            elif key == "press-kit" and suffix in IMAGE_EXT and (problem := image_problem(root / rel, rel)):
                problems.append(Problem(rel, 1, "file", problem))  # the press kit decodes its every photo and logo
            elif is_kit_photo(rel) and not description(root / rel):
                problems.append(Problem(rel, 1, "file", msg(
                    "the photo carries no description, so the press kit cannot say what it shows to readers who "
                    "cannot see it; write one in the photo's properties (Windows: Properties → Details → Title; "
                    "Lightroom or Photoshop: Description) and save it again"), "warning"))
            elif key == "press-kit" and not kit_part(rel):
                problems.append(Problem(rel, 1, "file", msg(
                    "is published, but the press kit page does not offer it: official photos go right in "
                    "press-kit/photos/, logos in press-kit/logos/, documents in press-kit/documents/"),
                    "warning"))
            elif is_kit_document(rel) and suffix == ".pdf":
                try:
                    problems += [Problem(rel, 1, "file", found, "warning") for found in pdf_findings(root / rel, rel)]
                except BrokenDocument as broken:
                    problems.append(Problem(rel, 1, "file", broken.message))
    return problems


PHONE_PHOTOS = frozenset({".heic", ".heif", ".avif"})
"""Photo formats phones save in, which Kiryx does not publish: said as photos, not as files that could run."""

KIT_FOLDER = "press-kit/"
"""The press kit: published whole on its page (never held with an item that also uses one of its files)."""
KIT_PHOTOS = "press-kit/photos/"
"""The press kit's official photos: their own description is their alt text and caption."""


KIT_LOGOS, KIT_DOCUMENTS, KIT_FACTS = "press-kit/logos/", "press-kit/documents/", "press-kit/facts.md"


def _right_in(rel: str, folder: str) -> str:
    """The file's name, if it is right in `folder` (not in a folder inside it) and no litter; else ""."""
    name = rel.removeprefix(folder)
    return name if rel.startswith(folder) and "/" not in name and not is_litter(name) else ""


LOGO_SHOWN, LOGO_PRINT = (".svg", ".png"), (".eps", ".ai", ".pdf", ".tif", ".tiff")
"""The logos the press kit shows (and offers), and those it offers for print only."""


def is_kit_logo(rel: str) -> bool:
    """One of the press kit's logos: an SVG or PNG file right in press-kit/logos/, or one in a print format."""
    return PurePosixPath(_right_in(rel, KIT_LOGOS)).suffix.lower() in LOGO_SHOWN + LOGO_PRINT


def is_kit_document(rel: str) -> bool:
    """One of the press kit's documents (a biography, a fact sheet in PDF): a file right in press-kit/documents/."""
    return bool(_right_in(rel, KIT_DOCUMENTS))


def kit_part(rel: str) -> bool:
    """Does the press kit page offer this file of press-kit/?"""
    return rel == KIT_FACTS or is_kit_logo(rel) or is_kit_photo(rel) or is_kit_document(rel)


def is_kit_photo(rel: str) -> bool:
    """One of the press kit's official photos: a JPEG, PNG or WebP file right in press-kit/photos/."""
    return is_image(_right_in(rel, KIT_PHOTOS))


NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def web_name(name: str) -> str:
    """A file or folder name fit for a web address: «Απόφαση ΔΣ 12-2026.pdf» → apofasi-ds-12-2026.pdf."""
    stem, dot, suffix = name.rpartition(".") if "." in name[1:] else (name, "", "")
    return (slugify(stem) or "arxeio") + (dot + suffix.lower() if dot else "")


def badly_named(tree: list[str]) -> list[Problem]:
    """Content and published files whose names would put spaces, capitals or Greek letters in a URL."""
    problems = []
    for rel in tree:
        parts = rel.split("/")
        if parts[0] in TYPES and not rel.endswith(".md"):
            continue  # stray_files says where it belongs
        if not is_litter(parts[-1]) and any(not NAME_RE.match(part) for part in parts[1:]):
            proposed = "/".join([parts[0], *(web_name(part) for part in parts[1:])])
            problems.append(Problem(rel, 1, "file", msg(
                "this name would put capitals, spaces or Greek letters in a web address; rename it to {name}",
                name=proposed)))
    return problems


def _belongs(name: str, key: str) -> Message:
    """Where a file found in a content type's folder belongs instead."""
    suffix = PurePosixPath(name).suffix.lower()
    stem = name.split(".", 1)[0]
    if suffix in (".md", ".markdown", ".mdown", ".mkd", ".txt"):
        return msg("Kiryx reads only files ending in '.md' (lowercase); rename it to {name}",
                   name=web_name(f"{stem}.md"))  # the name a web address takes, so one rename is enough
    if suffix in IMAGE_EXT:
        return msg("images go in media/YYYY/; move it there and refer to it with 'image:' or 'images:' in {folder}/",
                   folder=key)
    if suffix in ATTACHMENT_EXT:
        return msg("documents go in files/YYYY/; move it there and attach it with 'attachments:' "
                   "(copy its text into a .md file: publish.py new)")
    return msg("Kiryx cannot read this file; the text of an item goes in a .md file (publish.py new)")


def render_body(item: Item, markdown: Markdown, config: KiryxConfig) -> tuple[str, list[Problem]]:
    """Markdown to sanitized HTML, with a warning for everything the sanitizer removed."""
    markdown.reset()
    try:
        converted = markdown.convert(item.source.body)
    except RecursionError:  # thousands of '>' or '- ' one inside another: Python-Markdown recurses per level
        markdown.reset()
        return "", [Problem(item.source.rel, item.source.body_line, "body", msg(
            "the text nests quotes or lists hundreds of levels deep, more than can be read; write it with a few "
            "levels at most"))]
    html, removed = sanitize(own_images(converted, config.site_url), config.iframe_hosts)
    html = for_readers(html)
    warnings = [Problem(item.source.rel, item.source.text_line(needle), "body", what, "warning")
                for needle, what in removed]
    return html, warnings


def _link_line(item: Item, url: str, after: int) -> int:
    """The line of a link's address (after the line `after`): written whole, as Markdown's `](url)` or
    `](url "title")`, HTML's "url" or an autolink's <url>, before any line that holds it inside a longer one
    (`feeds/all.atom` in `/feeds/all.atom.xml`)."""
    written = {url, html_escape(url, quote=False), url.replace("_", "\\_")}  # as HTML or Markdown escape it
    whole = [form for address in written for form in (f"]({address})", f"]({address} ", f'"{address}"',
                                                       f"'{address}'", f"<{address}>", f"]: {address}")]
    source = item.source  # its next use, whole or inside a longer address (an own-site one: https://…/media/…)
    return (source.find_line(*whole, after=after) or source.find_line(*written, after=after)
            or source.find_line(*whole) or source.text_line(url))


def _as_plain(ref: Reference, pelican: PelicanLink, root: Path, pages: list[tuple[str, int]],
              line: int) -> tuple[Reference | None, list[Message]]:
    """Pelican's own link as the plain reference it stands for, to check like any other (None: nothing more to
    check), and what is wrong with it. A link to a text goes to `pages`: checked across items (_links), and by the
    embargo guard's check of mentions (by the path it names)."""
    named = pelican.path
    if pelican.kind == "attach":  # it would publish the file beside the text, apart from the rest
        return None, [msg("{link}: the site publishes each file at its own address, not beside a text; write /{file}",
                          link=ref.url, file=named)]
    found = named == posixpath.normpath(named)  # Pelican looks it up as written: «files//a.pdf» is none
    if named.endswith(".md") and found:
        pages.append((f"{{{pelican.kind}}}/{named}", line))
        return None, []
    plain = dataclasses.replace(ref, url=f"/{named}", path=named)  # checked as the address it names
    made = made_by_build(named)  # a feed, a calendar: no content file, but its address is checked as one
    if made or not found or named.startswith("../") or not (root / named).is_file():
        meant = pelican.written.lstrip("/")  # a link written without its leading /: the file from the content folder
        address = meant if meant != named and (root / meant).is_file() else posixpath.normpath(named)
        wrong = [msg("{link} names a file of the content folder, and there is none at {file}; write its address: "
                     "/{address}", link=ref.url, file=named, address=address)]
        return (plain if made else None), wrong
    return plain, []


def check_references(item: Item, html: str, root: Path, site_url: str) -> list[Problem]:
    """Body images and links to published files, checked like front-matter files; sets `item.body_files`. A link
    written with the site's own address (copied from the browser) is checked as one of the site's."""
    problems, files, images = [], [], []
    pages: list[tuple[str, int]] = []
    last: dict[str, int] = {}  # the line each address was last found on: a file linked twice, said on each line
    for ref in body_references(html):
        line = last[ref.url] = _link_line(item, ref.url, last.get(ref.url, 0))
        if (pelican := pelican_link(ref.url, item.source.rel)) is not None:
            plain, wrong = _as_plain(ref, pelican, root, pages, line)
            problems += [Problem(item.source.rel, line, "body", message) for message in wrong]
            if plain is None:
                continue
            ref = plain
        if ref.path is None and (own := on_this_site(ref.url, site_url)) is not None:
            ref = dataclasses.replace(ref, path=local_path(own))
        if ref.path and not ref.image and made_by_build(ref.path) and _relative(ref.url):  # «event.ics», «../x/…»
            ref = dataclasses.replace(ref, path=local_path(urljoin(f"/{item.url}", ref.url)))  # from its own page
        if ref.path is None:  # another site's (an image from one is removed: sanitize)
            continue
        if ref.path.startswith(PHOTO_COPIES) and not (root / ref.path).is_file():  # «Copy image address»
            problems.append(Problem(item.source.rel, line, "body", msg(
                "/{file} is a copy of a photo the site makes, whose address changes with the photo; write the "
                "photo's own address: /media/YYYY/name.jpg", file=ref.path)))
            continue
        if not ref.image and made_by_build(ref.path) and not (root / ref.path).is_file():
            if ref.path.startswith(FEEDS) or not ref.path.startswith(BUILT_FOLDERS):  # a feed, a kit's ZIP, a
                pages.append((ref.path, line))  # calendar: checked against the feeds, its item's page (_links)
            continue
        if not ref.image and PurePosixPath(ref.path).suffix.lower() not in ATTACHMENT_EXT | IMAGE_EXT:
            pages.append((ref.path, line))  # a link to a page: checked across items (_links)
            continue
        if in_litter(ref.path):  # a plain link to it leads nowhere; Pelican's would publish it
            problems.append(Problem(item.source.rel, line, "body", msg(
                "'{file}' is a hidden or temporary file, which the site never publishes; link a file of media/ or "
                "files/ with a name of its own", file=ref.path)))
            continue
        problem, consulted = file_problem(root, ref.path, IMAGE_EXT if ref.image else ATTACHMENT_EXT | IMAGE_EXT)
        item.consulted += consulted
        if not problem and not published_folder(ref.path):
            problem = msg("'{file}' is not in media/ or files/, so it is not published; move it to media/YYYY/",
                          file=ref.path)
        if problem:
            problems.append(Problem(item.source.rel, line, "body", problem))
            continue
        files.append(ref.path)
        if ref.image:
            images.append(ref.path)
        if ref.path.lower().endswith(".pdf") and files.count(ref.path) == 1:  # read like an attachment, once
            try:
                problems += [Problem(item.source.rel, line, "body", finding, "warning")
                             for finding in pdf_findings(root / ref.path, ref.path)]
            except BrokenDocument as broken:
                problems.append(Problem(item.source.rel, line, "body", broken.message))
        if ref.image and not (ref.alt or "").strip():
            problems.append(Problem(item.source.rel, line, "body", msg(
                "the image '{file}' has no description for readers who cannot see it; "
                "write ![what it shows](/{file})", file=ref.path)))
        elif ref.image and not any(ch.isalnum() for ch in ref.alt or ""):
            problems.append(Problem(item.source.rel, line, "body", msg(
                "«{alt}» is no description: say in words what the photo shows, for readers who cannot see it",
                alt=(ref.alt or "").strip()), "warning"))
    item.body_files = tuple(sorted(set(files)))
    item.body_images = tuple(sorted(set(images)))
    item.page_links = tuple(pages)
    return problems


def load(root: Path, config: KiryxConfig, markdown_settings: dict[str, Any],
         cache_dir: Path | None = None, registry: Registry | None = None) -> Catalogue:
    """Validate every file of `root`, render each body once, then check across files.

    With `cache_dir`, a file whose bytes (and settings, and the folder's other files) are
    unchanged since the last run is not parsed again. With the `registry` of published URLs,
    items keep the URLs they were published under (kiryx.permalinks).
    """
    try:
        return _load(root, config, markdown_settings, cache_dir, registry)
    finally:
        release()  # the caches read with the collector paused are collected as usual again (kiryx.lasting)


def _load(root: Path, config: KiryxConfig, markdown_settings: dict[str, Any], cache_dir: Path | None,
          registry: Registry | None) -> Catalogue:
    catalogue = Catalogue(root, hashes=FileHashes(root, cache_dir / "file-hashes.json" if cache_dir else None),
                          shown_types=(*config.public_types, "pages"))
    catalogue.key = fingerprint(root, config.site_facts, markdown_settings)
    cache = ResultCache(cache_dir, catalogue.key, catalogue.hashes)
    tree, linked = content_tree(root)
    files = content_files(tree)
    results: dict[str, Result] = {}
    missing = []
    for rel in files:
        digest = catalogue.hashes.digest(rel)
        found = cache.get(rel, digest)
        if found is None:
            missing.append((rel, (root / rel).read_bytes(), digest))
        else:
            results[rel] = found
    for (rel, _, digest), result in zip(missing, _read_all(missing, root, config, markdown_settings), strict=True):
        cache.put(rel, digest, result[0].consulted if result[0] else (), result)
        results[rel] = result
    for rel in files:
        item, html, problems = results[rel]
        catalogue.problems += problems
        if item is not None:
            catalogue.items.append(item)
            catalogue.by_path[rel] = item
            catalogue.html[rel] = html
    cache.save()
    catalogue.hashes.save()
    catalogue.cache_hits = cache.hits
    catalogue.registry = registry or Registry()
    catalogue.sources = frozenset(files)
    catalogue.redirects, moved = resolve(catalogue.items, catalogue.registry, catalogue.sources)
    catalogue.static = [rel for rel in tree if rel.split("/", 1)[0] in STATIC_FOLDERS
                        and not is_litter(rel.rsplit("/", 1)[-1])]
    used = {f for item in catalogue.items for f in item.files}
    catalogue.unused = frozenset(rel for rel in catalogue.static
                                 if rel.split("/", 1)[0] in UNLISTED_UNLESS_USED and rel not in used)
    unread = len(catalogue.items) < len(files)  # a text whose front matter is broken: what it uses is not known
    catalogue.problems += linked + stray_files(root, tree) + badly_named(tree) + moved + _across(catalogue, config) + [
        Problem(rel, 1, "file", msg("no item uses this file, so it is not published; use it in an item (image:, "
                                    "images:, attachments: or the text), or delete it"), "warning")
        for rel in sorted(catalogue.unused - catalogue.registry.public_files(root)) if not unread]  # on the site: kept
    catalogue.problems.sort()
    return catalogue


Result = tuple[Item | None, str, list[Problem]]
# Below this many files to read, starting worker processes costs more than it saves.
POOL_FROM = 64


def _read_all(files: list[tuple[str, bytes, str]], root: Path, config: KiryxConfig,
              markdown_settings: dict[str, Any]) -> list[Result]:
    """Read and check files, on every core when there are many (a cold cache, a fresh clone: kiryx.forked)."""
    if not files:  # a warm cache: no Markdown converter to set up
        return []
    markdown = converter(markdown_settings)  # one, copied into each child by the fork

    def read(job: tuple[str, bytes]) -> Result:
        return _read_one(job[1], job[0], root, config, markdown)

    jobs = [(rel, raw) for rel, raw, _ in files]
    return map_forked(read, jobs, workers=None if len(jobs) >= POOL_FROM else 1)


def _read_one(raw: bytes, rel: str, root: Path, config: KiryxConfig, markdown: Markdown) -> Result:
    source, problems = parse_source(raw, rel)
    if source is None:
        return None, "", problems
    item, more = validate(source, TYPES[rel.split("/", 1)[0]], config, root)
    html, warnings = render_body(item, markdown, config)
    return item, html, problems + more + warnings + check_references(item, html, root, config.site_url)


def _across(catalogue: Catalogue, config: KiryxConfig) -> list[Problem]:
    problems = _year_folders(catalogue)
    by_url: dict[str, list[Item]] = defaultdict(list)
    for item in catalogue.items:
        if item.values.get("slug"):
            by_url[item.url].append(item)
    published = catalogue.registry.urls
    for url, items in by_url.items():
        items.sort(key=lambda i: (i.source.rel not in published, i.source.rel))  # the published one keeps it
        for item in items[1:] if len(items) > 1 else []:
            first = items[0].source.rel
            key = "slug" if "slug" in item.source.fields else "title"
            problems.append(Problem(
                item.source.rel, item.source.line(key), "slug",
                msg("'{slug}' is already used by {other} (both would be /{url}); set a different 'slug:'",
                    slug=item.slug, other=first, url=url),
            ))
    problems += _spellings(catalogue, "tags") + _spellings(catalogue, "outlet")
    clipped: dict[str, str] = {}  # a clipping's article: the first entry (by path) that holds it
    for item in catalogue.items:
        if item.type.key == "coverage" and item.values.get("kind") == "web" and (article := item.values.get("url")):
            holder = clipped.setdefault(article.rstrip("/"), item.source.rel)
            if holder != item.source.rel:
                problems.append(Problem(item.source.rel, item.source.line("url"), "url", msg(
                    "{other} is the same article; keep one entry for it", other=holder), "warning"))
    problems += _links(catalogue, _feeds(catalogue, config))
    rels = catalogue.by_path
    for item in catalogue.items:
        reply = item.values.get("reply")
        unread = reply in catalogue.sources and reply not in rels  # its fields are broken: it says so itself
        if reply and not unread and (reply not in rels or rels[reply].type.key != "press-releases"):
            address = re.sub(r"^(?:https?://[^/]+)?/*", "", reply.split("#")[0]).rstrip("/") + "/"
            answered = next((i for i in catalogue.items if i.url == address and i.type.key == "press-releases"), None)
            meant = rels.get(f"{reply.strip().removesuffix('/')}.md")  # the file written without its '.md'
            problems.append(Problem(
                item.source.rel, item.source.line("reply"), "reply",
                msg("'{reply}' is the address of {file}; write its file instead: reply: {file}", reply=reply,
                    file=answered.source.rel) if answered else
                msg("write the file's whole name, with '.md': reply: {file}", file=meant.source.rel)
                if meant and meant.type.key == "press-releases" else
                msg("'{reply}' is not a press release in content/press-releases/", reply=reply),
            ))
    return problems


def _year_folders(catalogue: Catalogue) -> list[Problem]:
    """An item not in the folder of its date's year is told to move there, unless it is published: its file then
    stays where it is (moved, it would be a deleted file and a new one), and its address keeps its year."""
    problems = []
    published = {url for urls in catalogue.registry.urls.values() for url in urls}  # one moved is told to move back
    for item in catalogue.items:
        when, parts = item.values.get("date"), item.source.rel.split("/")
        if item.type.yearly and when and (len(parts) != 3 or parts[1] != str(when.year)) \
                and item.source.rel not in catalogue.registry.urls and item.url not in published:
            problems.append(Problem(item.source.rel, item.source.line("date"), "date", msg(
                "file is not in the folder of its date's year; move it to {folder}/, or correct the date if it is a "
                "slip", folder=f"{item.type.key}/{when.year}"),
                "warning"))
    return problems


def _spellings(catalogue: Catalogue, field: str) -> list[Problem]:
    """Names that share a page (a tag's, an outlet's) written two ways, each with the spelling of the first item
    (by path) that has it; and a name with no letter or digit, which would have no address of its own."""
    problems = []
    spelled: dict[str, tuple[str, str]] = {}  # a name's slug: how its first item writes it, and which item
    for item in catalogue.items:
        value = item.values.get(field)
        for name in value if isinstance(value, list) else [value] if isinstance(value, str) else []:
            line = item.source.line(field)
            if not slugify(name):
                problems.append(Problem(item.source.rel, line, field, msg(
                    "'{name}' has no letter or digit, so its page would have no address; write it in words",
                    name=name)))
                continue
            written, where = spelled.setdefault(slugify(name), (name, item.source.rel))
            if name != written:
                problems.append(Problem(item.source.rel, line, field, msg(
                    "'{name}' is written '{written}' in {other}; write it the same way, so that its page shows "
                    "one name", name=name, written=written, other=where), "warning"))
    return problems


# An item's address, as its type makes it (press-releases/2026/<slug>/), for every type with a folder of its own
_ITEM_ADDRESS = re.compile("^(?:" + "|".join(
    re.escape(t.url).replace(re.escape("{year}"), r"\d{4}").replace(re.escape("{slug}"), "[^/]+")
    for t in TYPES.values() if not t.url.startswith("{")) + ")$")


def _feeds(catalogue: Catalogue, config: KiryxConfig) -> set[str]:
    """The feeds the site has (plugins/feeds): everything's, each type's, each category's, and each tag's that an
    item of a published type has (not a draft; one still under embargo: its feed comes with it)."""
    tags = {f"tag/{slugify(tag)}" for item in catalogue.items if item.type.key in config.public_types
            and item.values.get("status") != "draft" for tag in item.values.get("tags") or []}
    keys = {"all", *config.public_types, *(f"category/{category.slug}" for category in config.categories), *tags}
    return {feed_path(key, kind) for key in keys for kind in FEED_KINDS}


FEED_PAGES = frozenset({"feeds", FEEDS, f"{FEEDS}index.html"})
"""The page that lists the feeds (plugins/feeds)."""


def _no_feed(path: str, feeds: set[str]) -> Message:
    """What to say of a link to a feed the site does not have: the nearest one it has, or where they are listed."""
    folder, _, name = path.lower().rpartition("/")  # «/FEEDS/…»: the address as the site has it
    stem, _, kind = name.partition(".")  # «paideia», «atom.xml»
    named = sorted(feeds, key=lambda feed: (feed.rpartition("/")[0] != folder, feed))  # its own kind's first
    stems = [feed.rpartition("/")[2].partition(".")[0] for feed in named]
    close = [stem] if stem in stems else difflib.get_close_matches(stem, stems, n=1, cutoff=0.75)
    if close:  # the same name in another folder (a tag's feed linked as a category's), else the nearest name
        alike = [feed for feed, other in zip(named, stems, strict=True) if other == close[0]]
        return msg("links to /{file}, a feed the site does not have; did you mean /{nearest}?", file=path,
                   nearest=next((feed for feed in alike if kind and feed.rpartition("/")[2].partition(".")[2]
                                 .startswith(kind)), alike[0]))  # «all.rss»: all.rss.xml
    return msg("links to /{file}, a feed the site does not have; the feeds are listed at /feeds/ (everything's: "
               "/{all})", file=path, all=feed_path("all", "atom"))


def _links(catalogue: Catalogue, feeds: set[str]) -> list[Problem]:
    """Links in a text to an item's address that no item has (a typo, an address guessed from a file name), to a
    feed the site does not have, and to a content file's .md instead of its page: each with the address that
    works."""
    links = [(item, written, line) for item in catalogue.items for written, line in item.page_links]
    if not links:
        return []
    by_file = {item.source.rel: item.url for item in catalogue.items}
    urls = set(by_file.values()) | {r.source for r in catalogue.redirects}
    moved = {r.source: r.target for r in catalogue.redirects}
    beside = _beside_pages(catalogue)
    problems = []
    for item, written, line in links:
        path = re.sub(r"^\{(?:filename|static)\}/", "", written)  # Pelican's own link to a text (check_references)
        lowered = path.lower()
        feed_like = lowered.startswith(FEEDS) or f"/{FEEDS}" in lowered and lowered.endswith((".xml", f"/{FEEDS}"))
        if feed_like:  # a feed, or one linked from the text's own page («feeds/all.atom.xml»)
            if path not in feeds | FEED_PAGES:
                problems.append(Problem(item.source.rel, line, "body", _no_feed(path, feeds)))
            continue
        if made_by_build(path):  # a kit's ZIP or a calendar beside an item's page (through a redirect if it moved)
            folder, _, name = path.rpartition("/")
            if problem := _beside_problem(f"{folder}/", name, beside, moved, by_file):
                problems.append(Problem(item.source.rel, line, "body", problem))
            continue
        if path.endswith(".md"):
            target = by_file.get(path if path != written else path.removeprefix("content/"))  # Pelican's: as it is
            if written == path or written.startswith("{static}") or not target:  # {static}: Pelican finds no page
                problems.append(Problem(item.source.rel, line, "body", msg(
                    "links to the file {file}; link to its page instead: /{url}", file=written, url=target)
                    if target else msg("links to the file {file}, which is no item of the content folder",
                                       file=written)))
            continue
        address = path if path.endswith("/") else f"{path}/"
        if _ITEM_ADDRESS.match(address) and address not in urls:
            problems.append(Problem(item.source.rel, line, "body", _no_page(address, by_file)))
    return problems


def _relative(url: str) -> bool:
    """A link from the page's own folder («event.ics»), not from the site's root («/…») nor to another site."""
    parsed = parsed_url(url)
    return parsed is not None and not parsed.scheme and not parsed.netloc and not parsed.path.startswith("/")


def _beside_pages(catalogue: Catalogue) -> dict[str, list[str]]:
    """The files the build writes beside each item's page (by its address): its calendar, its press kit's ZIP."""
    beside: dict[str, list[str]] = {}
    for item in catalogue.items:
        files = beside.setdefault(item.url, [])
        if item.type.key == "events":
            files.append(f"{item.url}event.ics")
        if has_kit(item.type.key, item.values):
            files.append(kit_zip(item.url, catalogue.registry.urls.get(item.source.rel, [item.url])[0]))
    return beside


def _beside_problem(folder: str, name: str, beside: dict[str, list[str]], moved: dict[str, str],
                    by_file: dict[str, str]) -> Message | None:
    """What is wrong with a link to a file beside an item's page: no such page, or no such file beside it."""
    if not _ITEM_ADDRESS.match(folder):
        return None
    target = moved.get(folder, folder)  # an earlier address's folder redirects to the page's, with its files
    files = beside.get(target)
    if files is None:
        return _no_page(folder, by_file)
    if f"{target}{name}" in files:
        return None
    if not files:
        return msg("links to /{file}, but /{url} has no press kit or calendar; link to the page itself",
                   file=f"{folder}{name}", url=target)
    return msg("links to /{file}, which /{url} does not have; its page offers {files}", file=f"{folder}{name}",
               url=target, files=", ".join(f"/{f}" for f in files))


def _no_page(address: str, by_file: dict[str, str]) -> Message:
    """What to say of a link to an item's address no item has: the item its last part names, or the nearest."""
    slug = address.rstrip("/").rsplit("/", 1)[-1]
    by_stem = {rel.rsplit("/", 1)[-1].removesuffix(".md"): url for rel, url in by_file.items()}  # a file's name
    by_slug = {url.rstrip("/").rsplit("/", 1)[-1]: url for url in by_file.values()}
    close = difflib.get_close_matches(slug, sorted(by_slug), n=1, cutoff=0.75)
    nearest = by_stem.get(slug) or (by_slug[close[0]] if close else None)
    if nearest:
        return msg("links to /{url}, which is no page of this site; did you mean /{nearest}?", url=address,
                   nearest=nearest)
    return msg("links to /{url}, which is no page of this site; copy the address from the page itself", url=address)
