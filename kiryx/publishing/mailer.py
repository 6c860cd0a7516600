"""Sending: SMTP with retries on temporary failures and a rate limit, or a local Maildir outbox.

Outcomes: `sent` (the server said 2xx), `failed` (a permanent 5xx: recorded and reported,
other lists go on), or TemporaryFailure after all retries (4xx, refused or dropped
connection, timeout): the mail stays pending and goes out at the next publish.
"""

from __future__ import annotations

import contextlib
import mailbox
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from ..config import Smtp


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


class TemporaryFailure(RuntimeError):
    """The server could not take the message now; it stays pending."""


@dataclass
class Outcome:
    status: str  # "sent" or "failed"
    reply: str


class Outbox:
    """No SMTP server configured: messages go to a Maildir in the state folder."""

    def __init__(self, folder: Path):
        self.box = mailbox.Maildir(folder, create=True)
        self.folder = folder

    def send(self, message: EmailMessage) -> Outcome:
        key = self.box.add(message)
        return Outcome("sent", f"250 written to {self.folder}/new/{key}")

    def close(self) -> None:
        self.box.close()


class SmtpSender:
    """One connection, reopened after failures; rate-limited; retries with exponential back-off."""

    def __init__(self, smtp: Smtp):
        self.smtp = smtp
        self.connection: smtplib.SMTP | None = None
        self.interval = 60.0 / smtp.per_minute
        self.last_send = 0.0

    def _connect(self) -> smtplib.SMTP:
        smtp = self.smtp
        if smtp.tls == "ssl":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                                        context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
            if smtp.tls == "starttls":
                connection.starttls(context=ssl.create_default_context())
        if smtp.user:
            connection.login(smtp.user, smtp.password)
        return connection

    def send(self, message: EmailMessage) -> Outcome:
        delay = self.smtp.backoff
        reason = ""
        for attempt in range(1, self.smtp.retries + 1):
            time.sleep(max(0.0, self.last_send + self.interval - time.monotonic()))
            try:
                self.connection = self.connection or self._connect()
                self.connection.send_message(message)
                self.last_send = time.monotonic()
                return Outcome("sent", "250 accepted")
            except smtplib.SMTPRecipientsRefused as err:
                code, text = next(iter(err.recipients.values()))
                if code >= 500:
                    return Outcome("failed", f"{code} {_text(text)}")
                reason = f"{code} {_text(text)}"
            except smtplib.SMTPResponseException as err:
                if err.smtp_code >= 500:
                    self._drop()
                    return Outcome("failed", f"{err.smtp_code} {_text(err.smtp_error)}")
                reason = f"{err.smtp_code} {_text(err.smtp_error)}"
            except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError, OSError) as err:
                reason = f"connection: {err}"
            self._drop()
            if attempt < self.smtp.retries:
                time.sleep(delay)
                delay *= 2
        raise TemporaryFailure(reason)

    def _drop(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.connection.quit()
        self.connection = None

    def close(self) -> None:
        self._drop()


def sender_for(smtp: Smtp, state: Path) -> Outbox | SmtpSender:
    return SmtpSender(smtp) if smtp.host else Outbox(state / "outbox")
