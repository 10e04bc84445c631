"""Reading the file outbox: the messages Django's file-based mail backend wrote to a folder.

Development and the demo send mail into ``settings.OUTBOX_DIR`` (one ``.log`` file per
connection, each message followed by a line of 79 dashes); the demo's outbox page lists them.
"""

from __future__ import annotations

import datetime
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@dataclass(frozen=True)
class OutboxMessage:
    recipient: str
    subject: str
    sent_at: datetime.datetime | None
    body: str  # the text part
    attachments: tuple[str, ...]  # file names


def outbox_messages(folder: Path, *, limit: int = 100) -> list[OutboxMessage]:
    """The newest ``limit`` messages in the folder, newest first."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.log"), key=lambda f: f.stat().st_mtime, reverse=True)
    found: list[OutboxMessage] = []
    for file in files:
        found.extend(read_file(file))
        if len(found) >= limit:
            break
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    found.sort(key=lambda m: m.sent_at or oldest, reverse=True)
    return found[:limit]


def read_file(file: Path) -> list[OutboxMessage]:
    parser = BytesParser(policy=email.policy.default)
    messages = []
    for chunk in file.read_bytes().split(SEPARATOR):
        if chunk.strip():
            messages.append(_summary(parser.parsebytes(chunk.lstrip())))
    return messages


def _summary(message: EmailMessage) -> OutboxMessage:
    date = message["Date"]
    text = message.get_body(preferencelist=("plain",))
    body = text.get_content() if isinstance(text, EmailMessage) else ""
    return OutboxMessage(
        recipient=str(message["To"] or ""),
        subject=str(message["Subject"] or ""),
        sent_at=getattr(date, "datetime", None),
        body=body,
        attachments=tuple(part.get_filename() or "" for part in message.iter_attachments()),
    )
