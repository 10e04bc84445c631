"""The planning pages run the same number of queries with 5 meetings as with 500, and with 5
people as with 500: the planning page (and its check), the month calendar, the list of what
is still to plan and the trajectory's timeline.

The exact numbers are pinned below; the key pages are also in the baseline file
(tests/query_counts.json, measured by tests/test_query_counts.py).
"""

from __future__ import annotations

import datetime

import pytest

from binnenuit.catalogue.models import Stage
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import (
    Attendance,
    Enrolment,
    Guest,
    Meeting,
    MeetingKind,
    PartOfDay,
)
from tests.factories import LocationFactory, PersonFactory
from tests.planning.factories import DAY, form_data, module, plan, url
from tests.querycount import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db

# The exact counts (a logged-in project leader, the session warmed up): None where the count
# depends on more than this app (the timeline shows other apps' panels) or on what is found
# (the check names the people of the conflicts it finds: more kinds, one or two more queries).
EXPECTED: dict[str, int | None] = {
    "planning page": 15,
    "planning check (htmx)": None,
    "month calendar": 7,
    "still to plan": 5,
    "trajectory timeline": None,
}
# The check, as the two tests below set it up: with the extra meetings it finds a location and
# two people (an employee and an adviser) booked twice; with the extra people, one employee.
CHECK = {"meetings": 22, "people": 16}


def expected(page: str, scenario: str) -> int | None:
    return CHECK[scenario] if page == "planning check (htmx)" else EXPECTED[page]


def add_meetings(world, count: int, start: int = 0) -> None:
    """``count`` more meetings of the trajectory: most on the planned meeting's day at its
    location, with a facilitator, an adviser and a guest; some without a date, some cancelled."""
    location = LocationFactory(organisation=world.org)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            organisation=world.org,
            trajectory=world.trajectory,
            kind=MeetingKind.INTAKE,
            title=f"Extra bijeenkomst {n}",
            sequence=100 + n,
            date=None if n % 7 == 0 else DAY + datetime.timedelta(days=n % 3),
            part_of_day=list(PartOfDay)[n % 3],
            location=location if n % 2 else None,
            cancelled_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
            if n % 11 == 0
            else None,
        )
        for n in range(start, start + count)
    )
    trainer, adviser = world.people["trainer"], world.users["adviser"]
    Meeting.facilitators.through.objects.bulk_create(
        Meeting.facilitators.through(meeting_id=m.pk, person_id=trainer.pk) for m in meetings
    )
    Meeting.advisers.through.objects.bulk_create(
        Meeting.advisers.through(meeting_id=m.pk, user_id=adviser.pk) for m in meetings
    )
    Guest.objects.bulk_create(
        Guest(
            organisation=world.org,
            meeting=m,
            full_name="Gast",
            email=f"gast{m.pk}@buurt.example",
        )
        for m in meetings
    )


def add_people(world, count: int, meeting: Meeting) -> None:
    """``count`` more people in round 1: on the meeting's list, facilitating it, its guests."""
    people = Person.objects.bulk_create(PersonFactory.build_batch(count, organisation=world.org))
    Enrolment.objects.bulk_create(
        Enrolment(organisation=world.org, round=world.round_1, person=p) for p in people
    )
    Attendance.objects.bulk_create(
        Attendance(organisation=world.org, meeting=meeting, person=p) for p in people
    )
    Meeting.facilitators.through.objects.bulk_create(
        Meeting.facilitators.through(meeting_id=meeting.pk, person_id=p.pk) for p in people[::5]
    )
    Guest.objects.bulk_create(
        Guest(organisation=world.org, meeting=meeting, full_name=p.full_name, email=p.email)
        for p in people[::10]
    )


@pytest.fixture
def planned(world):
    """Round 1's module 1, planned at a location with the trainer and the adviser."""
    zaal = LocationFactory(organisation=world.org, name="Zaal 1", capacity=20)
    return plan(
        world,
        module(world.trajectory, Stage.ROUND_1, 1),
        location=zaal,
        facilitators=[world.people["trainer"]],
        advisers=[world.users["adviser"]],
    )


def pages(world, client, meeting: Meeting) -> dict[str, object]:
    """Each page as a fetch that checks it answered."""

    def get(path: str, **query: str):
        def fetch() -> None:
            response = client.get(path, query)
            assert response.status_code == 200, path

        return fetch

    def check() -> None:
        response = client.post(
            url(world, "meeting-check", meeting.pk),
            form_data(location=meeting.location, advisers=[world.users["adviser"]]),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "conflict" in response.content.decode()

    trajectory = world.trajectory.pk
    return {
        "planning page": get(url(world, "meeting-update", meeting.pk)),
        "planning check (htmx)": check,
        "month calendar": get(url(world, "trajectory-calendar", trajectory), maand="2027-03"),
        "still to plan": get(url(world, "trajectory-to-plan", trajectory)),
        "trajectory timeline": get(world.trajectory.get_absolute_url()),
    }


@pytest.mark.parametrize("page", EXPECTED)
def test_the_planning_pages_do_not_grow_with_the_meetings(world, client_as, planned, page):
    client = client_as(world.users["project_leader"])
    fetch = pages(world, client, planned)[page]
    add_meetings(world, 5)
    before, _after = assert_constant_queries(fetch, lambda: add_meetings(world, 495, start=5))
    assert expected(page, "meetings") in (None, before)


@pytest.mark.parametrize("page", EXPECTED)
def test_the_planning_pages_do_not_grow_with_the_people(world, client_as, planned, page):
    client = client_as(world.users["project_leader"])
    fetch = pages(world, client, planned)[page]
    add_people(world, 5, planned)
    before, _after = assert_constant_queries(fetch, lambda: add_people(world, 495, planned))
    assert expected(page, "people") in (None, before)


def test_the_counts_are_those_of_a_page_that_already_has_data(world, client_as, planned):
    """The same counts on a bare trajectory: the numbers do not depend on what is there."""
    client = client_as(world.users["project_leader"])
    for name, fetch in pages(world, client, planned).items():
        fetch()
        if EXPECTED[name] is not None:
            assert count_queries(fetch) == EXPECTED[name], name
