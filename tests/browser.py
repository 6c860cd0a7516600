"""Real-browser helpers for tests: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background connections Chromium would try on its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


Headers = Callable[[str], dict[str, str]]


class _QuietHandler(SimpleHTTPRequestHandler):
    headers_for: Headers | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in (self.headers_for(self.path) if self.headers_for else {}).items():
            self.send_header(name, value)
        super().end_headers()


def nginx_headers(conf: Path) -> Headers:
    """The headers an nginx include like docs/nginx-security-headers.conf sends for a URL path (what that
    file uses: `set`, `add_header … always` at server level and in `location ^~` prefixes)."""
    text = re.sub(r"(?m)^\s*#.*$", "", conf.read_text(encoding="utf-8"))
    variables = dict(re.findall(r'(?m)^set \$(\w+) "([^"]*)";', text))

    def added(block: str) -> dict[str, str]:
        return {name: variables[value[1:]] if value.startswith("$") else value.strip('"')
                for name, value in re.findall(r'add_header ([\w-]+) ("[^"]*"|\S+) always;', block)}

    locations = {prefix: added(body) for prefix, body in re.findall(r"location \^~ (\S+) \{(.*?)\}", text, re.S)}
    server = added(re.sub(r"location .*?\}", "", text, flags=re.S))

    def headers_for(path: str) -> dict[str, str]:
        prefix = max((p for p in locations if path.startswith(p)), key=len, default=None)
        return locations[prefix] if prefix else server

    return headers_for


@contextmanager
def serve(folder: Path, headers: Headers | None = None) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1, with `headers(path)` on every response; yields the base URL."""
    handler = functools.partial(type("Handler", (_QuietHandler,), {"headers_for": staticmethod(headers)})
                                if headers else _QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium for a whole test module."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path ('/', '/press-releases/…/'), except the browser
    editor at /admin/ (Decap's own application, tested in test_admin.py)."""
    paths = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("admin/"):
            continue
        paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return paths
