"""Gemeente Voorbeeld's meetings made real, through the same services the screens use.

After the builder has planned the meetings: the project leader co-hosts the intakes, round 2
gets its teams of trainers (the advisers coach them) and guests from the community at every
module; every held meeting gets its attendance, everyone present apart from a few absences
and late arrivals, so that one trainer and one participant are at risk (two absences each)
and the trainer login completes round 1.
Every demo login gets a calendar subscription with a well-known address, like its password.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.attendance import services as attendance_services
from binnenuit.calendars import services as calendar_services
from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor
from binnenuit.organisations.models import Person, Role
from binnenuit.trajectories import services as trajectory_services
from binnenuit.trajectories.models import (
    AbsenceReason,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    PartOfDay,
    Trajectory,
)

# Round 1 (the twelve trainers in training), by module position → name → (status, reason).
# Nadja Verhoeven misses two modules: at risk, she can no longer follow three of the four.
ROUND_1_MARKS: dict[int, dict[str, tuple[str, str]]] = {
    1: {"Esther Meijer": (AttendanceStatus.LATE, "")},
    2: {"Nadja Verhoeven": (AttendanceStatus.ABSENT, AbsenceReason.SICK)},
    3: {
        "Nadja Verhoeven": (AttendanceStatus.ABSENT, AbsenceReason.LEAVE),
        "Fatima Ouali": (AttendanceStatus.LATE, ""),
    },
    4: {"Gerrit Mulder": (AttendanceStatus.ABSENT, AbsenceReason.OTHER)},
}
# Round 2's held modules (the participants): Marieke Peters has missed both, at risk.
ROUND_2_MARKS: dict[int, dict[str, tuple[str, str]]] = {
    1: {
        "Marieke Peters": (AttendanceStatus.ABSENT, AbsenceReason.SICK),
        "Bas Vermeulen": (AttendanceStatus.ABSENT, AbsenceReason.LEAVE),
    },
    2: {
        "Marieke Peters": (AttendanceStatus.ABSENT, AbsenceReason.OTHER),
        "Daan Koster": (AttendanceStatus.LATE, ""),
    },
}
# Round 2's modules by position: the team of trainers that gives it (the advisers coach).
ROUND_2_TEAMS: dict[int, list[str]] = {
    1: ["Ben Jansen", "Angelique Bakker", "Peter de Groot"],
    2: ["Mohammed El Amrani", "Fatima Ouali", "Kees Bos"],
    3: ["Ben Jansen", "Linda van Dijk", "Esther Meijer"],
    4: ["Gerrit Mulder", "Yvonne Dekker", "Angelique Bakker"],
    5: ["Peter de Groot", "Mohammed El Amrani", "Linda van Dijk"],
}
# Round 2's modules by position: the residents and local entrepreneurs who take part
# (name, e-mail address, neighbourhood or organisation).
ROUND_2_GUESTS: dict[int, list[tuple[str, str, str]]] = {
    1: [
        ("Henk de Vries", "henk.devries@buurtverenigingkern.example", "Buurtvereniging De Kern"),
        ("Fatma Yıldız", "f.yildiz@bewonersnoord.example", "Bewonersplatform Voorbeeld-Noord"),
    ],
    2: [
        ("Jolanda Smit", "secretaris@vvdevennen.example", "Voetbalvereniging VV De Vennen"),
        ("Ahmed Benali", "ahmed@ondernemerscentrum.example", "Ondernemersvereniging Centrum"),
    ],
    3: [
        ("Marco Hendriksen", "marco@bakkerijhendriksen.example", "Bakkerij Hendriksen"),
        ("Wilma Jansen-de Boer", "wilma.jansen@oudwest.example", "Buurtvereniging Oud-West"),
    ],
    4: [
        ("Theo Wolters", "theo@repaircafevoorbeeld.example", "Repaircafé De Werkplaats"),
        ("Ria van der Linden", "r.vanderlinden@voedselbank.example", "Voedselbank Voorbeeld"),
    ],
    5: [
        ("Gijs Vermeer", "gijs.vermeer@dorpsraadoostveen.example", "Dorpsraad Oostveen"),
        ("Anita Kuipers", "anita@kuipershoeve.example", "Boerderijwinkel De Kuipershoeve"),
        ("Johan 't Hart", "johan.thart@oostveen.example", "Bewoner van Oostveen"),
    ],
}


def demo_intake_hosts(by: Actor, trajectory: Trajectory) -> None:
    """The project leader welcomes the people of round 1 at the intakes, beside the adviser."""
    hosts = list(
        Person.objects.for_org(by.organisation).filter(
            user__memberships__organisation=by.organisation,
            user__memberships__role=Role.PROJECT_LEADER,
            user__memberships__deactivated_at__isnull=True,
        )
    )
    intakes = Meeting.objects.filter(trajectory=trajectory, kind=MeetingKind.INTAKE).select_related(
        "trajectory", "organisation", "location"
    )
    for meeting in intakes:
        _replan(by, meeting, facilitators=hosts)


def _replan(by: Actor, meeting: Meeting, *, facilitators: list[Person]) -> None:
    """The meeting as planned, with these facilitators."""
    trajectory_services.meeting_plan(
        by=by,
        meeting=meeting,
        date=meeting.date,
        part_of_day=PartOfDay(meeting.part_of_day),
        starts_at_time=meeting.starts_at_time,
        ends_at_time=meeting.ends_at_time,
        location=meeting.location,
        facilitators=facilitators,
    )


def demo_meetings(by: Actor, trajectory: Trajectory) -> None:
    """The intakes' hosts, round 2's trainers and guests, and the attendance of every meeting
    held so far."""
    demo_intake_hosts(by, trajectory)
    people = {p.full_name: p for p in Person.objects.for_org(by.organisation)}
    meetings = list(
        Meeting.objects.filter(trajectory=trajectory)
        .select_related("trajectory", "organisation", "round", "module", "location")
        .order_by("sequence")
    )
    round_2 = [m for m in meetings if m.round and m.round.stage == Stage.ROUND_2]
    for meeting in round_2:
        if meeting.module is None:  # a round's meetings are its modules
            continue
        position = meeting.module.position
        _replan(by, meeting, facilitators=[people[name] for name in ROUND_2_TEAMS[position]])
        for full_name, email, affiliation in ROUND_2_GUESTS[position]:
            trajectory_services.guest_add(
                by=by, meeting=meeting, full_name=full_name, email=email, affiliation=affiliation
            )
    today = timezone.localdate()
    for meeting in meetings:
        if meeting.date is None or meeting.date > today or meeting.is_cancelled:
            continue
        marks: dict[str, tuple[str, str]] = {}
        if meeting.round and meeting.module:
            by_position = ROUND_1_MARKS if meeting.round.stage == Stage.ROUND_1 else ROUND_2_MARKS
            marks = by_position.get(meeting.module.position, {})
        _keep_attendance(by, meeting, marks)


def _keep_attendance(by: Actor, meeting: Meeting, marks: dict[str, tuple[str, str]]) -> None:
    """Everyone on the list present, apart from the marks given (name → status and reason)."""
    attendance_services.attendance_list_fill(by=by, meeting=meeting)
    listed = Person.objects.filter(attendances__meeting=meeting).order_by("full_name", "pk")
    for person in listed:
        status, reason = marks.get(person.full_name, (AttendanceStatus.PRESENT, ""))
        attendance_services.attendance_mark(
            by=by, meeting=meeting, person=person, status=status, reason=reason
        )


def demo_feed_token(email: str) -> str:
    """A demo login's calendar token: the same after every rebuild, as public as its password."""
    digest = hashlib.sha256(f"binnenuit-demo-agenda:{email}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def demo_feeds(emails: Iterable[str]) -> None:
    """Each demo login's calendar subscription, so that its address works from the start."""
    for user in User.objects.filter(email__in=list(emails)).order_by("pk"):
        calendar_services.feed_with_token(user=user, token=demo_feed_token(user.email))
