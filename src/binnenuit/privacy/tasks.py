"""The retention job, run once a day by the worker."""

from __future__ import annotations

import datetime

from django.tasks import task

from binnenuit.core.periodic import periodic
from binnenuit.privacy import services


@periodic(every=datetime.timedelta(days=1))
@task
def privacy_retention() -> dict[str, int]:
    """Anonymise what the retention periods say should go; the counts, for the task's result."""
    due = services.retention_run()
    return {
        "people_who_left": len(due.people_who_left),
        "unused_invitations": len(due.unused_invitations),
        "stale_logins": len(due.stale_logins),
        "past_guests": len(due.past_guests),
        "login_records": due.login_records,
        "ended_sessions": due.ended_sessions,
    }
