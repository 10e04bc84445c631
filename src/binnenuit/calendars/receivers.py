"""What calendars does when the trajectories app announces a meeting's change.

``meeting_changed`` is sent after the change committed; the invitations are made by the
worker (a task per meeting), so the planner's request does not wait for them. Should the
task not be enqueued, the sweep (``tasks.calendar_invitations_sweep``) sends them within
15 minutes: nothing is lost.
"""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from binnenuit.calendars.tasks import meeting_invitations_send
from binnenuit.trajectories.signals import meeting_changed

logger = logging.getLogger(__name__)


@receiver(meeting_changed, dispatch_uid="calendars.meeting_changed")
def meeting_changed_invite(sender: Any, meeting: Any, change: str, **kwargs: Any) -> None:
    try:
        meeting_invitations_send.enqueue(meeting.pk)
    except Exception:
        # The planner's change is saved; the sweep sends what this task would have.
        logger.exception(
            "Could not enqueue the invitations of meeting %s (%s).", meeting.pk, change
        )
