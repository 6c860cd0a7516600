"""A problem found in content, printed as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


class ContentError(Exception):
    """Content that must not be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {label}{self.message}"

    def located(self, root: Path) -> str:
        """The problem with its path as the user can open it from the current folder."""
        full = root / self.path
        try:
            shown = full.resolve().relative_to(Path.cwd()).as_posix()
        except ValueError:
            shown = str(full)
        return f"{shown}:{str(self).split(':', 1)[1]}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
