"""Retention: entries older than ``AUDIT_RETENTION_DAYS`` are removed, daily by the worker.

The same is ``manage.py audit_prune`` (``--dry-run`` only counts).
"""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.conf import settings
from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone

from binnenuit.core.periodic import periodic

BATCH = 1000  # entries removed per statement, so a first prune of years does not lock long


def expired(now: datetime.datetime | None = None) -> QuerySet[LogEntry]:
    """The entries past the retention period."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    entries: QuerySet[LogEntry] = LogEntry.objects.filter(timestamp__lt=cutoff)
    return entries


def prune(now: datetime.datetime | None = None) -> int:
    """Remove the expired entries (and so their place on the trails); returns how many went."""
    removed = 0
    while ids := list(expired(now).order_by("pk").values_list("pk", flat=True)[:BATCH]):
        LogEntry.objects.filter(pk__in=ids).delete()
        removed += len(ids)
    return removed


@periodic(every=datetime.timedelta(days=1))
@task
def audit_prune() -> int:
    return prune()
