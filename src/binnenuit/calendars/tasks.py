"""The worker's calendar work: a meeting's invitations after a change, the sweep that keeps
every meeting's invitations in line (15 minutes), the reminders (hourly)."""

from __future__ import annotations

import datetime

from django.tasks import task

from binnenuit.calendars import services
from binnenuit.core.periodic import periodic


@task
def meeting_invitations_send(meeting_id: int) -> int:
    """The invitations, changes or cancellations one meeting needs now; how many e-mails."""
    return services.invitations_sync(meeting_ids=[meeting_id])


@periodic(every=datetime.timedelta(minutes=15))
@task
def calendar_invitations_sweep() -> int:
    """New attendees of the coming meetings, and whatever a lost task left undone."""
    return services.invitations_sync()


@periodic(every=datetime.timedelta(hours=1))
@task
def calendar_reminders() -> int:
    return services.reminders_send()
