"""The worker's schedule: enqueue every periodic task (``core.periodic``) when it is due.

Each periodic task has one ``PeriodicRun`` row with its next run. :func:`schedule_due` claims
a due run with one conditional UPDATE (next run ≤ now → now + every) and enqueues the task in
the same transaction, so two workers, or one asked twice, enqueue a run once; a worker that
was down runs each overdue task once when it comes back, not once per missed period.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Iterable

from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from binnenuit.core.periodic import PERIODIC, Periodic
from binnenuit.mail.models import PeriodicRun

logger = logging.getLogger(__name__)


def load_periodic_tasks() -> dict[str, Periodic]:
    """Import every installed app's ``tasks`` module, where periodic tasks register."""
    autodiscover_modules("tasks")
    return PERIODIC


def schedule_due(
    *, now: datetime.datetime | None = None, periodics: Iterable[Periodic] | None = None
) -> list[str]:
    """Enqueue the periodic tasks that are due at ``now``; the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in PERIODIC.values() if periodics is None else periodics:
        # A task the worker meets for the first time is due at once.
        PeriodicRun.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(name=job.name, next_run_at__lte=now).update(
                next_run_at=now + job.every, last_run_at=now
            )
            if claimed:
                job.task.enqueue()
                enqueued.append(job.name)
    return enqueued


class Scheduler(threading.Thread):
    """Runs :func:`schedule_due` every ``interval`` seconds beside the task worker."""

    def __init__(self, *, interval: float) -> None:
        super().__init__(name="binnenuit-scheduler", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            close_old_connections()
            try:
                for name in schedule_due():
                    logger.info("Enqueued periodic task %s.", name)
            except Exception:
                # A locked or unreachable database: try again at the next tick.
                logger.exception("Scheduling the periodic tasks failed.")
            finally:
                connection.close()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
