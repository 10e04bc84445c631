"""Sending: exactly once, retried while the mail server is down, repaired by the sweep."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail as django_mail
from django.db import connection
from django.utils import timezone

from binnenuit.core.periodic import PERIODIC
from binnenuit.mail.models import Mail
from binnenuit.mail.tasks import deliver, mail_send, retry_delay, sweep
from tests.mail.conftest import DOWN, LOCMEM, SLOW, queue, run_ready_tasks, send_tasks

MINUTE = datetime.timedelta(minutes=1)


def reloaded(mail: Mail) -> Mail:
    return Mail.objects.get(pk=mail.pk)


@pytest.mark.django_db
def test_the_task_sends_a_mail_exactly_once_when_it_runs_twice(queued):
    mail = queued()
    mail_send.enqueue(mail.pk)  # a second task for the same mail (a repeat, the sweep)
    assert run_ready_tasks() == ["sent", "skipped"]
    assert mail_send.call(mail.pk) == "skipped"
    assert len(django_mail.outbox) == 1
    [message] = django_mail.outbox
    assert message.to == ["ann@test.example"]
    assert message.subject == "Testbericht van Binnenuit"
    assert [mimetype for _, mimetype in message.alternatives] == ["text/html"]
    mail = reloaded(mail)
    assert (mail.status, mail.attempts, mail.last_error) == (Mail.Status.SENT, 1, "")
    assert mail.sent_at is not None and mail.sending_since is None


@pytest.mark.django_db
def test_a_failing_mail_server_leaves_the_mail_queued_until_it_works(
    queued, settings, django_capture_on_commit_callbacks
):
    mail = queued()
    settings.MAILERS = DOWN
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(mail.pk, now=now) == "retry"
    mail = reloaded(mail)
    assert (mail.status, mail.attempts, mail.next_try) == (Mail.Status.QUEUED, 1, now + MINUTE)
    assert "SMTPConnectError" in mail.last_error and "Service not available" in mail.last_error
    retry = send_tasks(mail)[-1]
    assert retry.run_after == now + MINUTE  # the task is enqueued again, to run then
    assert mail.task_id == str(retry.id)
    assert deliver(mail.pk, now=now + MINUTE / 2) == "skipped"  # not due yet

    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(mail.pk, now=now + MINUTE) == "retry"  # still down: wait 2 minutes
    assert reloaded(mail).next_try == now + 3 * MINUTE

    settings.MAILERS = LOCMEM  # the mail server is back
    assert deliver(mail.pk, now=now + 3 * MINUTE) == "sent"
    assert deliver(mail.pk, now=now + 4 * MINUTE) == "skipped"
    assert len(django_mail.outbox) == 1
    mail = reloaded(mail)
    assert (mail.status, mail.attempts, mail.last_error) == (Mail.Status.SENT, 3, "")


def test_the_wait_doubles_up_to_an_hour():
    minutes = [retry_delay(attempt) / MINUTE for attempt in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


@pytest.mark.django_db
def test_a_mail_that_fails_for_three_days_is_marked_failed_and_kept(queued, settings):
    mail = queued()
    settings.MAILERS = DOWN
    Mail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3, minutes=1), attempts=80
    )
    assert deliver(mail.pk) == "failed"
    mail = reloaded(mail)
    assert (mail.status, mail.attempts) == (Mail.Status.FAILED, 81)
    assert "Service not available" in mail.last_error
    assert deliver(mail.pk) == "skipped"
    assert sweep(now=timezone.now() + datetime.timedelta(hours=2)) == {"freed": 0, "requeued": 0}


@pytest.mark.django_db
def test_the_sweep_gives_a_mail_whose_task_was_lost_a_new_one(
    queued, django_capture_on_commit_callbacks
):
    mail = queued()
    for task in send_tasks(mail):
        task.delete()  # lost: the process died between the commit and the enqueue
    now = timezone.now()
    assert sweep(now=now) == {"freed": 0, "requeued": 0}  # just queued: give it a minute
    later = now + 2 * MINUTE
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(now=later) == {"freed": 0, "requeued": 1}
    assert len(send_tasks(mail)) == 1
    assert sweep(now=later) == {"freed": 0, "requeued": 0}  # its new task is waiting
    assert run_ready_tasks() == ["sent"]
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_the_sweep_leaves_a_mail_whose_task_waits_for_a_worker(queued):
    mail = queued()  # the worker is down: its task waits in the queue
    assert sweep(now=timezone.now() + datetime.timedelta(hours=5)) == {"freed": 0, "requeued": 0}
    assert len(send_tasks(mail)) == 1


@pytest.mark.django_db
def test_the_sweep_frees_a_mail_stuck_in_sending(queued, django_capture_on_commit_callbacks):
    stuck, busy = queued(), queued()
    now = timezone.now()
    # Their workers claimed them, then one died: it never got to "sent".
    Mail.objects.filter(pk=stuck.pk).update(
        status=Mail.Status.SENDING, sending_since=now - 16 * MINUTE, attempts=1
    )
    Mail.objects.filter(pk=busy.pk).update(
        status=Mail.Status.SENDING, sending_since=now - 5 * MINUTE, attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(now=now) == {"freed": 1, "requeued": 0}
    assert reloaded(stuck).status == Mail.Status.QUEUED
    assert reloaded(busy).status == Mail.Status.SENDING
    assert deliver(stuck.pk, now=now) == "sent"
    assert reloaded(stuck).attempts == 2
    assert [m.to for m in django_mail.outbox] == [["ann@test.example"]]


def test_the_sweep_runs_every_minute():
    assert PERIODIC["binnenuit.mail.tasks.mail_sweep"].every == MINUTE


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_mail_at_once_send_it_once(settings):
    mail = queue()
    settings.MAILERS = SLOW
    barrier = threading.Barrier(2)
    outcomes = []

    def worker() -> None:
        try:
            barrier.wait()
            outcomes.append(deliver(mail.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["sent", "skipped"]
    assert len(django_mail.outbox) == 1
    assert reloaded(mail).attempts == 1
