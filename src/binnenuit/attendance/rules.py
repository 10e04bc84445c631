"""Who may see and keep attendance, its reports, the completion rule and certificates.

- **Marking** a meeting's attendance: the organisation's organisers (its advisers — the
  meeting's own advisers among them — and its project leader) and the meeting's
  facilitators, through the login of their employee record. A participant marks nothing.
- **Reasons of absence** ("sick" is health data, AVG art. 9) are shown only to whoever may
  mark: on a meeting, ``attendance.mark`` on that meeting; across meetings (round, person and
  department reports), ``attendance.mark`` without a meeting, which only organisers pass.
  Everyone else reads "absent".
- **Reports**: the staff roles (a manager reads them, reasons left out).
- **A certificate**: the person it is for, and the organisers.

Registered when the app loads, with the one fact these rules need.
"""

from __future__ import annotations

from typing import Any

from binnenuit.core.access import Actor, add_rule, fact, predicate
from binnenuit.organisations.rules import is_organiser, is_staff_role
from binnenuit.trajectories.models import Meeting


@fact("attendance.facilitated_meeting_ids")
def facilitated_meeting_ids(actor: Actor) -> frozenset[int]:
    """The meetings the actor's own employee record facilitates."""
    person = actor.fact("organisations.person")
    if person is None:
        return frozenset()
    return frozenset(
        Meeting.facilitators.through.objects.filter(person_id=person.pk).values_list(
            "meeting_id", flat=True
        )
    )


@predicate
def facilitates_meeting(actor: Actor, meeting: Any) -> bool:
    return meeting is not None and meeting.pk in actor.fact("attendance.facilitated_meeting_ids")


@predicate
def own_enrolment(actor: Actor, enrolment: Any) -> bool:
    """The enrolment is the actor's own (their employee record's)."""
    if enrolment is None:
        return False
    person = actor.fact("organisations.person")
    return person is not None and enrolment.person_id == person.pk


add_rule("attendance.view", is_staff_role | facilitates_meeting)
add_rule("attendance.mark", is_organiser | facilitates_meeting)
# Putting the people a meeting expects on its list (a meeting recorded after it was held).
add_rule("attendance.fill_list", is_organiser)
add_rule("attendance.report", is_staff_role)
add_rule("attendance.rule", is_organiser)
add_rule("attendance.certificate", is_organiser | own_enrolment)
