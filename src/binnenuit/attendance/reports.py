"""What the reports say, on the page and in their CSV and XLSX: one set of rows for both.

A reason of absence is in a report only for a reader who may mark attendance (``reasons``);
everyone else reads "absent". The department report never has reasons: a count of the sick
in a small department would say who they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binnenuit.attendance.completion import Risk, Standing
from binnenuit.attendance.exports import Sheet
from binnenuit.attendance.selectors import Cell, DepartmentRow, PersonProgress, RoundProgress
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import AbsenceReason, Attendance, AttendanceStatus, Meeting


def status_text(status: str, reason: str = "", *, reasons: bool = False) -> str:
    """A status in words: present, late, absent (with the reason when ``reasons``), not
    recorded yet, or not on the list (an empty status)."""
    if not status:
        return _("not on the list")
    if status == AttendanceStatus.EXPECTED:
        return _("not recorded yet")
    if status == AttendanceStatus.ABSENT and reasons and reason:
        return _("absent (%(reason)s)") % {"reason": str(AbsenceReason(reason).label).lower()}
    return str(AttendanceStatus(status).label).lower()


def standing_text(person: PersonProgress) -> str:
    standing = person.standing
    if standing == Standing.COMPLETED:
        return _("completed")
    if standing == Standing.ON_TRACK:
        return _("in progress")
    return _("at risk: %(why)s") % {"why": risk_text(person)}


def risk_text(person: PersonProgress) -> str:
    words = {
        Risk.ABSENCES: _("absent %(count)s times") % {"count": person.progress.absent},
        Risk.OUT_OF_REACH: _("can no longer reach the minimum"),
    }
    return ", ".join(words[risk] for risk in person.progress.risks)


def meeting_label(meeting: Meeting) -> str:
    """A module as a column heading: its number and title."""
    if meeting.module is not None:
        return f"{meeting.module.position}. {meeting.module.display_title}"
    return meeting.title


def date_text(meeting: Meeting) -> str:
    return formats.date_format(meeting.date, "j M Y") if meeting.date else _("no date yet")


def rule_text(progress: RoundProgress) -> str:
    return _(
        "Completed with at least %(minimum)s of the %(count)s modules followed "
        "(present or late counts as followed)."
    ) % {"minimum": progress.minimum, "count": len(progress.meetings)}


# --- The rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    person: Person
    enrolment_id: int
    cells: list[str]
    attended: int
    absent: int
    standing: str
    at_risk: bool
    completed: bool


def matrix_rows(progress: RoundProgress, *, reasons: bool) -> list[MatrixRow]:
    return [
        MatrixRow(
            person=p.person,
            enrolment_id=p.enrolment_id,
            cells=[_cell(c, reasons) for c in p.cells],
            attended=p.progress.attended,
            absent=p.progress.absent,
            standing=standing_text(p),
            at_risk=p.standing == Standing.AT_RISK,
            completed=p.standing == Standing.COMPLETED,
        )
        for p in progress.people
    ]


def _cell(cell: Cell, reasons: bool) -> str:
    return status_text(cell.status, cell.reason, reasons=reasons)


def _when(row: Attendance) -> str:
    if row.recorded_at is None:
        return ""
    return formats.date_format(timezone.localtime(row.recorded_at), "j M Y H:i")


# --- The sheets -----------------------------------------------------------------------------


def meeting_sheet(meeting: Meeting, rows: list[Attendance], *, reasons: bool) -> Sheet:
    return Sheet(
        title=meeting.title,
        header=[_("Name"), _("Department"), _("Attendance"), _("Recorded by"), _("Recorded at")],
        rows=[
            [
                row.person.full_name,
                row.person.department,
                status_text(row.status, row.absence_reason, reasons=reasons),
                row.recorded_by.full_name if row.recorded_by else "",
                _when(row),
            ]
            for row in rows
        ],
    )


def round_sheet(progress: RoundProgress, *, reasons: bool) -> Sheet:
    meetings = progress.meetings
    return Sheet(
        title=f"{progress.round.label} {progress.round.trajectory.name}",
        header=[
            _("Name"),
            _("Department"),
            *[f"{meeting_label(m)} ({date_text(m)})" for m in meetings],
            _("Followed"),
            _("Absent"),
            _("Completion"),
        ],
        rows=[
            [
                row.person.full_name,
                row.person.department,
                *row.cells,
                row.attended,
                row.absent,
                row.standing,
            ]
            for row in matrix_rows(progress, reasons=reasons)
        ],
    )


def person_sheet(person: Person, rows: list[Attendance], *, reasons: bool) -> Sheet:
    return Sheet(
        title=person.full_name,
        header=[_("Meeting"), _("Round"), _("Date"), _("Attendance")],
        rows=[
            [
                row.meeting.title,
                row.meeting.round.label if row.meeting.round else _("Preparation"),
                row.meeting.date,
                status_text(row.status, row.absence_reason, reasons=reasons),
            ]
            for row in rows
        ],
    )


def department_sheet(title: str, rows: list[DepartmentRow]) -> Sheet:
    return Sheet(
        title=title,
        header=[
            _("Round"),
            _("Department"),
            _("People"),
            _("Modules followed"),
            _("Absences"),
            _("Attendance (%)"),
            _("Completed"),
            _("At risk"),
        ],
        rows=[
            [
                row.round.label,
                row.department,
                row.people,
                row.attended,
                row.absent,
                row.rate,
                row.completed,
                row.at_risk,
            ]
            for row in rows
        ],
    )
