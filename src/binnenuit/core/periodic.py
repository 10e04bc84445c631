"""Periodic background work: tasks that the worker enqueues on a schedule.

An app marks a task (Django's task framework) as periodic where it defines it:

    @periodic(every=datetime.timedelta(hours=1))
    @task
    def audit_prune() -> None: ...

``./dev worker`` (``manage.py worker``, in the mail app: the outbox's worker is the one worker)
runs the task worker and, beside it, enqueues every periodic task when it is due
(``binnenuit.mail.schedule``); ``PeriodicRun`` rows keep the last run, so two workers or a
restart never run one twice in the same period. The worker imports every app's ``tasks``
module first: define periodic tasks there (or in a module that the app's ``ready()`` imports).
A periodic task takes no arguments and, like every task, is a module-level function.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PERIODIC: dict[str, Periodic] = {}


@dataclass(frozen=True)
class Periodic:
    name: str  # the task's module path, its key in the schedule
    task: Any  # a django.tasks Task
    every: datetime.timedelta


def periodic(*, every: datetime.timedelta) -> Callable[[Any], Any]:
    """Register a task to be enqueued every ``every`` by the worker."""

    def register(task: Any) -> Any:
        name = f"{task.module_path}" if hasattr(task, "module_path") else repr(task)
        if name in PERIODIC:
            raise KeyError(f"{name} is registered as periodic already.")
        PERIODIC[name] = Periodic(name=name, task=task, every=every)
        return task

    return register
