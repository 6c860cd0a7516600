"""A real nginx serving a site with docs/nginx-site.conf, on a free port of 127.0.0.1, for tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from kiryx.site import ROOT
from tests.publishing import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONF = ROOT / "docs/nginx-site.conf"


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def site_conf(root: Path, port: int) -> str:
    """docs/nginx-site.conf with its four placeholders pointed at `root` (a site, or a deploy's `current`)."""
    text = SITE_CONF.read_text(encoding="utf-8")
    for pattern, value in ((r"listen 80;", f"listen 127.0.0.1:{port};"),
                           (r"root /srv/kiryx/\.kiryx/site/current;", f"root {root};"),
                           (r"include /srv/kiryx/docs/", f"include {ROOT}/docs/"),
                           (r"include /srv/kiryx/\.kiryx/site/current/", f"include {root}/")):
        text, count = re.subn(pattern, lambda _: value, text)  # noqa: B023 - used at once
        assert count == 1, f"{pattern} is not in {SITE_CONF} once"
    return text


@contextmanager
def nginx(root: Path, scratch: Path) -> Iterator[str]:
    """nginx in the foreground with the site block; yields the base URL. Its own temporary folders and logs."""
    scratch.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (scratch / "site.conf").write_text(site_conf(root, port), encoding="utf-8")
    temp = " ".join(f"{kind}_temp_path {scratch / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                        "scgi"))
    (scratch / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # tests' folders are the tester's alone
        + f"worker_processes 1;\npid {scratch / 'nginx.pid'};\nerror_log {scratch / 'error.log'};\n"
        f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}\n"
        f"include {scratch / 'site.conf'};\n}}\n", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(scratch), "-e", str(scratch / "error.log"),
                                "-c", str(scratch / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}")
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url: str) -> Response:
    """One request, redirects not followed."""
    try:
        with _OPENER.open(url, timeout=10) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, err.headers, err.read())
