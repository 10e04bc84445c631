"""Retention: applications that did not lead to a place are removed, daily by the worker.

How long: ``privacy.RETENTION_DAYS`` after the call closed (see the privacy register).
"""

from __future__ import annotations

import datetime

from django.tasks import task

from binnenuit.core.periodic import periodic
from binnenuit.recruitment import services


@periodic(every=datetime.timedelta(days=1))
@task
def recruitment_retention() -> int:
    """Remove the applications past their retention period; how many went."""
    return services.application_retention_run()
