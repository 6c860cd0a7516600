"""Build, serve the site on 127.0.0.1 and rebuild whenever content, theme or settings change.

While the content has errors, every page shows them (file, line, field, message) instead of
the last good build, and reloads itself once they are fixed; every served page reloads when a
new build is ready (a same-origin script, so the site's own CSP allows it).
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from ..build_state import empty_spare
from ..config import ConfigError, located
from ..content.problems import ContentError
from ..crash import record, refused
from ..gitrepo import RepositoryError
from ..i18n import msg
from ..site import ROOT, build, quiet_pelican_logs, without_build_report
from .options import add_site_options, settings_from

_RELOAD = b"""// Kiryx preview: reload the page when a new build (or a fix) is ready.
(() => {
  let seen = null;
  const poll = () => fetch("/__kiryx/state", {cache: "no-store"}).then(r => r.json()).then(s => {
    if (seen !== null && s.version !== seen) location.reload();
    seen = s.version;
  }).catch(() => {}).finally(() => setTimeout(poll, 1000));
  poll();
})();
"""
_SCRIPT_TAG = b'<script src="/__kiryx/reload.js" defer></script>'


class Preview:
    """What the server shows: the last good build, or the problems of the latest attempt."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self.lock = threading.Lock()

    def built(self, problems: list[str]) -> None:
        with self.lock:
            self.version += 1
            self.problems = problems

    def error_page(self) -> bytes:
        items = "".join(f"<li><code>{html.escape(p, quote=False)}</code></li>" for p in self.problems)
        return f"""<!DOCTYPE html>
<html lang="el">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Χρειάζονται διορθώσεις · Προεπισκόπηση</title>
<link rel="stylesheet" href="/theme/css/kiryx.css"></head>
<body><main id="main" class="wrap">
<h1>Χρειάζονται διορθώσεις</h1>
<p>Ο ιστότοπος δεν ενημερώθηκε, γιατί ο έλεγχος βρήκε τα παρακάτω (αρχείο:γραμμή: πεδίο: τι φταίει).
Διορθώστε και αποθηκεύστε το αρχείο· η σελίδα θα ανανεωθεί μόνη της.</p>
<ul class="preview-problems">{items}</ul>
</main>
<script src="/__kiryx/reload.js" defer></script>
</body></html>""".encode()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--output", type=Path, default=ROOT / "output", metavar="DIR",
                        help="output folder (default: output/)")


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml", ".wasm": "application/wasm"}

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path.split("?", 1)[0]
        if path == "/__kiryx/state":
            return self._send(200, "application/json", json.dumps({"version": self.preview.version}).encode())
        if path == "/__kiryx/reload.js":
            return self._send(200, "text/javascript; charset=utf-8", _RELOAD)
        if self.preview.problems and not path.startswith("/theme/"):
            return self._send(503, "text/html; charset=utf-8", self.preview.error_page())
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            page = file.read_bytes().replace(b"</body>", _SCRIPT_TAG + b"\n</body>", 1)
            return self._send(200, "text/html; charset=utf-8", page)
        return super().do_GET()

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        self._send(404, "text/html; charset=utf-8", page.read_bytes().replace(b"</body>", _SCRIPT_TAG + b"</body>"))

    def log_message(self, format: str, *args: object) -> None:
        pass


def _rebuild(args: argparse.Namespace, preview: Preview) -> None:
    try:
        with without_build_report():
            result = build(settings_from(args), args.output)
    except ContentError as err:
        root = Path(args.content or ROOT / "content")
        shown = [p.located(root) for p in err.problems]
        print(*shown, msg("Build failed; the preview shows the problems until they are fixed."), sep="\n", flush=True)
        preview.built(shown)
        return
    except (ConfigError, RepositoryError, OSError) as err:  # OSError: a folder it cannot write, as `build` says it
        said = (located(err, args.settings) if isinstance(err, ConfigError)
                else refused(err) if isinstance(err, OSError) else str(err))
        print(said, msg("Build failed; the preview shows the problem until it is fixed."), sep="\n", flush=True)
        preview.built([said])
        return
    except Exception:  # noqa: BLE001 - a fault of Kiryx: said and logged, and the preview waits for the next save
        said = str(record("serve"))
        print(said, flush=True)
        preview.built([said])
        return
    print(msg("Built {items} items.", items=len(result.catalogue.items)), flush=True)
    preview.built([])
    empty_spare(result.output.parent)  # while the page reloads: the next rebuild then only renames it into place


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a saved file from the one before: editors that save by renaming give it a new inode."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def run(args: argparse.Namespace) -> int:
    quiet_pelican_logs()
    theme = Path(settings_from(args)["THEME"])  # a wrong --content or --settings ends the command here
    preview = Preview()
    bound = type("Handler", (_Handler,), {"preview": preview})
    handler = functools.partial(bound, directory=str(args.output.resolve()))
    try:  # the port first: a second serve must not rebuild the first one's output before it finds out
        server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except (OSError, OverflowError) as err:  # taken, not allowed, or no port at all (99999: bind's OverflowError)
        print(msg("port {port} cannot be used ({reason}); is another serve running? Give another with --port 8001",
                  port=args.port, reason=getattr(err, "strerror", None) or str(err)), file=sys.stderr)
        return 1
    _rebuild(args, preview)
    args.output.mkdir(parents=True, exist_ok=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(msg("Serving on {url} — edits rebuild the site; Ctrl+C stops.", url=f"http://127.0.0.1:{args.port}/"),
          flush=True)
    content = args.content or ROOT / "content"
    folders = [p for p in (content, theme, ROOT / "plugins", ROOT / "kiryx") if p.exists()]
    settings = _stamp(args.settings)
    try:  # the settings file by its stamp, each second: a watch on the file itself is lost when an editor renames
        for changes in watch(*folders, rust_timeout=1000, yield_on_timeout=True):
            if changes or _stamp(args.settings) != settings:
                settings = _stamp(args.settings)
                _rebuild(args, preview)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
