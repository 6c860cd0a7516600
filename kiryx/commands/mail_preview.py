"""Write the mails an item would send, one per list that receives it, as .eml and .html files: nothing is sent.

For staff before merging: open the .html file in a browser, the .eml file in a mail program. The
item is shown as it will be once public (an embargoed one as at its publication time), built
with the rest of the site; an item with corrections also gets the mail of its latest one.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ..clock import build_now
from ..config import ConfigError, config_for
from ..content.problems import ContentError
from ..content.schema import Item
from ..greek import slugify
from ..i18n import msg
from ..publishing.messages import Composer
from ..publishing.notices import CANCELLATION, PUBLICATION, WITHDRAWAL, Notice, change_id, concerns, notifying_changes
from ..site import check, quiet_pelican_logs, run_pelican, without_build_report
from .options import add_site_options, settings_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("path", type=Path, help="the item's file, e.g. content/press-releases/2026/deltio.md")
    parser.add_argument("--out", type=Path, default=Path("mail-preview"), metavar="DIR",
                        help="folder for the .eml and .html files (default: mail-preview/)")


def notices_of(item: Item, lists: tuple) -> list[Notice]:
    """What each list would get for this item: its first mail, and its latest correction if it has one."""
    changes = tuple(change_id(c) for c in notifying_changes(item))
    first = WITHDRAWAL if item.is_withdrawn else CANCELLATION if item.values.get("cancelled") else PUBLICATION
    found = []
    for mailing_list in (m for m in lists if concerns(item, m)):
        found.append(Notice(item, mailing_list, first, changes))
        if changes and first == PUBLICATION:
            found.append(Notice(item, mailing_list, "correction", changes, changes[-1:]))
    return found


def run(args: argparse.Namespace) -> int:
    quiet_pelican_logs()
    settings = settings_from(args)
    catalogue = check(settings)
    if catalogue.errors:
        raise ContentError(catalogue.errors, catalogue.root)
    item = _item(catalogue.by_path, catalogue.root, args.path)
    if item.values.get("status") == "draft":
        raise ConfigError(str(msg("{path}: a draft (status: draft) is never mailed; set status: published to see its "
                                  "mails", path=args.path)))
    notices = notices_of(item, config_for(settings).mailing_lists)
    if not notices:
        print(msg("No mailing list receives {types}: nothing would be sent for {path}.", types=item.type.plural.lower(),
                  path=args.path))
        return 0
    settings["KIRYX_NOW"] = now = max(build_now(settings), item.values.get("date") or build_now(settings))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiryx-mail-preview-") as folder:
        site = Path(folder) / "site"
        output = Path(settings["OUTPUT_PATH"])
        with without_build_report():
            run_pelican(settings, site, catalogue, previous=output if output.is_dir() else None)
        composer = Composer(settings, catalogue, site)
        for notice in notices:
            message = composer.compose(notice, now)
            name = f"{item.slug}.{slugify(notice.mailing_list.name)}.{notice.kind}"
            (args.out / f"{name}.eml").write_bytes(message.as_bytes())
            html = message.get_body(("html",))
            (args.out / f"{name}.html").write_text(html.get_content() if html else "", encoding="utf-8")
            print(f"{args.out / name}.eml, .html: {message['Subject']} → {notice.mailing_list.address} "
                  f"({len(message.as_bytes()) // 1024} KB)")
    print(msg("Nothing was sent."))
    return 0


def _item(by_path: dict[str, Item], root: Path, path: Path) -> Item:
    for candidate in (path, Path.cwd() / path):
        try:
            rel = candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        if rel in by_path:
            return by_path[rel]
    if path.as_posix() in by_path:
        return by_path[path.as_posix()]
    raise ConfigError(str(msg("{path}: not an item of the content folder {root}; give the path of its .md file, e.g. "
                              "content/press-releases/2026/deltio.md", path=path, root=root)))
