"""Helpers for publish tests: a real project in a temp git repository and a real SMTP server."""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import git
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from kiryx.site import ROOT

NOW = "2026-11-24T12:00:00+02:00"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Handler:
    """Records every message; answers DATA with scripted replies ('250', '451 …', '550 …', 'drop');
    `refuse` answers RCPT for some addresses (e.g. {'a@b': '550 5.1.1 no such list'})."""

    script: list[str] = field(default_factory=list)
    received: list[EmailMessage] = field(default_factory=list)
    raw: list[tuple[bytes, list[str]]] = field(default_factory=list)
    """Each accepted message as its bytes arrived, with the MAIL FROM options (e.g. BODY=8BITMIME)."""
    refuse: dict[str, str] = field(default_factory=dict)
    attempts: list[float] = field(default_factory=list)
    """When each DATA arrived (time.monotonic()), accepted or not."""
    accept_login: bool = True
    """With `smtp_server(login=True)`: whether AUTH succeeds (else 535)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.attempts.append(time.monotonic())
        reply = self.script.pop(0) if self.script else "250"
        if reply == "drop":
            server.transport.close()
            return "421 closing"
        if reply.startswith("250"):
            self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            self.raw.append((envelope.original_content or envelope.content, list(envelope.mail_options)))
            return "250 OK"
        return reply


@contextmanager
def smtp_server(script: list[str] | None = None, login: bool = False,
                required: bool = False) -> Iterator[tuple[Handler, int]]:
    """A server on 127.0.0.1; `login`: it offers AUTH (without TLS) and answers as `handler.accept_login` says;
    `required`: it takes no mail without one (530)."""
    handler, port = Handler(list(script or [])), free_port()
    auth = {"auth_require_tls": False, "auth_required": required,
            "authenticator": lambda *_: AuthResult(success=handler.accept_login, handled=False)} \
        if login else {}
    controller = Controller(handler, hostname="127.0.0.1", port=port, **auth)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


class Project:
    """A press office's repository in a temp folder, published with the real publish.py."""

    def __init__(self, base: Path):
        self.base = base
        self.site = base / "repo"
        self.content = self.site / "content"
        self.state = base / "state"
        self.state.mkdir()
        (self.state / "vendor").symlink_to(ROOT / ".kiryx/vendor")  # the tools `setup` fetched, as on a server
        self.www = base / "www"
        (self.content / "press-kit" / "logos").mkdir(parents=True)
        for logo in (ROOT / "content/press-kit/logos").iterdir():
            shutil.copy(logo, self.content / "press-kit/logos" / logo.name)
        self.settings = base / "publishconf.py"
        self.settings.write_text(textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *
            PATH = {str(self.content)!r}
            PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]
            THEME = {str(ROOT / 'theme')!r}
            CACHE_PATH = {str(base / 'cache')!r}
            SITEURL = "https://press.alimos.gr"
            KIRYX_NOW = {NOW!r}
            """), encoding="utf-8")
        self.repo = git.Repo.init(self.site, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Γραφείο Τύπου").set_value("user", "email", "press@alimos.gr")

    def configure(self, **kiryx: object) -> None:
        """Change KIRYX settings of this project, e.g. configure(mail={"max_size": 200_000})."""
        with self.settings.open("a", encoding="utf-8") as settings:
            settings.write(f"KIRYX = {{**KIRYX, **{kiryx!r}}}\n")

    def set_now(self, moment: str) -> None:
        """Publish as of another moment from now on (the settings file's KIRYX_NOW)."""
        text = self.settings.read_text(encoding="utf-8")
        self.settings.write_text(re.sub(r"KIRYX_NOW = .*", f"KIRYX_NOW = {moment!r}", text), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")

    def commit(self, message: str = "Περιεχόμενο") -> None:
        self.repo.git.add("content")
        self.repo.git.commit("-qm", message)

    def publish(self, *args: str, port: int | None = None, fault: str = "",
                extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        env = {"KIRYX_SMTP_BACKOFF": "0.05", "KIRYX_SMTP_RETRIES": "3", "KIRYX_SMTP_PER_MINUTE": "6000",
               "KIRYX_SMTP_TIMEOUT": "5", "KIRYX_FAULT": fault, **(extra or {})}
        if port:
            env.update(KIRYX_SMTP_HOST="127.0.0.1", KIRYX_SMTP_PORT=str(port), KIRYX_SMTP_TLS="none")
        return self.run("publish", "--no-fetch", *args, env=env)

    def run(self, command: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """`publish.py COMMAND --settings <this project> ARGS` as a real process, state and deploy in temp."""
        return subprocess.run([sys.executable, str(ROOT / "publish.py"), command, "--settings", str(self.settings),
                               *args], capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                              env={**os.environ, "KIRYX_STATE_DIR": str(self.state),
                                   "KIRYX_DEPLOY_DIR": str(self.www), **(env or {})})

    def live(self) -> Path:
        return (self.www / "current").resolve()


def archive(base: Path) -> Project:
    """A project whose repository already holds one old press release (the usual start of a publish test)."""
    project = Project(base)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit("Αρχείο")
    return project


def release(n: int, when: str = "2026-11-20 10:00") -> str:
    return f"""
        ---
        title: Δελτίο αριθμός {n}
        date: {when}
        summary: Σύνοψη του δελτίου {n}.
        category: perivallon
        ---
        Κείμενο του δελτίου {n}.
        """


def attaching(text: str, file: str, title: str) -> str:
    """A text (`release`) with one attachment."""
    return text.replace("category:", f"attachments:\n          - file: {file}\n            title: {title}\n"
                        "        category:")


EVENT = """
---
title: Συνέντευξη Τύπου για τον προϋπολογισμό
date: 2026-11-20 11:00
summary: Ο Δήμαρχος παρουσιάζει τον προϋπολογισμό.
start: 2026-12-02 11:00
end: 2026-12-02 12:30
location: Δημαρχείο Αλίμου
press_conference: true
---
Πρόσκληση.
"""


ENGLISH = """
---
title: Alimos opens its new coastal park
date: 2026-11-20 10:00
summary: A park for everyone on the coast.
category: perivallon
lang: en
---
The Municipality of Alimos opens the park.
"""
"""A press release in English (`lang: en`) on the Greek site."""
