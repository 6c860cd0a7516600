"""A problem found in content, shown as `path:line: field: message` in Greek or English."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..i18n import Message, default_language, msg

# Fields that name no front-matter key, but where the problem is: said in the reader's language (a key, such as
# `title`, is what is written in the file, in any language).
_PLACES = {"front matter": msg("front matter"), "body": msg("body"), "text": msg("text"), "file": msg("file"),
           "path": msg("path"), "encoding": msg("encoding"), "embargo": msg("embargo")}


class ContentError(Exception):
    """Content that must not be published; carries every problem found, and the content folder (`root`) to show
    each path as the user can open it, as `check` does."""

    def __init__(self, problems: list[Problem], root: Path | None = None):
        self.problems, self.root = problems, root
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: Message
    severity: Literal["error", "warning"] = "error"

    @property
    def key(self) -> tuple[str, int, str, str, str]:
        return self.path, self.line, self.field, self.severity, self.message.render("en")

    def __lt__(self, other: Problem) -> bool:
        return self.key < other.key

    def text(self, lang: str | None = None) -> str:
        """The message with its label: «warning: …» for warnings."""
        body = self.message.render(lang or default_language())
        return msg("warning: {text}", text=body).render(lang) if self.severity == "warning" else body

    def place(self, lang: str | None = None) -> str:
        """Its field, or where it is when that is no field («κείμενο» for body), in the reader's language."""
        return _PLACES[self.field].render(lang or default_language()) if self.field in _PLACES else self.field

    def show(self, lang: str | None = None, shown_path: str | None = None) -> str:
        return f"{shown_path or self.path}:{self.line}: {self.place(lang)}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.show()

    def located(self, root: Path, lang: str | None = None) -> str:
        """The problem with its path as the user can open it from the current folder."""
        return self.show(lang, shown_path(root, self.path))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def shown_path(root: Path, rel: str) -> str:
    """A content path as the user can open it from the current folder."""
    full = Path(os.path.abspath(root / rel))  # '..' gone (the settings file beside content/), links kept
    try:
        return full.relative_to(Path.cwd()).as_posix()  # a link's own path, not its target's
    except ValueError:
        return str(full)
