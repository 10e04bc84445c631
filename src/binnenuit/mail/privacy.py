"""The mail app's entries in the privacy register: the outbox, and the task queue it uses."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, Erase, declare

declare(
    "mail.Mail",
    fields={
        "id": NOT_PERSONAL,
        "recipient": Category.CONTACT,
        "subject": Category.FREE_TEXT,
        "body": Category.FREE_TEXT,
        "html_body": Category.FREE_TEXT,
        "template": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "attempts": NOT_PERSONAL,
        "next_try": NOT_PERSONAL,
        "sending_since": NOT_PERSONAL,
        "sent_at": NOT_PERSONAL,
        "last_error": Category.FREE_TEXT,  # a mail server's refusal may quote the address
        "key": NOT_PERSONAL,  # made of record keys ("invitation-17"), never of names
        "task_id": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
    },
    purpose=_(
        "Sending the e-mail messages the programme needs (invitations, new passwords, "
        "meeting invitations) and showing that they were sent."
    ),
    subject="recipient",
    # Erasing a person deletes the mail sent to them (and what still waits to be sent).
    erase=Erase.DELETE,
    retention=_("Kept as the record of what was sent to whom."),
)

declare(
    "mail.MailAttachment",
    fields={
        "id": NOT_PERSONAL,
        "mail": NOT_PERSONAL,
        "filename": NOT_PERSONAL,  # chosen by the code ("uitnodiging.ics")
        "content_type": NOT_PERSONAL,
        "content": Category.FREE_TEXT,
    },
    purpose=_("Files sent with an e-mail message, such as a meeting's calendar invitation."),
    subject="mail__recipient",
    erase=Erase.DELETE,
    retention=_("As long as the e-mail message it belongs to."),
)

declare(
    "mail.PeriodicRun",
    fields={
        "id": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "next_run_at": NOT_PERSONAL,
        "last_run_at": NOT_PERSONAL,
    },
    purpose=_("The background worker's schedule."),
)

# The task queue (django-tasks-db). Tasks are given record keys, never personal data.
declare(
    "django_tasks_database.DBTaskResult",
    fields={
        "id": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "enqueued_at": NOT_PERSONAL,
        "started_at": NOT_PERSONAL,
        "finished_at": NOT_PERSONAL,
        "args_kwargs": NOT_PERSONAL,  # keys only, by the rule above
        "priority": NOT_PERSONAL,
        "task_path": NOT_PERSONAL,
        "worker_ids": NOT_PERSONAL,
        "queue_name": NOT_PERSONAL,
        "backend_name": NOT_PERSONAL,
        "run_after": NOT_PERSONAL,
        "return_value": NOT_PERSONAL,
        "exception_class_path": NOT_PERSONAL,
        "traceback": Category.FREE_TEXT,  # an error's message may quote anything
    },
    purpose=_("The queue of background work, such as sending e-mail."),
    retention=_("Finished tasks are removed after 7 days."),
)
