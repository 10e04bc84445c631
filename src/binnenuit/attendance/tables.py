"""The columns of the attendance app's tables."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.attendance.reports import date_text, meeting_label
from binnenuit.attendance.selectors import RoundProgress
from binnenuit.core.tables import Column


def round_columns(progress: RoundProgress) -> list[Column]:
    """Name, one column per module, then followed, absent and completion."""
    return [
        Column(_("Name")),
        *[Column(f"{meeting_label(m)} ({date_text(m)})") for m in progress.meetings],
        Column(_("Followed"), numeric=True),
        Column(_("Absent"), numeric=True),
        Column(_("Completion")),
    ]


PERSON = [
    Column(_("Meeting")),
    Column(_("Date")),
    Column(_("Attendance")),
]
OWN = [
    Column(_("Meeting")),
    Column(_("Trajectory")),
    Column(_("Date")),
    Column(_("Attendance")),
]
DEPARTMENTS = [
    Column(_("Round")),
    Column(_("Department")),
    Column(_("People"), numeric=True),
    Column(_("Modules followed"), numeric=True),
    Column(_("Absences"), numeric=True),
    Column(_("Attendance (%)"), numeric=True),
    Column(_("Completed"), numeric=True),
    Column(_("At risk"), numeric=True),
]
