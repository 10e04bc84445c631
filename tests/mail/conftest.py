from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from binnenuit.mail.services import mail_queue

DOWN = {"default": {"BACKEND": "tests.mail.backends.DownBackend"}}
SLOW = {"default": {"BACKEND": "tests.mail.backends.SlowBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def queue(to: str = "ann@test.example", **kwargs):
    """A test message to ``to``, queued as a service queues it."""
    kwargs.setdefault("template", "test_message")
    kwargs.setdefault("context", {"name": "Ann", "url": "https://binnenuit.test/inloggen/"})
    return mail_queue(to=to, **kwargs)


def send_tasks(mail=None) -> list[DBTaskResult]:
    """The send tasks waiting in the queue (for one mail)."""
    tasks = DBTaskResult.objects.filter(task_path="binnenuit.mail.tasks.mail_send").order_by(
        "enqueued_at"
    )
    if mail is not None:
        tasks = tasks.filter(args_kwargs__args=[mail.pk])
    return list(tasks)


def run_ready_tasks() -> list[object]:
    """Run every task that is due, as the worker would; their return values."""
    values = []
    while (row := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        row.claim("test-worker")
        result = row.task_result
        value = row.task.call(*result.args, **result.kwargs)
        row.set_successful(value)
        values.append(value)
    return values


@pytest.fixture
def queued(db, django_capture_on_commit_callbacks):
    """Queue a mail in a committed transaction (its send task enqueued)."""

    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return queue(**kwargs)

    return make
