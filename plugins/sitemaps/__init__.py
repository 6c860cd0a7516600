"""Sitemaps and robots.txt for search engines.

- `/sitemap.xml`: every page a reader can land on (home, section lists, items, static pages, the
  press kit), with absolute URLs and `lastmod`, the last change of what the page shows, with the
  Athens offset; no `priority` or `changefreq` (search engines ignore them). Past 50,000 URLs it
  becomes a sitemap index of `/sitemaps/sitemap-N.xml`.
- `/news-sitemap.xml`: the Google News sitemap of the press releases of the last two days.
- `/robots.txt`: both `Sitemap:` lines; a preview build (`build --preview`) is closed to robots.

They are made from Pelican's public articles and pages: drafts, embargoed and withdrawn items are
never in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import Generator

from kiryx.build import build_of
from kiryx.config import public_url
from kiryx.greek import iso

MAX_URLS = 50_000
"""URLs one sitemap file may list (sitemaps.org)."""
NEWS_WINDOW = timedelta(days=2)
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Entry:
    loc: str
    lastmod: datetime | None


def _lastmod(when: datetime | None) -> str:
    return f"<lastmod>{iso(when)}</lastmod>" if when else ""


def urlset(entries: list[Entry]) -> bytes:
    rows = "".join(f"<url><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}</url>\n" for e in entries)
    return f'{XML}<urlset xmlns="{SITEMAP_NS}">\n{rows}</urlset>\n'.encode()


def sitemaps(entries: list[Entry], site: str, limit: int = MAX_URLS) -> dict[str, bytes]:
    """`sitemap.xml`, or past `limit` URLs a sitemap index and its parts: {output path: bytes}."""
    if len(entries) <= limit:
        return {"sitemap.xml": urlset(entries)}
    parts = [entries[i:i + limit] for i in range(0, len(entries), limit)]
    files = {f"sitemaps/sitemap-{n}.xml": urlset(part) for n, part in enumerate(parts, 1)}
    rows = "".join(f"<sitemap><loc>{site}/{rel}</loc>"
                   f"{_lastmod(max((e.lastmod for e in part if e.lastmod), default=None))}</sitemap>\n"
                   for rel, part in zip(files, parts, strict=True))
    files["sitemap.xml"] = f'{XML}<sitemapindex xmlns="{SITEMAP_NS}">\n{rows}</sitemapindex>\n'.encode()
    return files


def news_sitemap(releases: list[Any], site: str, publication: str) -> bytes:
    rows = "".join(
        f"<url><loc>{escape(f'{site}/{a.url}')}</loc><news:news><news:publication>"
        f"<news:name>{escape(publication)}</news:name><news:language>{a.lang}</news:language></news:publication>"
        f"<news:publication_date>{iso(a.date)}</news:publication_date><news:title>{escape(a.title)}</news:title>"
        f"</news:news></url>\n" for a in releases)
    return f'{XML}<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n{rows}</urlset>\n'.encode()


def robots(site: str, preview: bool) -> bytes:
    if preview:
        return b"# A preview, not the published site: closed to search engines.\nUser-agent: *\nDisallow: /\n"
    return (f"User-agent: *\nDisallow: /admin/\n\nSitemap: {site}/sitemap.xml\nSitemap: {site}/news-sitemap.xml\n"
            ).encode()


class SitemapsGenerator(Generator):
    """Writes the sitemaps and robots.txt."""

    def entries(self, site: str) -> list[Entry]:
        sections: dict[str, list[Any]] = self.context.get("sections", {})

        def newest(items: list[Any]) -> datetime | None:
            return max((a.modified or a.date for a in items), default=None)

        listed = [a for items in sections.values() for a in items]
        found = [Entry(f"{site}/", newest(listed))]
        found += [Entry(f"{site}/{key}/", newest(items)) for key, items in sections.items()]
        found += [Entry(f"{site}/{a.url}", a.modified or a.date) for a in sorted(listed, key=lambda a: a.url)]
        found += [Entry(f"{site}/{p.url}", getattr(p, "modified", None))
                  for p in sorted(self.context.get("pages", []), key=lambda p: p.url)]
        if (Path(self.settings["PATH"]) / "press-kit").is_dir():
            found.append(Entry(f"{site}/press-kit/", None))
        if build_of(self.settings).config.mailing_lists:
            found.append(Entry(f"{site}/{self.settings['LISTS_URL']}", None))
        return found

    def generate_output(self, writer: Any) -> None:
        build = build_of(self.settings)
        site = public_url(self.settings)
        for rel, data in sitemaps(self.entries(site), site).items():
            build.state.emit_bytes(rel, data)
        releases = [a for a in self.context.get("sections", {}).get("press-releases", [])
                    if build.now - NEWS_WINDOW < a.date <= build.now]
        news = news_sitemap(releases, site, build.config.municipality.name)
        build.state.emit_bytes("news-sitemap.xml", news)
        build.state.emit_bytes("robots.txt", robots(site, bool(self.settings.get("KIRYX_PREVIEW"))))


def get_generators(_pelican: Any) -> type[Generator]:
    return SitemapsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
