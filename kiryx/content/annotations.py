"""Problems in the formats forges read: plain text, GitHub workflow commands, GitLab Code Quality, JSON.

GitHub shows `::error file=…,line=…,title=…::message` on the pull request's diff (Gitea and
Forgejo runners print it in the log); GitLab shows a Code Quality report on the merge request.
Fingerprints come from the path, field and English message, so they are stable across runs
and languages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from .problems import Problem, shown_path

FORMATS = ("text", "github", "gitlab", "json")


def text(problems: list[Problem], root: Path, lang: str) -> str:
    return "".join(p.located(root, lang) + "\n" for p in problems)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github(problems: list[Problem], root: Path, lang: str) -> str:
    lines = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        where = f"file={_escape(shown_path(root, p.path), True)},line={p.line},title={_escape(p.field, True)}"
        lines.append(f"::{kind} {where}::{_escape(p.message.render(lang))}\n")
    return "".join(lines)


def fingerprint(problem: Problem) -> str:
    text = f"{problem.path}\0{problem.field}\0{problem.message.render('en')}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _report(entries: list[dict]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def printable(report: str) -> str:
    """A report as UTF-8 text: a file name that is not UTF-8 (a ZIP made on Windows, unpacked here) has � for its
    bad bytes (Python keeps them as lone surrogates, which no output can carry)."""
    return report.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def gitlab(problems: list[Problem], root: Path, lang: str) -> str:
    report = [{
        "description": f"{p.field}: {p.message.render(lang)}",
        "check_name": p.field,
        "fingerprint": fingerprint(p),
        "severity": "major" if p.is_error else "minor",
        "location": {"path": shown_path(root, p.path), "lines": {"begin": p.line}},
    } for p in problems]
    return _report(report)


def as_json(problems: list[Problem], root: Path, lang: str) -> str:
    report = [{
        "path": shown_path(root, p.path), "line": p.line, "field": p.field, "severity": p.severity,
        "message": p.message.render(lang), "message_en": p.message.render("en"), "fingerprint": fingerprint(p),
    } for p in problems]
    return _report(report)


RENDERERS: dict[str, Callable[[list[Problem], Path, str], str]] = {
    "text": text, "github": github, "gitlab": gitlab, "json": as_json,
}
