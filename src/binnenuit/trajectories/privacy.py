"""The trajectories app's entries in the privacy register.

Trajectories, rounds, modules and meetings hold no personal data; an enrolment is about its
employee, and stays when they are anonymised, so a round keeps its number of participants.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, declare, retention_after

_PURPOSE = _("Planning and running the programme at an organisation.")
_RETENTION = _("Kept as the organisation's history.")
_OWNED = {"id": NOT_PERSONAL, "organisation": NOT_PERSONAL, "created_at": NOT_PERSONAL}

declare(
    "trajectories.Trajectory",
    fields={
        **_OWNED,
        "template": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "phase": NOT_PERSONAL,
        "starts_on": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "trajectories.Round",
    fields={
        **_OWNED,
        "trajectory": NOT_PERSONAL,
        "stage": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "min_participants": NOT_PERSONAL,
        "max_participants": NOT_PERSONAL,
        "agreed_participants": NOT_PERSONAL,
        "completion_minimum": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "trajectories.Module",
    fields={
        **_OWNED,
        "round": NOT_PERSONAL,
        "position": NOT_PERSONAL,
        "title": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "is_theme_slot": NOT_PERSONAL,
        "theme": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "trajectories.Meeting",
    fields={
        **_OWNED,
        "trajectory": NOT_PERSONAL,
        "round": NOT_PERSONAL,
        "module": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "title": NOT_PERSONAL,
        "date": NOT_PERSONAL,
        "part_of_day": NOT_PERSONAL,
        "starts_at_time": NOT_PERSONAL,
        "ends_at_time": NOT_PERSONAL,
        "location": NOT_PERSONAL,  # a meeting place, not an address of a person
        "sequence": NOT_PERSONAL,
        # Who leads it: links to employees and logins, kept as the meeting's history.
        "facilitators": NOT_PERSONAL,
        "advisers": NOT_PERSONAL,
        "cancelled_at": NOT_PERSONAL,
        "revision": NOT_PERSONAL,
        "override_reason": Category.FREE_TEXT,  # a planner's words, may name someone
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "trajectories.Enrolment",
    fields={
        **_OWNED,
        "round": NOT_PERSONAL,
        "person": NOT_PERSONAL,
        "status": NOT_PERSONAL,  # kept, so the round keeps its count of participants
    },
    purpose=_("Who takes part in which round: enrolled, wait-listed or withdrawn."),
    subject="person",
    retention=_("Kept as the round's history; anonymous once the employee is anonymised."),
)
declare(
    "trajectories.Attendance",
    fields={
        **_OWNED,
        "meeting": NOT_PERSONAL,
        "person": NOT_PERSONAL,
        "status": NOT_PERSONAL,  # kept, so a meeting keeps its count of who came
        # "Sick" says something about health (AVG art. 9): shown only to those who mark
        # attendance and to the person, never in reports beyond "absent".
        "absence_reason": Category.SPECIAL,
        "recorded_by": NOT_PERSONAL,
        "recorded_at": NOT_PERSONAL,
    },
    purpose=_("Who came to which meeting, for the completion of a round and its certificate."),
    subject="person",
    retention=_("Kept as the round's history; anonymous once the employee is anonymised."),
)
declare(
    "trajectories.Guest",
    fields={
        **_OWNED,
        "meeting": NOT_PERSONAL,
        "full_name": Category.IDENTIFYING,
        "email": Category.IDENTIFYING,
        "affiliation": Category.IDENTIFYING,
        "invited_at": NOT_PERSONAL,
    },
    purpose=_("Inviting residents and local businesses to take part in a meeting as guests."),
    subject="email",
    retention=retention_after(
        _("Anonymised %(days)s days after the meeting, or earlier on request."),
        "PRIVACY_GUEST_DAYS",
    ),
)
