"""Build, serve the site on 127.0.0.1 and rebuild whenever content, theme or settings change."""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from ..config import ConfigError
from ..content.problems import ContentError
from ..site import ROOT, build, quiet_pelican_logs
from .options import add_site_options, settings_from

HELP = "preview the site on http://127.0.0.1:8000 with rebuild on change"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--output", type=Path, default=ROOT / "output", metavar="DIR",
                        help="output folder (default: output/)")


class _Handler(SimpleHTTPRequestHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _rebuild(args: argparse.Namespace) -> bool:
    try:
        result = build(settings_from(args), args.output)
    except (ContentError, ConfigError) as err:
        print(f"{err}\nBuild failed; still serving the last good build.", flush=True)
        return False
    print(f"Built {len(result.catalogue.items)} items.", flush=True)
    return True


def run(args: argparse.Namespace) -> int:
    quiet_pelican_logs()
    if not _rebuild(args):
        return 1
    handler = functools.partial(_Handler, directory=str(args.output.resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://127.0.0.1:{args.port}/ — edits rebuild the site; Ctrl+C stops.", flush=True)
    content = args.content or ROOT / "content"
    watched = [content, ROOT / "theme", ROOT / "plugins", ROOT / "kiryx", args.settings]
    try:
        for _changes in watch(*[p for p in watched if p.exists()]):
            _rebuild(args)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
