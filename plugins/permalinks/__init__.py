"""Redirects from the earlier URLs of moved items (kiryx.content.permalinks).

For each earlier URL: a small page at that URL (meta refresh, canonical link and a visible
link, not indexed), and the same redirects as web-server rules: `redirects.nginx.conf` (to
`include` in the server block) and `.htaccess` (Apache), both permanent (301) and for the whole
folder, so the files that moved with the page (its press-kit ZIP, its event.ics) follow too.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator

from kiryx.build import build_of
from kiryx.content.permalinks import NGINX_REDIRECTS, Redirect


def nginx(redirects: list[Redirect]) -> str:
    lines = ["# Kiryx: permanent redirects of moved items. In the server block (docs/nginx-site.conf):",
             f"#   include /path/to/site/{NGINX_REDIRECTS};"]
    # the whole folder: its files (the press kit's ZIP, event.ics) moved with the page, and mails link to them
    lines += [f"location ^~ /{r.source} {{ rewrite ^/{r.source}(.*)$ /{r.target}$1 permanent; }}"  # a-z 0-9 - /
              for r in redirects]
    return "\n".join(lines) + "\n"


def apache(redirects: list[Redirect]) -> str:
    lines = ["# Kiryx: permanent redirects of moved items (mod_alias; each for the folder and what is in it)."]
    lines += [f"Redirect permanent /{r.source} /{r.target}" for r in redirects]
    return "\n".join(lines) + "\n"


class RedirectsGenerator(Generator):
    """Writes a redirect page per earlier URL and the web-server rules."""

    def generate_output(self, writer: Any) -> None:
        catalogue = build_of(self.settings).catalogue
        template = self.get_template("redirect")
        for redirect in catalogue.redirects:
            item = catalogue.by_path[redirect.rel]
            writer.write_file(f"{redirect.source}index.html", template, self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], redirect=redirect,
                              target_title=item.values.get("title", ""), url=redirect.source)
        state, key = build_of(self.settings).state, repr(catalogue.redirects)
        state.emit(NGINX_REDIRECTS, key, lambda: nginx(catalogue.redirects).encode())
        state.emit(".htaccess", key, lambda: apache(catalogue.redirects).encode())


def get_generators(_pelican: Any) -> type[Generator]:
    return RedirectsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
