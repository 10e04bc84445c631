"""The attendance app's rules in the table of tests/test_rules.py."""

from __future__ import annotations

from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Enrolment, Meeting, MeetingKind
from tests.conftest import World
from tests.test_rules import N, Row, Y, roles


def facilitated(w: World) -> Meeting:
    """Round 2's first module, which the trainer facilitates (set up before any rule asks)."""
    meeting = (
        Meeting.objects.filter(round=w.round_2, kind=MeetingKind.MODULE)
        .order_by("sequence")
        .first()
    )
    meeting.facilitators.add(w.people["trainer"])
    return meeting


def round_1_meeting(w: World) -> Meeting:
    facilitated(w)
    return Meeting.objects.filter(round=w.round_1).order_by("sequence").first()


def foreign_meeting(w: World) -> Meeting:
    return Meeting.objects.filter(trajectory=w.other_trajectory).first()


def own_enrolment(role: str):
    def get(w: World) -> Enrolment:
        facilitated(w)
        return Enrolment.objects.get(person=w.people[role])

    return get


def foreign_enrolment(w: World) -> Enrolment:
    person = Person.objects.create(organisation=w.other_org, full_name="Iemand Anders")
    return Enrolment.objects.create(
        organisation=w.other_org, round=w.other_trajectory.rounds.first(), person=person
    )


ROWS = [
    Row("attendance.view", round_1_meeting, foreign_meeting, roles(Y, Y, Y, N, N)),
    Row("attendance.view", facilitated, foreign_meeting, roles(Y, Y, Y, Y, N)),
    Row("attendance.mark", round_1_meeting, foreign_meeting, roles(Y, Y, N, N, N)),
    Row("attendance.mark", facilitated, foreign_meeting, roles(Y, Y, N, Y, N)),
    # Without a meeting: may mark at all, so sees reasons of absence across meetings.
    Row("attendance.mark", None, None, roles(Y, Y, N, N, N, outsider=Y)),
    Row("attendance.fill_list", round_1_meeting, foreign_meeting, roles(Y, Y, N, N, N)),
    Row("attendance.report", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
    Row(
        "attendance.rule",
        lambda w: w.trajectory,
        lambda w: w.other_trajectory,
        roles(Y, Y, N, N, N),
    ),
    Row(
        "attendance.certificate",
        own_enrolment("trainer"),
        foreign_enrolment,
        roles(Y, Y, N, Y, N),
    ),
    Row(
        "attendance.certificate",
        own_enrolment("participant"),
        foreign_enrolment,
        roles(Y, Y, N, N, Y),
    ),
]
