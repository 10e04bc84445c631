"""Keeping attendance, and setting a round's completion rule.

The attendees of a meeting are its ``trajectories.Attendance`` rows, which
``trajectories.services.sync_attendance`` keeps in line with the enrolments; this app records
whether they came. Marking is allowed from the meeting's own day on (at the door, before it
starts, and any day afterwards to correct it), never before: nobody is absent from a meeting
that has yet to happen.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import validate
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import (
    AbsenceReason,
    Attendance,
    AttendanceStatus,
    Meeting,
    Module,
    Round,
    Trajectory,
)
from binnenuit.trajectories.services import expected_attendees

MARKS = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT)


def _check_markable(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ServiceError(_("This meeting has been cancelled: there is no attendance to keep."))
    if meeting.date is None:
        raise ServiceError(_("This meeting has no date yet: plan it first."))
    if meeting.date > timezone.localdate():
        raise ServiceError(
            _("Attendance can be kept from the day of the meeting, %(date)s.")
            % {"date": formats.date_format(meeting.date, "l j F Y")}
        )


@transaction.atomic
def attendance_mark(
    *, by: Actor, meeting: Meeting, person: Person, status: str, reason: str = ""
) -> Attendance:
    """Record that someone on the meeting's list was present, late or absent (with a reason).

    The row is locked while it changes, so two people marking at the door at once record one
    after the other; who recorded it and when are kept, and the audit trail records the
    change without the reason. A reason goes with an absence only; marking someone absent
    again without a reason keeps the reason given before.
    """
    require(by, "attendance.mark", meeting)
    if status not in MARKS:
        raise ServiceError(fields={"status": _("Choose present, late or absent.")})
    if reason and reason not in AbsenceReason.values:
        raise ServiceError(fields={"reason": _("Choose sick, leave or other as the reason.")})
    if reason and status != AttendanceStatus.ABSENT:
        raise ServiceError(fields={"reason": _("Only an absence has a reason.")})
    locked_meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_markable(locked_meeting)
    row = Attendance.objects.select_for_update().filter(meeting=meeting, person=person).first()
    if row is None:
        raise ServiceError(
            fields={
                "person": _("%(name)s is not on the list of this meeting.")
                % {"name": person.full_name}
            }
        )
    if status == AttendanceStatus.ABSENT and not reason and row.status == status:
        reason = row.absence_reason
    if row.status == status and row.absence_reason == reason:
        return row  # a second tap changes nothing
    row.status = status
    row.absence_reason = reason if status == AttendanceStatus.ABSENT else ""
    row.recorded_by = by.user
    row.recorded_at = timezone.now()
    validate(row)
    row.save(update_fields=["status", "absence_reason", "recorded_by", "recorded_at"])
    return row


@transaction.atomic
def attendance_list_fill(*, by: Actor, meeting: Meeting) -> int:
    """Put the people the meeting expects (the brochure's defaults: a module's round, the
    intakes' round 1, the theme session's managers) on its list; returns how many were added.

    For a meeting planned after it was held: ``sync_attendance`` leaves a held meeting's list
    as it is, so it starts empty. Nobody is taken off.
    """
    require(by, "attendance.fill_list", meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.is_cancelled:
        raise ServiceError(_("This meeting has been cancelled: there is no attendance to keep."))
    expected = expected_attendees([locked])[locked.pk]
    present = set(Attendance.objects.filter(meeting=locked).values_list("person_id", flat=True))
    added = Attendance.objects.bulk_create(
        [
            Attendance(organisation_id=locked.organisation_id, meeting=locked, person_id=pk)
            for pk in sorted(expected - present)
        ],
        ignore_conflicts=True,
    )
    return len(added)


@transaction.atomic
def completion_rule_set(
    *, by: Actor, trajectory: Trajectory, minimums: Mapping[str, int | None]
) -> list[Round]:
    """Set how many modules each round's people must follow to complete it (stage → number;
    None: the programme's default). Between one and the round's number of modules."""
    require(by, "attendance.rule", trajectory)
    rounds = {
        r.stage: r
        for r in Round.objects.select_for_update().filter(
            trajectory=trajectory, organisation=trajectory.organisation
        )
    }
    if set(minimums) - set(rounds):
        raise ServiceError(_("This trajectory has no such round."))
    counts: dict[int, int] = {}
    for round_id in Module.objects.filter(round__in=rounds.values()).values_list(
        "round_id", flat=True
    ):
        counts[round_id] = counts.get(round_id, 0) + 1
    errors: dict[str, str] = {}
    for stage, minimum in minimums.items():
        modules = counts.get(rounds[stage].pk, 0)
        if minimum is not None and not 1 <= minimum <= modules:
            errors[stage] = _("Choose a number from 1 to %(count)s, the round's modules.") % {
                "count": modules
            }
    if errors:
        raise ServiceError(fields=errors)
    changed = []
    for stage, minimum in minimums.items():
        round_ = rounds[stage]
        if round_.completion_minimum != minimum:
            round_.completion_minimum = minimum
            validate(round_)
            round_.save(update_fields=["completion_minimum"])
            changed.append(round_)
    return changed
