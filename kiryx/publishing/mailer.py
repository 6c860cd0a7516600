"""Sending: SMTP with retries on temporary failures and a rate limit, or a local Maildir outbox.

Outcomes: `sent` (the server said 2xx), `failed` (a permanent 5xx about this message or its
list: recorded and reported, other lists go on), or TemporaryFailure after all retries (4xx,
refused or dropped connection, timeout): the mail stays pending and goes out at the next
publish. ServerUnavailable is a TemporaryFailure of the server itself (it cannot be reached,
or refuses the login or the sender): no other mail is tried in that run, and none is lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import mailbox
import os
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


class ServerUnavailable(TemporaryFailure):
    """No message can go now (no connection, or the login or the sender refused): they all stay pending.

    `final`: the server said no for good (5xx): trying again in this run cannot help.
    """

    def __init__(self, reason: str, final: bool = False):
        super().__init__(reason)
        self.final = final


@dataclass
class Outcome:
    status: str  # "sent" or "failed"
    reply: str


OUTBOX_REPLY = "250 written to"
"""How the ledger records a mail put in the local outbox (a server's reply is its own)."""


class Outbox:
    """No SMTP server configured: messages go to a Maildir in the state folder."""

    def __init__(self, folder: Path):
        self.box = mailbox.Maildir(folder, create=True)
        self.folder = folder

    def send(self, message: EmailMessage) -> Outcome:
        """Put the message in new/ under a name of its Message-ID, once: a run killed after the put and before the
        ledger heard of it puts it there again on the next run, and it stays one mail (a server gets it twice)."""
        name = hashlib.sha256(str(message["Message-ID"]).encode()).hexdigest()[:32]
        if not (self.folder / "new" / name).exists() and not any((self.folder / "cur").glob(f"{name}:*")):
            draft = self.folder / "tmp" / name
            draft.write_bytes(message.as_bytes())  # folded as sent: Maildir's own writer folds no header (an
            os.replace(draft, self.folder / "new" / name)  # encoded-word of 128 characters; RFC 2047 allows 75)
        return Outcome("sent", f"{OUTBOX_REPLY} {self.folder}/new/{name}")

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
        try:
            if smtp.tls == "starttls":
                connection.starttls(context=ssl.create_default_context())
            if smtp.user:
                connection.login(smtp.user, smtp.password)
        except BaseException:
            connection.close()
            raise
        return connection

    def send(self, message: EmailMessage) -> Outcome:
        delay = self.smtp.backoff
        reason = ""
        failure: type[TemporaryFailure] = TemporaryFailure  # what the last attempt met: of the message, or the server
        for attempt in range(1, self.smtp.retries + 1):
            time.sleep(max(0.0, self.last_send + self.interval - time.monotonic()))
            try:
                self.connection = self.connection or self._session()
                self.connection.send_message(message)
                self.last_send = time.monotonic()
                return Outcome("sent", "250 accepted")
            except smtplib.SMTPRecipientsRefused as err:
                code, text = next(iter(err.recipients.values()))
                if code >= 500:
                    return Outcome("failed", f"{code} {_text(text)}")
                reason, failure = f"{code} {_text(text)}", TemporaryFailure
            except smtplib.SMTPSenderRefused as err:  # the server takes no mail from us: not this message's fault
                self._drop()
                said = f"{err.smtp_code} {_text(err.smtp_error)}"
                refused = ServerUnavailable(
                    f"the server {self.where} wants a login before it takes mail ({said}); set KIRYX_SMTP_USER and "
                    "KIRYX_SMTP_PASSWORD" if err.smtp_code == 530 or "authenticat" in said.lower() else
                    f"the server refused the sender {err.sender} ({said}); check KIRYX['press_office']['email']",
                    final=err.smtp_code >= 500)
                if refused.final:
                    raise refused from None
                reason, failure = str(refused), ServerUnavailable
            except smtplib.SMTPResponseException as err:
                if err.smtp_code >= 500:
                    self._drop()
                    return Outcome("failed", f"{err.smtp_code} {_text(err.smtp_error)}")
                reason, failure = f"{err.smtp_code} {_text(err.smtp_error)}", TemporaryFailure
            except ServerUnavailable as err:
                if err.final:
                    raise
                reason, failure = str(err), ServerUnavailable
            except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError, OSError) as err:
                reason, failure = f"connection to {self.where}: {err}", TemporaryFailure
            self._drop()
            if attempt < self.smtp.retries:
                time.sleep(delay)
                delay *= 2
        raise failure(reason)

    def _session(self) -> smtplib.SMTP:
        """A connection, logged in; ServerUnavailable when the server cannot be reached or refuses us."""
        try:
            return self._connect()
        except smtplib.SMTPAuthenticationError as err:
            raise ServerUnavailable(f"the server refused the login of {self.smtp.user} ({err.smtp_code} "
                                    f"{_text(err.smtp_error)}); check KIRYX_SMTP_USER and KIRYX_SMTP_PASSWORD",
                                    final=True) from None
        except smtplib.SMTPResponseException as err:
            raise ServerUnavailable(f"the server refused the session ({err.smtp_code} {_text(err.smtp_error)})",
                                    final=err.smtp_code >= 500) from None
        except smtplib.SMTPNotSupportedError as err:  # what the settings ask of the server, it does not offer
            raise ServerUnavailable(
                f"the server {self.where} does not offer STARTTLS; if it speaks TLS from the start (port 465), set "
                "KIRYX_SMTP_TLS=ssl; a relay on this machine without TLS, KIRYX_SMTP_TLS=none"
                if "STARTTLS" in str(err) else
                f"the server {self.where} offers no login on this connection; leave KIRYX_SMTP_USER empty for a "
                "server that needs none, or check KIRYX_SMTP_TLS (many offer a login only over TLS)",
                final=True) from None
        except ssl.SSLCertVerificationError as err:  # not the mode or the port: the certificate, or its name
            raise ServerUnavailable(f"the certificate of {self.where} does not verify ({err.verify_message}); the "
                                    "server must show a valid certificate for the name in KIRYX_SMTP_HOST",
                                    final=True) from None
        except ssl.SSLError as err:
            raise ServerUnavailable(f"TLS with {self.where} failed ({err.reason or err}); check KIRYX_SMTP_TLS and "
                                    "KIRYX_SMTP_PORT (ssl is for port 465, starttls for 587)", final=True) from None
        except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError, OSError) as err:
            raise ServerUnavailable(f"cannot reach the mail server {self.where} ({err}); check KIRYX_SMTP_HOST and "
                                    "KIRYX_SMTP_PORT, or whether the server is up") from None

    @property
    def where(self) -> str:
        return f"{self.smtp.host}:{self.smtp.port}"

    def _drop(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.connection.quit()
        self.connection = None

    def close(self) -> None:
        self._drop()


def sender_for(smtp: Smtp, state: Path) -> Outbox | SmtpSender:
    return SmtpSender(smtp) if smtp.host else Outbox(state / "outbox")
