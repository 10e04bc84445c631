"""Queries per page: they must not grow with the data, and they are pinned in a baseline.

The flat-growth tests fetch a page, add hundreds of rows, and fetch it again. The baselines
(``tests/query_counts.json``, as NetBox keeps them) pin each key page's exact count, so a
change shows in the diff. After a deliberate change, rewrite the file with
``BINNENUIT_UPDATE_QUERY_BASELINES=1 ./dev test tests/test_query_counts.py``.
"""

from __future__ import annotations

import json
import os
from itertools import cycle, islice
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from binnenuit.audit.models import TrailEntry
from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.organisations.models import Membership, Person, Role
from binnenuit.trajectories.models import Enrolment, Meeting, Trajectory
from tests.conftest import World
from tests.factories import OrganisationFactory, PersonFactory
from tests.querycount import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db
BASELINES = Path(__file__).with_name("query_counts.json")


def ok(client, url, **params):
    def fetch():
        response = client.get(url, params)
        assert response.status_code == 200, url

    return fetch


def org_url(world: World, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": world.org.slug, **kwargs})


def add_people(world: World, count: int) -> None:
    managers = list(Person.objects.for_org(world.org)[:3])
    people = PersonFactory.build_batch(count, organisation=world.org, full_name="Jan Jansen")
    for i, person in enumerate(people):
        person.line_manager = managers[i % len(managers)]
    Person.objects.bulk_create(people)


def test_person_list_and_search_do_not_grow_with_the_employees(world, client_as):
    client = client_as(world.users["project_leader"])
    url = org_url(world, "organisations:person-list")
    add_people(world, 5)

    def fetch():
        ok(client, url)()
        ok(client, url, zoek="jan")()

    assert_constant_queries(fetch, lambda: add_people(world, 495))


def test_organisation_list_does_not_grow_with_the_organisations(world, client_as):
    adviser = world.users["adviser"]
    client = client_as(adviser)
    template = ProgrammeTemplate.objects.get(status=ProgrammeTemplate.Status.PUBLISHED)

    def advise(count: int) -> None:
        orgs = OrganisationFactory.create_batch(count)
        Membership.objects.bulk_create(
            Membership(organisation=org, user=adviser, role=Role.ADVISER) for org in orgs
        )
        Person.objects.bulk_create(PersonFactory.build_batch(20, organisation=orgs[0]))
        Trajectory.objects.bulk_create(
            Trajectory(organisation=org, template=template, name=f"Traject {org.name}")
            for org in orgs
        )

    assert_constant_queries(ok(client, reverse("dashboard:organisation-list")), lambda: advise(500))


def test_catalogue_list_does_not_grow_with_the_versions(world, client_as):
    client = client_as(world.users["adviser"])
    template = ProgrammeTemplate.objects.get(version=1)

    def versions() -> None:
        ProgrammeTemplate.objects.bulk_create(
            ProgrammeTemplate(name=template.name, version=n, status=template.Status.RETIRED)
            for n in range(2, 502)
        )

    assert_constant_queries(ok(client, reverse("catalogue:template-list")), versions)


def test_round_trajectory_and_overview_do_not_grow_with_members(world, client_as):
    client = client_as(world.users["project_leader"])

    def grow():
        add_people(world, 500)
        people = Person.objects.for_org(world.org).filter(full_name="Jan Jansen")
        Enrolment.objects.bulk_create(
            Enrolment(organisation=world.org, round=world.round_1, person=p, status="waitlisted")
            for p in people
        )

    def fetch():
        ok(client, org_url(world, "trajectories:round-detail", pk=world.round_1.pk), zoek="e")()
        ok(client, org_url(world, "trajectories:trajectory-detail", pk=world.trajectory.pk))()
        ok(client, org_url(world, "dashboard:organisation-detail"))()

    assert_constant_queries(fetch, grow)


def test_audit_trail_does_not_grow_with_the_entries(world, client_as):
    client = client_as(world.users["project_leader"])
    url = org_url(world, "audit:entry-list")
    samples = list(LogEntry.objects.filter(trail_entries__organisation=world.org))

    def grow():
        entries = LogEntry.objects.bulk_create(
            LogEntry(
                content_type=e.content_type,
                object_pk=e.object_pk,
                object_id=e.object_id,
                object_repr=e.object_repr,
                action=e.action,
                changes=e.changes,
                actor=world.users["adviser"],
                remote_addr="192.0.2.1",
                additional_data=e.additional_data,
            )
            for e in islice(cycle(samples), 500)
        )
        TrailEntry.objects.bulk_create(
            TrailEntry(log_entry=e, organisation=world.org, kind="trajectory", actor_role="adviser")
            for e in entries
        )

    def fetch():
        ok(client, url)()
        ok(client, url, soort="trajectory", pagina="2")()

    assert_constant_queries(fetch, grow)


# --- Absolute baselines ---------------------------------------------------------------------


def key_pages(world: World) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Page name → (role, path, query) for every key page."""
    r1, r2, t = world.round_1.pk, world.round_2.pk, world.trajectory.pk
    return {
        "organisation list (adviser)": ("adviser", reverse("dashboard:organisation-list"), {}),
        "overview (adviser)": ("adviser", org_url(world, "dashboard:organisation-detail"), {}),
        "overview (project leader)": (
            "project_leader",
            org_url(world, "dashboard:organisation-detail"),
            {},
        ),
        "overview (trainer)": ("trainer", org_url(world, "dashboard:organisation-detail"), {}),
        "overview (participant)": (
            "participant",
            org_url(world, "dashboard:organisation-detail"),
            {},
        ),
        "employees": ("project_leader", org_url(world, "organisations:person-list"), {}),
        "employee search": (
            "project_leader",
            org_url(world, "organisations:person-list"),
            {"zoek": "jan"},
        ),
        "trajectory": (
            "project_leader",
            org_url(world, "trajectories:trajectory-detail", pk=t),
            {},
        ),
        "round (project leader)": (
            "project_leader",
            org_url(world, "trajectories:round-detail", pk=r1),
            {},
        ),
        "round with search (project leader)": (
            "project_leader",
            org_url(world, "trajectories:round-detail", pk=r1),
            {"zoek": "jan"},
        ),
        "round (trainer, round 2)": (
            "trainer",
            org_url(world, "trajectories:round-detail", pk=r2),
            {},
        ),
        "round (participant)": (
            "participant",
            org_url(world, "trajectories:round-detail", pk=r2),
            {},
        ),
        "catalogue": ("adviser", reverse("catalogue:template-list"), {}),
        "audit trail": ("project_leader", org_url(world, "audit:entry-list"), {}),
        **planning_and_attendance_pages(world),
    }


def planning_and_attendance_pages(world: World) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Issue 8's pages: planning a meeting, the month calendar, what is still to plan, a
    meeting's attendance list, a round's report and one's own attendance."""
    meeting = Meeting.objects.filter(round=world.round_1).order_by("sequence").first()
    assert meeting is not None
    t, m = world.trajectory.pk, meeting.pk
    leader = "project_leader"
    return {
        "meeting planning": (leader, org_url(world, "trajectories:meeting-update", pk=m), {}),
        "month calendar": (
            leader,
            org_url(world, "trajectories:trajectory-calendar", pk=t),
            {"maand": "2027-03"},
        ),
        "still to plan": (leader, org_url(world, "trajectories:trajectory-to-plan", pk=t), {}),
        "attendance list": (leader, org_url(world, "attendance:meeting", pk=m), {}),
        "attendance round report": (
            leader,
            org_url(world, "attendance:round-report", pk=world.round_1.pk),
            {},
        ),
        "my attendance (trainer)": ("trainer", org_url(world, "attendance:my-attendance"), {}),
    }


def test_key_pages_run_their_baseline_number_of_queries(world, client_as):
    add_people(world, 30)
    measured = {}
    for name, (role, path, query) in key_pages(world).items():
        client = client_as(world.users[role])
        ok(client, path, **query)()  # warm: the session and the caches of the first request
        measured[name] = count_queries(ok(client, path, **query))
    if os.environ.get("BINNENUIT_UPDATE_QUERY_BASELINES"):
        BASELINES.write_text(json.dumps(measured, indent=2, ensure_ascii=False) + "\n")
    baselines = json.loads(BASELINES.read_text())
    changed = {
        name: f"{baselines.get(name)} → {count}"
        for name, count in measured.items()
        if baselines.get(name) != count
    }
    assert not changed, (
        f"query counts differ from {BASELINES.name} (rewrite it with "
        f"BINNENUIT_UPDATE_QUERY_BASELINES=1 when the change is deliberate): {changed}"
    )
    assert set(baselines) == set(measured), "the baseline file lists pages that are not measured"
