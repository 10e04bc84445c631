"""Retention: entries older than AUDIT_RETENTION_DAYS go, daily (the task) or by command."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from binnenuit.audit import tasks
from binnenuit.audit.models import TrailEntry
from binnenuit.core.periodic import PERIODIC

pytestmark = pytest.mark.django_db


@pytest.fixture
def aged(world, settings):
    """Retention of 30 days; three of the world's entries are 31 days old, one exactly 30."""
    settings.AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    entries = list(LogEntry.objects.filter(trail_entries__organisation=world.org).order_by("pk"))
    old = [e.pk for e in entries[:3]]
    LogEntry.objects.filter(pk__in=old).update(timestamp=now - datetime.timedelta(days=31))
    LogEntry.objects.filter(pk=entries[3].pk).update(
        timestamp=now - datetime.timedelta(days=30) + datetime.timedelta(minutes=1)
    )
    return old


def run(*args: str) -> str:
    out = StringIO()
    call_command("audit_prune", *args, stdout=out)
    return out.getvalue().strip()


def test_dry_run_counts_and_removes_nothing(aged):
    total = LogEntry.objects.count()
    assert run("--dry-run") == "3 audit entries older than 30 days would be removed."
    assert LogEntry.objects.count() == total


def test_the_command_removes_the_old_entries_and_their_place_on_the_trail(aged):
    total, on_trail = LogEntry.objects.count(), TrailEntry.objects.count()
    assert run() == "3 audit entries older than 30 days removed."
    assert LogEntry.objects.count() == total - 3
    assert not LogEntry.objects.filter(pk__in=aged).exists()
    assert not TrailEntry.objects.filter(log_entry_id__in=aged).exists()
    assert TrailEntry.objects.count() == on_trail - 3
    assert run("--dry-run") == "0 audit entries older than 30 days would be removed."


def test_the_task_prunes_in_batches(aged, monkeypatch):
    monkeypatch.setattr(tasks, "BATCH", 2)
    assert tasks.audit_prune.call() == 3
    assert not LogEntry.objects.filter(pk__in=aged).exists()


def test_the_task_runs_daily():
    [entry] = [p for p in PERIODIC.values() if p.task is tasks.audit_prune]
    assert entry.every == datetime.timedelta(days=1)
    assert entry.name == "binnenuit.audit.tasks.audit_prune"
