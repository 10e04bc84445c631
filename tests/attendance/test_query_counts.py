"""The attendance pages run as many queries with 5 people (or meetings) as with 500.

The exact counts are pinned here (``EXPECTED``); the key pages are also in the baseline file
(tests/query_counts.json, measured by tests/test_query_counts.py).
"""

from __future__ import annotations

import datetime
from itertools import cycle

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.trajectories.models import Attendance, Enrolment, Meeting, MeetingKind
from tests.attendance.factories import enrol, held_round, mark
from tests.factories import PersonFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
STATUSES = cycle(["present", "late", "absent", "present", "expected"])

# Page → queries, measured with the world's logins (session and actor included).
EXPECTED = {
    "meeting list (project leader)": 7,
    "meeting list (manager)": 7,
    "mark through htmx (project leader)": 12,
    "meeting export csv": 5,
    "round report (project leader)": 7,
    "round report (manager)": 7,
    "round export xlsx": 7,
    "person report": 10,
    "department report": 8,
    "department export csv": 8,
    "my attendance (trainer)": 9,
    "overview (project leader)": 10,
    "certificate": 8,
}


def url(world, name: str, **kwargs) -> str:
    return reverse(f"attendance:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def ok(client, path, *, post=None, headers=None):
    def fetch():
        if post is None:
            response = client.get(path, headers=headers or {})
        else:
            response = client.post(path, post, headers=headers or {})
        assert response.status_code == 200, path
        return response

    return fetch


def add_people(world, meetings, count: int) -> None:
    """``count`` more people in round 1, on every held module's list, with varied marks."""
    people = PersonFactory.build_batch(count, organisation=world.org, department="Wijken")
    for i, person in enumerate(people):
        person.department = ["Wijken", "Publiekszaken", "Beleid"][i % 3]
    people = world.org.person_set.bulk_create(people)
    enrol(world, world.round_1, people)
    rows = []
    for meeting in meetings:
        for person in people:
            status = next(STATUSES)
            rows.append(
                Attendance(
                    organisation=world.org,
                    meeting=meeting,
                    person=person,
                    status=status,
                    absence_reason="sick" if status == "absent" else "",
                    recorded_by=world.users["adviser"],
                    recorded_at=timezone.now(),
                )
            )
    Attendance.objects.bulk_create(rows)


def add_meetings(world, count: int) -> None:
    """``count`` more held module sessions in round 1, the trainer on each list."""
    first = Meeting.objects.filter(round=world.round_1).first()
    day = timezone.localdate() - datetime.timedelta(days=400)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            organisation=world.org,
            trajectory=world.trajectory,
            round=world.round_1,
            module=first.module,
            kind=MeetingKind.MODULE,
            title=f"Extra {i}",
            date=day + datetime.timedelta(days=i % 300),
            sequence=100 + i,
        )
        for i in range(count)
    )
    enrolled = Enrolment.objects.filter(round=world.round_1).values_list("person_id", flat=True)
    Attendance.objects.bulk_create(
        Attendance(organisation=world.org, meeting=m, person_id=p, status=next(STATUSES))
        for m in meetings
        for p in enrolled
    )


@pytest.fixture
def held(world):
    meetings = held_round(world, world.round_1)
    trainer = world.people["trainer"]
    for meeting in meetings[:3]:
        mark(world, meeting, trainer, "present")
    add_people(world, meetings, 4)  # five people in all
    return meetings


def pages(world, held) -> dict[str, tuple[str, str, dict]]:
    trainer = world.people["trainer"]
    meeting = held[0]
    enrolment = Enrolment.objects.get(person=trainer)
    return {
        "meeting list (project leader)": (
            "project_leader",
            url(world, "meeting", pk=meeting.pk),
            {},
        ),
        "meeting list (manager)": ("manager", url(world, "meeting", pk=meeting.pk), {}),
        "mark through htmx (project leader)": (
            "project_leader",
            url(world, "meeting-mark", pk=meeting.pk),
            {"post": {"person": trainer.pk, "status": "late"}, "headers": HTMX},
        ),
        "meeting export csv": (
            "project_leader",
            url(world, "meeting-export", pk=meeting.pk, fmt="csv"),
            {},
        ),
        "round report (project leader)": (
            "project_leader",
            url(world, "round-report", pk=world.round_1.pk),
            {},
        ),
        "round report (manager)": ("manager", url(world, "round-report", pk=world.round_1.pk), {}),
        "round export xlsx": (
            "project_leader",
            url(world, "round-export", pk=world.round_1.pk, fmt="xlsx"),
            {},
        ),
        "person report": (
            "project_leader",
            url(world, "person-report", pk=world.trajectory.pk, person_pk=trainer.pk),
            {},
        ),
        "department report": (
            "manager",
            url(world, "department-report", pk=world.trajectory.pk),
            {},
        ),
        "department export csv": (
            "manager",
            url(world, "department-export", pk=world.trajectory.pk, fmt="csv"),
            {},
        ),
        "my attendance (trainer)": ("trainer", url(world, "my-attendance"), {}),
        "overview (project leader)": (
            "project_leader",
            reverse("dashboard:organisation-detail", kwargs={"org_slug": world.org.slug}),
            {},
        ),
        "certificate": ("trainer", url(world, "certificate", pk=enrolment.pk), {}),
    }


def fetch_all(world, client_as, held):
    clients = {}

    def fetch():
        counts = {}
        from tests.querycount import count_queries

        for name, (role, path, options) in pages(world, held).items():
            client = clients.setdefault(role, client_as(world.users[role]))
            counts[name] = count_queries(ok(client, path, **options))
        return counts

    return fetch


def test_every_page_is_flat_in_the_people(world, client_as, held):
    fetch = fetch_all(world, client_as, held)
    fetch()  # warm: the sessions' first requests
    before = fetch()
    add_people(world, held, 495)
    after = fetch()
    assert before == after, {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert before == EXPECTED


def test_every_page_is_flat_in_the_meetings(world, client_as, held):
    fetch = fetch_all(world, client_as, held)
    fetch()
    before = fetch()
    add_meetings(world, 496)  # 500 module sessions in round 1
    after = fetch()
    assert before == after, {k: (before[k], after[k]) for k in before if before[k] != after[k]}


def test_the_round_page_with_its_attendance_links_stays_flat(world, client_as, held):
    client = client_as(world.users["trainer"])
    path = reverse(
        "trajectories:round-detail", kwargs={"org_slug": world.org.slug, "pk": world.round_1.pk}
    )
    assert_constant_queries(ok(client, path), lambda: add_meetings(world, 100))
