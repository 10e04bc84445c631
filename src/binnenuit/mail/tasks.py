"""The worker's side of the outbox: send one mail, sweep the outbox, prune the task queue.

Sending a mail (``mail_send``, one task per mail, enqueued after the commit that queued it):

1. **claim** it: one conditional UPDATE turns the row from queued into sending, and only
   when it is due. A second task for the same mail, or a second worker, claims nothing and
   stops: a mail is never sent twice because a task ran twice;
2. **send** it through Django's mail API (the ``default`` mailer of ``MAILERS``);
3. mark it **sent**.

Any exception while building or sending the message puts the mail back in the queue with
one more attempt and a next try after 1, 2, 4 … minutes (an hour at most), and enqueues the
task again to run then (``run_after``). A mail that still cannot be sent three days after it
was queued is marked failed; it is kept, never deleted.

``mail_sweep`` (every minute) repairs what a lost task or a crash leaves behind: a queued
mail that is due and has no task waiting (the process died between the commit and the
enqueue; the task result was pruned) gets a new task, and a mail that has been "sending"
for over 15 minutes (its worker died) goes back to the queue.

The one window in which a mail can go out twice: a worker that dies after the mail server
accepted the message and before "sent" was committed. The sweep then frees the row and the
mail is sent again, with the same Message-ID, so that most mail programs show it once.
"""

from __future__ import annotations

import datetime
import email.message
import functools
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import F
from django.tasks import TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from binnenuit.core.periodic import periodic
from binnenuit.mail.models import Mail, MailAttachment

logger = logging.getLogger(__name__)

RETRY_FOR = datetime.timedelta(days=3)  # then a mail that keeps failing is marked failed
MAX_DELAY = datetime.timedelta(hours=1)
STUCK_AFTER = datetime.timedelta(minutes=15)  # "sending" this long: its worker died
LOST_AFTER = datetime.timedelta(minutes=1)  # due this long without a task waiting: lost
KEEP_TASK_RESULTS = datetime.timedelta(days=7)


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed try: 1, 2, 4 … minutes, 1 hour max."""
    return min(datetime.timedelta(minutes=2 ** min(max(attempts - 1, 0), 6)), MAX_DELAY)


def send_after_commit(mail_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Enqueue the mail's send task once the current transaction commits (at once outside one).

    Nothing is enqueued for a transaction that rolls back. Should the enqueue itself fail,
    the error is logged and the request goes on: the mail is in the outbox and the sweep
    gives it a task.
    """
    transaction.on_commit(functools.partial(_enqueue, mail_id, run_after), robust=True)


def _enqueue(mail_id: int, run_after: datetime.datetime | None) -> None:
    send = mail_send if run_after is None else mail_send.using(run_after=run_after)
    result = send.enqueue(mail_id)
    Mail.objects.filter(pk=mail_id).update(task_id=result.id)


# --- Sending --------------------------------------------------------------------------------


@task
def mail_send(mail_id: int) -> str:
    """Send one queued mail (see the module's docstring); what happened, for the task log."""
    return deliver(mail_id)


def deliver(mail_id: int, *, now: datetime.datetime | None = None) -> str:
    """Claim, send and mark one mail: "sent", "retry", "failed" or "skipped" (not claimable)."""
    now = now or timezone.now()
    claimed = Mail.objects.filter(pk=mail_id, status=Mail.Status.QUEUED, next_try__lte=now).update(
        status=Mail.Status.SENDING, sending_since=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"  # sent or being sent already, failed, not due yet, or gone
    mail = Mail.objects.prefetch_related("attachments").get(pk=mail_id)
    try:
        if mailers.default.send_messages([email_message(mail)]) != 1:
            raise RuntimeError("The mail backend did not send the message.")
    except Exception as error:  # noqa: BLE001 (whatever the backend raises, the mail waits)
        return _failed(mail, error, now)
    Mail.objects.filter(pk=mail_id).update(
        status=Mail.Status.SENT, sent_at=timezone.now(), sending_since=None, last_error=""
    )
    logger.info("Mail %s sent (attempt %s).", mail_id, mail.attempts)
    return "sent"


def _failed(mail: Mail, error: Exception, now: datetime.datetime) -> str:
    reason = f"{type(error).__name__}: {error}"[:2000]
    if now - mail.created_at >= RETRY_FOR:
        Mail.objects.filter(pk=mail.pk).update(
            status=Mail.Status.FAILED, sending_since=None, last_error=reason
        )
        logger.error("Mail %s failed for good (%s attempts): %s", mail.pk, mail.attempts, reason)
        return "failed"
    next_try = now + retry_delay(mail.attempts)
    with transaction.atomic():
        Mail.objects.filter(pk=mail.pk).update(
            status=Mail.Status.QUEUED, sending_since=None, next_try=next_try, last_error=reason
        )
        send_after_commit(mail.pk, run_after=next_try)
    logger.warning(
        "Mail %s not sent (attempt %s), next try %s: %s", mail.pk, mail.attempts, next_try, reason
    )
    return "retry"


def email_message(mail: Mail) -> EmailMultiAlternatives:
    """The mail as Django sends it: text, HTML alternative, attachments, a stable Message-ID."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        to=[mail.recipient],
        headers={"Message-ID": message_id(mail), "Auto-Submitted": "auto-generated"},
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    for attachment in mail.attachments.all():
        message.attach(attachment_part(attachment))
    return message


def message_id(mail: Mail) -> str:
    """The same Message-ID on every try, so that a mail sent twice shows once."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "binnenuit"
    return f"<binnenuit.mail.{mail.pk}.{int(mail.created_at.timestamp())}@{domain}>"


def attachment_part(attachment: MailAttachment) -> email.message.MIMEPart:
    """A MIME part with the attachment's full Content-Type, parameters included.

    Django's ``attach(filename, content, mimetype)`` takes a bare "type/subtype"; a calendar
    invitation needs ``text/calendar; method=REQUEST``.
    """
    maintype, subtype, params = parse_content_type(attachment.content_type)
    part = email.message.MIMEPart()
    content = bytes(attachment.content)
    if maintype == "text":
        charset = params.pop("charset", "utf-8")
        part.set_content(
            content.decode(charset),
            subtype=subtype,
            charset=charset,
            params=params,
            disposition="attachment",
            filename=attachment.filename,
        )
    else:
        part.set_content(
            content,
            maintype,
            subtype,
            params=params,
            disposition="attachment",
            filename=attachment.filename,
        )
    return part


def parse_content_type(content_type: str) -> tuple[str, str, dict[str, str]]:
    """``"text/calendar; method=REQUEST"`` → ``("text", "calendar", {"method": "REQUEST"})``."""
    header = email.message.EmailMessage()
    header["Content-Type"] = content_type
    if "/" not in content_type.split(";", 1)[0] or header.defects:
        raise ValueError(f"Not a content type: {content_type!r}")
    params = {str(k): str(v) for k, v in header["Content-Type"].params.items()}
    return header.get_content_maintype(), header.get_content_subtype(), params


# --- Repair and housekeeping ----------------------------------------------------------------


@periodic(every=datetime.timedelta(minutes=1))
@task
def mail_sweep() -> dict[str, int]:
    """Give lost mails a task again and free mails stuck in "sending" (module docstring)."""
    return sweep()


def sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    freed = 0
    stuck = Mail.objects.filter(status=Mail.Status.SENDING, sending_since__lt=now - STUCK_AFTER)
    for mail_id in stuck.values_list("pk", flat=True):
        # One conditional UPDATE per row: of two sweeps at once, one frees it.
        if stuck.filter(pk=mail_id).update(
            status=Mail.Status.QUEUED, sending_since=None, next_try=now
        ):
            send_after_commit(mail_id)
            freed += 1
    requeued = 0
    due = Mail.objects.filter(status=Mail.Status.QUEUED, next_try__lte=now - LOST_AFTER)
    for mail_id, task_id in due.values_list("pk", "task_id").order_by("next_try")[:500]:
        if not _task_waiting(task_id):
            send_after_commit(mail_id)
            requeued += 1
    if freed or requeued:
        logger.warning("Mail sweep: %s freed from sending, %s given a new task.", freed, requeued)
    return {"freed": freed, "requeued": requeued}


def _task_waiting(task_id: str) -> bool:
    """Whether the mail's last task is still waiting to run (it will send the mail)."""
    if not task_id or not mail_send.get_backend().supports_get_result:
        return False
    try:
        return mail_send.get_result(task_id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False


@periodic(every=datetime.timedelta(hours=6))
@task
def task_results_prune() -> int:
    """Delete finished task results older than 7 days (the sweep alone makes 1,440 a day)."""
    finished = DBTaskResult.objects.finished().filter(
        finished_at__lt=timezone.now() - KEEP_TASK_RESULTS
    )
    deleted, _ = finished.delete()
    return deleted
