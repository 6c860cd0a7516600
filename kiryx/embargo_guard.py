"""The embargo guard: after each build, before anything is deployed, prove nothing held leaked.

Every output file (pages, feeds, calendars, ZIP entries, the search index) is searched for the
source path, address and title of every item that is not public yet (drafts and embargoed
items), and the output is searched for the files only such items use (their images'
renditions included). One hit stops the build or the publish: nothing is swapped in,
deployed or mailed.

A file that is the very file of the previous output (the same inode: an unchanged page, an
image, the theme) passed the previous guard, so it is searched only for what was not held
then; the searches it passed are recorded, as hashes, in the build state (`needles`).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import html
import os
import pickle
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick

from .atomic import write_atomic
from .build_state import read_state, record_needles
from .content.catalogue import KIT_FOLDER, Catalogue
from .content.media import is_image
from .content.problems import ContentError, Problem
from .content.schema import Item
from .greek import greek_datetime
from .i18n import Message, msg
from .images import renditions

TEXT_SUFFIXES = frozenset({".html", ".xml", ".ics", ".json", ".txt", ".js", ".css", ".xsl", ".conf", ".md",
                           ".htaccess", ".webmanifest"})
# A title shorter than this is too common a phrase to be evidence of a leak.
MIN_TITLE = 16


@dataclass(frozen=True)
class Secret:
    needle: bytes
    what: Message
    rel: str
    whole: bool = False
    """Found only where it ends a word of an address: «/…/neo-kolymvitirio» is the address written without its
    last '/', but not the start of «/…/neo-kolymvitirio-2/», another item's."""

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.needle).hexdigest()[:24]


class EmbargoLeak(ContentError):
    """Something not yet public is in the output."""


def secrets(catalogue: Catalogue, now: datetime) -> list[Secret]:
    """What must not appear in the output at `now`."""
    public_titles = {i.values.get("title") for i in catalogue.items if i.is_public(now)}
    found = []
    for item in catalogue.held(now):
        rel = item.source.rel
        found += [Secret(rel.encode(), msg("its source path"), rel),
                  Secret(f"/{item.url.rstrip('/')}".encode(), msg("its address"), rel, whole=True)]
        title = item.values.get("title", "")  # pragma: no mutate (every item has a title: the schema requires one)
        if len(title) >= MIN_TITLE and title not in public_titles:
            for form in {title, html.escape(title), html.escape(title, quote=False)}:  # pragma: no mutate (None: false)
                found.append(Secret(form.encode(), msg("its title"), rel))
    return found


class Needles:
    """Secrets searched for all at once: one pass over a text finds every one it holds (Aho-Corasick), however
    many items are held (a loop of `in` read every file once per needle: 2 s of a cold build at 5,000 items)."""

    def __init__(self, secrets: list[Secret]):
        self.secrets = secrets
        self.automaton = BytesAhoCorasick([s.needle for s in secrets])

    def __bool__(self) -> bool:
        return bool(self.secrets)

    def found_in(self, text: bytes) -> list[Secret]:
        """The secrets in `text`, in their order; overlapping matches too (a needle inside another)."""
        hits = {index for index, _, end in self.automaton.find_matches_as_indexes(text, overlapping=True)
                if not self.secrets[index].whole or text[end:end + 1] not in _ADDRESS_BYTES}
        return [self.secrets[index] for index in sorted(hits)]


_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%"
"""What may continue a word of an address (a slug is ASCII letters, digits and '-')."""
_ADDRESS_CHARS = frozenset(_WORD)
_ADDRESS_BYTES = frozenset(bytes([c]) for c in _WORD.encode())


def held_outputs(catalogue: Catalogue, now: datetime) -> dict[str, str]:
    """Output paths that would publish a held file: {output path: the content file}.

    A held photo's renditions are named by its bytes, so a copy of a photo that is public (the same bytes under
    another name) shares them: they publish nothing the public photo does not, and are not held.
    """
    held = catalogue.held_files(now)
    outputs = {rel: rel for rel in held}
    images = {rel: catalogue.hashes.digest(rel) for rel in held if is_image(rel)}
    if images:  # the published photos' bytes, read only when a photo is held
        public = {catalogue.hashes.digest(rel) for rel in catalogue.static
                  if is_image(rel) and rel not in held}
        outputs |= {renditions.published_folder(renditions.key(digest)): rel
                    for rel, digest in images.items() if digest not in public}
    return outputs


_ICS_ESCAPES = ((b"\\,", b","), (b"\\;", b";"), (b"\\n", b"\n"), (b"\\N", b"\n"), (b"\\\\", b"\\"))


def unfolded(ics: bytes) -> bytes:
    """An iCalendar file as its text reads: lines folded at 75 bytes joined again (RFC 5545 3.1), and text values'
    escapes undone (3.3.11), so that a title or an address split across lines, or a comma in a title, is found."""
    text = ics.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").replace(b"\n ", b"")
    for escaped, plain in _ICS_ESCAPES:
        text = text.replace(escaped, plain)
    return text


def _texts(path: Path) -> list[tuple[str, bytes]]:
    """The searchable texts of an output file: itself, or the entries of a ZIP or gzip file."""
    suffix = path.suffix.lower()
    if suffix == ".ics":
        return [("", unfolded(path.read_bytes()))]
    if suffix in TEXT_SUFFIXES or path.name.startswith("."):
        return [("", path.read_bytes())]
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return [(f"!{name}", name.encode() + b"\n" + (  # pragma: no mutate (any separator)
                    archive.read(name) if Path(name).suffix.lower() in TEXT_SUFFIXES and not locked
                    else b""))  # pragma: no mutate (a binary or locked entry: its name only, whatever follows)
                    for name, locked in ((m.filename, m.flag_bits & 0x1) for m in archive.infolist())]
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            return [("", path.read_bytes())]  # a damaged archive (an attachment as staff gave it): its bytes
    if suffix.startswith(".pf_") or suffix == ".gz":  # the search index: gzip-compressed
        data = path.read_bytes()
        try:
            return [("", gzip.decompress(data))]
        except (OSError, EOFError):
            return [("", data)]  # pragma: no mutate (the label of a file that is not gzip after all)
    return []


def _files(folder: Path | None) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its (device, inode), in one walk (inodes as the directory lists them)."""
    found: dict[str, tuple[int, int]] = {}
    stack = [(str(folder), "")] if folder and folder.is_dir() else []  # pragma: no mutate (no folder: nothing shared)
    # an output is one file system; pragma: tests run on one, where a device of 0 in both outputs compares the same
    device = folder.stat().st_dev if stack and folder else 0  # pragma: no mutate
    while stack:
        current, prefix = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):  # pragma: no mutate (outputs hold no symlinks)
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):  # pragma: no mutate (outputs hold no symlinks)
                    found[f"{prefix}{entry.name}"] = (device, entry.inode())
    return found


def scan(output: Path, catalogue: Catalogue, now: datetime, previous: Path | None = None,
         passed: frozenset[str] = frozenset()) -> list[Problem]:
    """Every leak of a held item or file in `output`, as problems of the item's file.

    Files shared with the `previous` output are searched only for the needles not in `passed`.
    """
    found = []
    for out_rel, rel in sorted(held_outputs(catalogue, now).items()):
        if (output / out_rel).exists():
            found.append(Problem(rel, 1, "embargo", msg(
                "{output} is in the output, but only items that are not public use {file}; nothing was "
                "published. This is a fault of Kiryx or its theme; please report it", output=out_rel, file=rel)))
    needles = secrets(catalogue, now)
    if not needles:
        return found
    every, fresh = Needles(needles), Needles([s for s in needles if s.fingerprint not in passed])
    before = _files(previous)
    for rel, inode in sorted(_files(output).items()):
        searched = fresh if before.get(rel) == inode else every
        if not searched:
            continue
        path = output / rel
        for inner, text in _texts(path):
            for secret in searched.found_in(text):
                found.append(Problem(secret.rel, 1, "embargo", msg(
                    "{output} contains {what}, but the item is not public {until}; nothing was published. "
                    "If a public text refers to it, change that text or wait; otherwise this is a fault of "
                    "Kiryx or its theme; please report it", output=rel + inner, what=secret.what,
                    until=_until(catalogue, secret.rel, now))))
    return found


_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
"""This module's code, in the key of the answer `mentions` keeps (catalogue.key covers the content model's only)."""


def mentions(catalogue: Catalogue, now: datetime, types: tuple[str, ...], cache: Path) -> list[Problem]:
    """Items of the `types` the site shows that mention a held one (its address, title or file, in their text or
    fields) and are public before it (now, or at their own embargo's end): the guard would stop the build they are
    in, so the check says so first, on that line (a pull request dated for the 20th that answers one dated the
    30th held back every publication in between).

    The answer is kept in `cache` by what it depends on (what is held, every file's bytes, the settings): a check
    of unchanged content (cron, every few minutes) does not read 4 MB of pages again at 5,000 items.
    """
    waiting = catalogue.held(now)
    if not waiting:
        return []
    # what is held and how it is said (until its date, or a draft), the files held items brought, every file
    parts = [catalogue.key, _CODE, *types, "", *(f"{i.source.rel}\0{i.url}\0{_until(catalogue, i.source.rel, now)}"
                                                  for i in waiting), "",
             *sorted(catalogue.brought(now)), "", *sorted(catalogue.registry.changed_since(catalogue.root)), "",
             *(f"{i.source.rel}\0{i.source.digest}" for i in catalogue.items)]
    key = hashlib.sha256("\n".join(parts).encode()).hexdigest()  # pragma: no mutate (any separator)
    try:
        stored, found = pickle.loads(cache.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        stored, found = "", []  # pragma: no mutate (any text that is not a key)
    if stored == key:
        return found
    found = _mentions(catalogue, now, types, secrets(catalogue, now)) + _held_files_used(catalogue, now, types)
    with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
        write_atomic(cache, pickle.dumps((key, found), protocol=pickle.HIGHEST_PROTOCOL))
    return found


def _mentions(catalogue: Catalogue, now: datetime, types: tuple[str, ...], held: list[Secret]) -> list[Problem]:
    automaton = AhoCorasick([secret.needle.decode() for secret in held])  # on text: no encoding of 4 MB of pages
    found = []
    for item in catalogue.items:
        if item.values.get("status") == "draft" or item.type.key not in types:
            continue
        when = item.values.get("date") if not item.is_public(now) else None  # an embargoed item: when it goes out
        fields: list[tuple[str, str, int | None]] = [  # Pelican's links as the paths they name, on their lines (a
            ("body", catalogue.html[item.source.rel], None),  # relative one hides it)
            *(("body", written, line) for written, line in item.page_links if written.startswith("{")),
            *((key, str(value), None) for key, value in item.source.fields.items())]
        if not automaton.find_matches_as_indexes("\0".join(text for _, text, _ in fields)):  # pragma: no mutate
            continue  # the usual answer, in one search per item; which field says it is looked for only now
        said: dict[tuple[str, str, str], set[int]] = {}  # a title's written forms (with & or &amp;) are one mention
        for key, text, at in fields:
            for index in sorted({index for index, _, end in automaton.find_matches_as_indexes(text, overlapping=True)
                                 if not held[index].whole or text[end:end + 1] not in _ADDRESS_CHARS}):
                secret = held[index]
                mark, line = (key, secret.rel, secret.what), at or _line(item, key, secret.needle.decode())
                if mark in said and (at is None or line in said[mark]) or when and catalogue.by_path[
                        secret.rel].is_public(when):
                    continue  # said already (a link: on its line), or public by the time this item is
                said.setdefault(mark, set()).add(line)
                until = _until(catalogue, secret.rel, now)
                found.append(Problem(item.source.rel, line, key, msg(
                    "goes out on {when} but mentions {other} ({what}), which is not public {until}; the publication "
                    "then would stop: remove the mention, or date this item from then on", when=greek_datetime(when),
                    other=secret.rel, what=secret.what, until=until) if when else msg(
                    "mentions {other} ({what}), which is not public {until}; publishing would stop here: "
                    "remove the mention, or wait until then", other=secret.rel, what=secret.what, until=until)))
    return found


def _held_files_used(catalogue: Catalogue, now: datetime, types: tuple[str, ...]) -> list[Problem]:
    """What goes wrong with the files a held item brings (its photos, attachments, not yet on the site), which come
    out with it (`Catalogue.held_files`): another item's text links one (it leads nowhere until then) or shows one
    (its renditions would go out early: the guard stops that build); another item goes out with one in its own
    fields, or the held item's is in the press kit (published whole), and it is out before its item. And a file
    on the site that a held item brings with new content, written over the old: it is out under that address now."""
    owners: dict[str, list[Item]] = {}
    brought = catalogue.brought(now)
    found: list[Problem] = []
    registry = catalogue.registry
    users = {f: item for item in reversed(catalogue.shown(now)) for f in item.files}  # the first that uses each
    rewritten = registry.changed_since(catalogue.root) & registry.public_files(catalogue.root)
    for held in catalogue.held(now):
        for file in sorted(held.files & rewritten):  # on the site under that name: its new content is out now
            found.append(_where(held, file, msg(
                "{file} is on the site already, and its new content goes out under that address now, before this "
                "item; give the new version a name of its own", file=file) if file not in users else msg(
                "{file} is on the site already, and {other} uses it: its new content goes out now, before this item; "
                "if the new version is this item's, give it a name of its own", file=file,
                other=users[file].source.rel)))
        for file in sorted(held.files & brought):
            owners.setdefault(file, []).append(held)
            if file.startswith(KIT_FOLDER):
                found.append(_where(held, file, msg("{file} is in the press kit, which is published whole: it is "
                                                    "public now, before this item; until then keep it in media/YYYY/ "
                                                    "(a document in files/YYYY/)", file=file)))
    held_at: dict[datetime, set[str]] = {}
    for item in catalogue.items:
        if not owners.keys() & item.files or item.values.get("status") == "draft" or item.type.key not in types:
            continue
        public = item.is_public(now)
        when = now if public else item.values["date"]  # an embargoed item: when it goes out
        if when not in held_at:
            held_at[when] = catalogue.held_files(when)
        for file in sorted(item.files & owners.keys()):
            waiting = [o for o in owners[file] if o is not item and not o.is_public(when)]
            if not waiting:
                continue
            other, until = waiting[0].source.rel, _until(catalogue, waiting[0].source.rel, now)
            said = {"file": file, "other": other, "until": until}
            dated = said | {"when": greek_datetime(when)}  # what an embargoed item is told: when it goes out
            if file in item.own_files:
                found.append(_on_field(item, file, msg(
                    "uses {file}, which {other} brings and is not public {until}: the file goes out with this item, "
                    "before it", **said)))
            elif file in held_at[when] and file in item.body_images:
                found.append(Problem(item.source.rel, item.source.text_line(file), "body", msg(
                    "shows {file}, a photo of {other}, which is not public {until}; publishing would stop here: "
                    "remove it, or wait until then", **said) if public else msg(
                    "goes out on {when} but shows {file}, a photo of {other}, which is not public {until}; the "
                    "publication then would stop: remove it, or date this item from then on", **dated)))
            elif file in held_at[when]:
                found.append(Problem(item.source.rel, item.source.text_line(file), "body", msg(
                    "links to {file}, a file of {other}, which is not public {until}: the file goes out with it, "
                    "and the link leads nowhere until then", **said) if public else msg(
                    "goes out on {when} but links to {file}, a file of {other}, which is not public {until}: the "
                    "link leads nowhere until then", **dated), "warning"))
    return found


def _where(item: Item, file: str, message: Message) -> Problem:
    """A warning where an item uses a file: its field (`_on_field`), or the line of its text that shows or links it."""
    if file in item.own_files:
        return _on_field(item, file, message)
    return Problem(item.source.rel, item.source.text_line(file), "body", message, "warning")


def _on_field(item: Item, file: str, message: Message) -> Problem:
    """A warning on the field that brings a file: `image`, `images[1].file`, `attachments[0].file`."""
    key = next((f"{field}[{n}].file" for field in ("images", "attachments")
                for n, part in enumerate(item.values.get(field) or []) if part.get("file") == file), "image")
    return Problem(item.source.rel, item.source.line(key), key, message, "warning")


def _line(item: Item, key: str, needle: str) -> int:
    """The line of a field, or of the text's line that holds the needle (as written, or as HTML escapes it)."""
    return item.source.text_line(html.unescape(needle)) if key == "body" else item.source.line(key)


def _until(catalogue: Catalogue, rel: str, now: datetime) -> Message:
    """«until 2 Δεκεμβρίου 2026, 09:00» for an embargoed item, «(a draft, …)» for a draft."""
    values = catalogue.by_path[rel].values
    date = values.get("date")
    if date and date > now and values.get("status") != "draft":  # a draft dated ahead is still a draft then
        return msg("until {when}", when=greek_datetime(date))
    return msg("(a draft, until 'status: draft' is taken out)")


def guard(output: Path, catalogue: Catalogue, now: datetime, previous: Path | None = None) -> None:
    """Raise EmbargoLeak if anything held is in `output`; record what it was searched for."""
    # pragma below: no mutate (without the record or the previous output, every file is searched for every
    # needle: slower, the same leaks found; tests/test_embargo.py checks both reading the record and its absence)
    passed = frozenset(read_state(previous).get("needles", [])) if previous else frozenset()  # pragma: no mutate
    leaks = scan(output, catalogue, now, previous, passed)  # pragma: no mutate
    if leaks:
        raise EmbargoLeak(leaks, catalogue.root)
    record_needles(output, [s.fingerprint for s in secrets(catalogue, now)])
