"""The municipality's colour (KIRYX['municipality']['brand_color']) on the site: the stylesheet's brand colours
(`theme/css/brand.css`, after the theme's own) and the site's icon (`favicon.svg`), so that a municipality sets
its colour once. The mails take it from the config (theme/templates/mail/notice.html), the social cards too.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import Generator

from kiryx.build import build_of

DARKER = 0.7
"""The hover colour: each channel of the brand colour times this."""


def darker(color: str) -> str:
    """#0b4f8a → #083761."""
    return "#" + "".join(f"{round(int(color[i:i + 2], 16) * DARKER):02x}" for i in (1, 3, 5))


def stylesheet(color: str) -> bytes:
    return f":root {{ --brand: {color}; --brand-dark: {darker(color)}; }}\n".encode()


def icon(color: str, title: str) -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>{escape(title)}</title>'
            f'<circle cx="16" cy="16" r="16" fill="{color}"/><path d="M9 22 16 7l7 15z" fill="#fff"/>'
            '<path d="M6 24c3 2 6 2 10 0s7-2 10 0" stroke="#fff" stroke-width="2" fill="none"/></svg>\n').encode()


class BrandGenerator(Generator):
    """Writes theme/css/brand.css and favicon.svg."""

    def generate_output(self, writer: Any) -> None:
        build = build_of(self.settings)
        color = build.config.municipality.brand_color
        build.state.emit_bytes("theme/css/brand.css", stylesheet(color))
        build.state.emit_bytes("favicon.svg", icon(color, build.config.press_office.short_name))


def get_generators(_pelican: Any) -> type[Generator]:
    return BrandGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
