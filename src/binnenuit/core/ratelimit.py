"""Rate limits shared by every process: the counts live in the database, not in memory.

``hit(key)`` counts an attempt; ``exceeded(key, limit, window)`` says whether the attempts
within the window reached the limit. Keys say what is counted, e.g. "login:ip:192.0.2.7".
Old hits are pruned by a periodic task.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.tasks import task
from django.utils import timezone

from binnenuit.core.http import client_ip
from binnenuit.core.models import RateLimitHit
from binnenuit.core.periodic import periodic

KEEP = datetime.timedelta(days=1)  # the longest window any limit uses


def hit(key: str) -> None:
    RateLimitHit.objects.create(key=key, at=timezone.now())


def count(key: str, window: datetime.timedelta) -> int:
    return RateLimitHit.objects.filter(key=key, at__gte=timezone.now() - window).count()


def exceeded(key: str, *, limit: int, window: datetime.timedelta) -> bool:
    return count(key, window) >= limit


def prune(now: datetime.datetime | None = None) -> int:
    """Forget hits older than any window; returns how many went."""
    deleted, _ = RateLimitHit.objects.filter(at__lt=(now or timezone.now()) - KEEP).delete()
    return deleted


@periodic(every=datetime.timedelta(hours=1))
@task
def ratelimit_prune() -> int:
    return prune()


PUBLIC_FORM_LIMIT = 30  # posts an hour from one address to one public form


def public_form_over_limit(request: Any, form: str, *, limit: int = PUBLIC_FORM_LIMIT) -> bool:
    """Count a post to a public (no login) form from this address; whether it is one too many.

    Every public form passes here first, so that no address can hammer it, in any process.
    """
    key = f"public-form:{form}:{client_ip(request)}"
    over = exceeded(key, limit=limit, window=datetime.timedelta(hours=1))
    if not over:
        hit(key)
    return over
