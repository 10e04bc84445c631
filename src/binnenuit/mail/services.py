"""Queuing e-mail: every message Binnenuit sends goes through :func:`mail_queue`.

Call it inside the service that causes the message, in that service's transaction::

    from binnenuit.mail.services import Attachment, mail_queue

    mail_queue(
        to=invitation.email,
        template="invitation",  # mail/invitation_subject.txt, mail/invitation.txt, [.html]
        context={"name": person.full_name, "url": accept_url},  # links absolute
        language=user_language,  # the recipient's language; Dutch when omitted
        key=f"invitation-{invitation.pk}-{invitation.sent_count}",  # optional
        attachments=[Attachment("uitnodiging.ics", "text/calendar; method=REQUEST", ics)],
    )

What it promises:

- the ``Mail`` row is written in the caller's transaction and the send task is enqueued only
  after the commit: a rolled-back action sends nothing, a committed one is never lost (the
  row waits in the outbox while the worker or the mail server is down);
- with a ``key``, queuing twice makes one mail: the second call returns the first's row
  (whatever it was rendered with). Without one, every call is a new message;
- the templates live in ``templates/mail/``: ``<template>_subject.txt`` (one line; its
  whitespace is collapsed), ``<template>.txt`` and, when it exists, ``<template>.html`` (sent
  as the HTML alternative). They are rendered in ``language``; the text ones without HTML
  escaping. They extend ``mail/base.txt`` and ``mail/base.html`` (the signature). The mail is
  read outside the site, so every link in the context must be an absolute URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import Context, Engine, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation

from binnenuit.core.services import validate
from binnenuit.mail.models import Mail, MailAttachment
from binnenuit.mail.tasks import parse_content_type, send_after_commit


@dataclass(frozen=True)
class Attachment:
    """A file to send with a mail; ``content_type`` may carry parameters."""

    filename: str
    content_type: str  # "application/pdf", "text/calendar; method=REQUEST"
    content: bytes | str  # text is stored as UTF-8


def mail_queue(
    *,
    to: str,
    template: str,
    context: Mapping[str, Any],
    language: str = "nl",
    key: str | None = None,
    attachments: Iterable[Attachment] = (),
) -> Mail:
    """Queue one message to ``to``, rendered from ``template`` (see the module docstring)."""
    if key is not None and (existing := Mail.objects.filter(key=key).first()) is not None:
        return existing
    subject, body, html_body = mail_render(template, context, language=language)
    mail = Mail(
        recipient=to,
        subject=subject,
        body=body,
        html_body=html_body,
        template=template,
        key=key,
    )
    validate(mail, exclude=["key"])
    files = [
        MailAttachment(
            filename=a.filename,
            content_type=a.content_type,
            content=a.content.encode() if isinstance(a.content, str) else a.content,
        )
        for a in attachments
    ]
    for file in files:
        parse_content_type(file.content_type)  # refuses a malformed one now, not in the worker
    try:
        with transaction.atomic():
            mail.save()
            for file in files:
                file.mail = mail
            MailAttachment.objects.bulk_create(files)
    except IntegrityError:
        if key is None:
            raise
        return Mail.objects.get(key=key)  # the same key, queued by a request at the same time
    send_after_commit(mail.pk)
    return mail


def mail_render(
    template: str, context: Mapping[str, Any], *, language: str = "nl"
) -> tuple[str, str, str]:
    """Subject, text and HTML ("" without an HTML template) of a mail, in ``language``."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        subject = " ".join(_render_text(f"mail/{template}_subject.txt", context).split())
        body = _render_text(f"mail/{template}.txt", context)
        try:
            html_template = get_template(f"mail/{template}.html")
        except TemplateDoesNotExist:
            return subject, body, ""
        return subject, body, html_template.render(dict(context))


def _render_text(name: str, context: Mapping[str, Any]) -> str:
    """A plain-text template: no HTML escaping ("&" stays "&")."""
    return Engine.get_default().get_template(name).render(Context(dict(context), autoescape=False))
