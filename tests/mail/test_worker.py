"""The worker: periodic tasks enqueued once per run, and a real worker process sending mail."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from binnenuit.core.periodic import Periodic
from binnenuit.mail.models import PeriodicRun
from binnenuit.mail.outbox import outbox_messages
from binnenuit.mail.schedule import load_periodic_tasks, schedule_due
from tests.commands import ROOT, run_manage

MINUTE = datetime.timedelta(minutes=1)


@task
def tick() -> None:
    """A periodic task for these tests."""


TICK = Periodic(name="tests.mail.test_worker.tick", task=tick, every=MINUTE)


def ticks() -> int:
    return DBTaskResult.objects.filter(task_path="tests.mail.test_worker.tick").count()


@pytest.mark.django_db
def test_a_due_periodic_task_is_enqueued_once_however_often_the_worker_asks():
    now = timezone.now()
    assert schedule_due(now=now, periodics=[TICK]) == [TICK.name]  # new: due at once
    assert schedule_due(now=now, periodics=[TICK]) == []
    assert schedule_due(now=now + MINUTE / 2, periodics=[TICK]) == []
    assert ticks() == 1
    run = PeriodicRun.objects.get(name=TICK.name)
    assert (run.last_run_at, run.next_run_at) == (now, now + MINUTE)

    assert schedule_due(now=now + MINUTE, periodics=[TICK]) == [TICK.name]
    assert schedule_due(now=now + MINUTE, periodics=[TICK]) == []
    assert ticks() == 2


@pytest.mark.django_db
def test_a_worker_that_was_down_runs_an_overdue_task_once():
    now = timezone.now()
    schedule_due(now=now, periodics=[TICK])
    later = now + 90 * MINUTE  # 90 periods missed
    assert schedule_due(now=later, periodics=[TICK]) == [TICK.name]
    assert schedule_due(now=later + MINUTE / 2, periodics=[TICK]) == []
    assert ticks() == 2


@pytest.mark.django_db
def test_the_worker_finds_every_apps_periodic_tasks():
    names = load_periodic_tasks()
    assert {"binnenuit.mail.tasks.mail_sweep", "binnenuit.mail.tasks.task_results_prune"} <= set(
        names
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_enqueue_a_run_once():
    now = timezone.now()
    barrier = threading.Barrier(4)
    enqueued: list[str] = []

    def worker() -> None:
        try:
            barrier.wait()
            enqueued.extend(schedule_due(now=now, periodics=[TICK]))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert enqueued == [TICK.name]
    assert ticks() == 1


QUEUE_A_MAIL = """
from django.core.management import call_command
from django.db import transaction
from binnenuit.mail.services import mail_queue
call_command("migrate", verbosity=0)
with transaction.atomic():
    mail_queue(to="ann@test.example", template="test_message",
               context={"name": "Ann", "url": "https://binnenuit.test/inloggen/"})
"""


def test_the_worker_process_sends_a_queued_mail_into_the_file_outbox(tmp_path):
    """End to end: a committed mail, `manage.py worker` on the same (throwaway) database."""
    queued = run_manage("shell", "-v0", "-c", QUEUE_A_MAIL, BINNENUIT_DATA_DIR=str(tmp_path))
    assert queued.returncode == 0, queued.stderr
    outbox = tmp_path / "outbox"
    assert not outbox.exists()  # nothing is sent without the worker
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "BINNENUIT_", "DATABASE_URL"))
    }
    environment.update(BINNENUIT_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "worker", "--interval=0.1", "--no-startup-delay"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and not any(outbox.glob("*.log")):
            time.sleep(0.1)
    finally:
        worker.terminate()  # a graceful stop: it finishes the task it is running
        output, _ = worker.communicate(timeout=10)
    assert "sqlite database " + str(tmp_path / "binnenuit.sqlite3") in output
    assert "Mail 1 sent (attempt 1)." in output, output
    [message] = outbox_messages(outbox)
    assert (message.recipient, message.subject) == ("ann@test.example", "Testbericht van Binnenuit")
    assert "https://binnenuit.test/inloggen/" in message.body
