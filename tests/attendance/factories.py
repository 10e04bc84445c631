"""Rounds whose modules have been held, with their lists, for the attendance tests."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from binnenuit.attendance import services
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Attendance, Enrolment, Meeting, MeetingKind, Round
from tests.conftest import World


def modules_of(round_: Round) -> list[Meeting]:
    return list(
        Meeting.objects.filter(round=round_, kind=MeetingKind.MODULE).order_by("sequence", "pk")
    )


def date_modules(round_: Round, held: int, *, first_days_ago: int = 70) -> list[Meeting]:
    """Date the round's modules a week apart: the first ``held`` in the past (the last of
    them today when ``first_days_ago`` says so), the rest after today."""
    today = timezone.localdate()
    meetings = modules_of(round_)
    for i, meeting in enumerate(meetings):
        if i < held:
            day = today - datetime.timedelta(days=first_days_ago - 7 * i)
        else:
            day = today + datetime.timedelta(days=7 * (i - held + 1))
        Meeting.objects.filter(pk=meeting.pk).update(date=day)
        meeting.date = day
    return meetings


def enrol(world: World, round_: Round, people: Iterable[Person]) -> None:
    Enrolment.objects.bulk_create(
        Enrolment(organisation=world.org, round=round_, person=p) for p in people
    )


def held_round(world: World, round_: Round, *, held: int = 4) -> list[Meeting]:
    """The round's modules dated (``held`` of them in the past) with every enrolled person on
    each module's list, as the organisers' "put them on the list" leaves them."""
    meetings = date_modules(round_, held)
    adviser = world.actor("adviser")
    for meeting in meetings:
        services.attendance_list_fill(by=adviser, meeting=meeting)
    return meetings


def mark(world: World, meeting: Meeting, person: Person, status: str, reason: str = "") -> None:
    services.attendance_mark(
        by=world.actor("adviser"), meeting=meeting, person=person, status=status, reason=reason
    )


def row(meeting: Meeting, person: Person) -> Attendance:
    return Attendance.objects.get(meeting=meeting, person=person)
