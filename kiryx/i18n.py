"""Messages for people, in Greek (the default) or English, through gettext catalogues (Babel).

Code writes `msg("English text with {fields}", fields=value)`; `pybabel extract -k msg` finds
each such text and `kiryx/locale/el/LC_MESSAGES/kiryx.po` holds its Greek. A Message keeps its
text and values until it is shown, so cached check results, report fingerprints and the
message table do not depend on the language it is finally shown in.

    pybabel extract -F kiryx/locale/babel.cfg -k msg -o kiryx/locale/kiryx.pot --no-location .
    pybabel update -i kiryx/locale/kiryx.pot -d kiryx/locale -D kiryx -l el --no-wrap
    pybabel compile -d kiryx/locale -D kiryx

The `.mo` file is compiled from the `.po` whenever it is missing or older (at the first message
shown after installing or editing a translation), so the repository keeps only the `.po`.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kiryx"
LANGUAGES = ("el", "en")


def default_language() -> str:
    """`KIRYX_LANG` when it names a known language, else Greek."""
    lang = os.environ.get("KIRYX_LANG", "el")
    return lang if lang in LANGUAGES else "el"


@dataclass(frozen=True)
class Message:
    """A text for people: its English original (the gettext msgid) and the values of its fields."""

    text: str
    values: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str | None = None) -> str:
        lang = lang or default_language()
        template = translations(lang).gettext(self.text)
        return template.format(**{k: v.render(lang) if isinstance(v, Message) else v for k, v in self.values})

    def __str__(self) -> str:
        return self.render()


def msg(text: str, /, **values: Any) -> Message:
    """A message; `text` must be a literal so that `pybabel extract -k msg` finds it."""
    return Message(text, tuple(sorted(values.items())))


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of a language (English is the msgids themselves)."""
    if lang == "en":
        return NullTranslations()
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not po.is_file():
        return NullTranslations()
    if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
        from babel.messages.mofile import write_mo  # noqa: PLC0415 - only to compile (35 ms at every start otherwise)
        from babel.messages.pofile import read_po  # noqa: PLC0415

        compiled = io.BytesIO()
        with po.open("rb") as source:
            write_mo(compiled, read_po(source, locale=lang, domain=DOMAIN))
        try:
            mo.write_bytes(compiled.getvalue())
        except OSError:  # a read-only installation: use it from memory
            return GNUTranslations(io.BytesIO(compiled.getvalue()))
    with mo.open("rb") as compiled_file:
        return GNUTranslations(compiled_file)
