"""Recruitment's pages run the same number of queries however many applications there are."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client
from django.urls import reverse

from binnenuit.organisations.models import FunctionCategory, Person
from binnenuit.recruitment import services
from binnenuit.recruitment.models import Application, Decision
from binnenuit.trajectories.models import Meeting
from tests.factories import PersonFactory
from tests.querycount import assert_constant_queries
from tests.recruitment.conftest import plan
from tests.recruitment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def ok(client, url, **params):
    def fetch():
        response = client.get(url, params)
        assert response.status_code == 200, url

    return fetch


def add_applications(world, call, count: int, *, decide: int = 0) -> None:
    """``count`` applications with availability and a checklist; ``decide`` of them selected."""
    meetings = list(Meeting.objects.filter(round=call.round, date__isnull=False))
    criteria = list(call.criteria.values_list("pk", flat=True))
    categories = itertools.cycle(FunctionCategory.values)
    start = Application.objects.count()
    rows = Application.objects.bulk_create(
        ApplicationFactory.build(
            call=call,
            email=f"groei{start + i}@test.example",
            function_category=next(categories),
            department=f"Afdeling {i % 7}",
            availability={str(m.pk): bool(i % 2) for m in meetings},
            criteria_met=criteria[: i % 4],
        )
        for i in range(count)
    )
    for application in rows[:decide]:
        services.application_decide(
            by=world.actor("project_leader"), application=application, decision=Decision.SELECTED
        )


def test_the_selection_board_does_not_grow_with_the_applications(world, client_as, call):
    plan(world.round_1, 10, 17, 24, 31)
    add_applications(world, call, 5, decide=2)
    client = client_as(world.users["project_leader"])
    url = reverse("recruitment:selection", kwargs={"org_slug": world.org.slug, "pk": call.pk})

    def fetch():
        ok(client, url)()
        ok(client, url, pagina="2")()
        ok(client, url, besluit="selected")()

    # Past the maximum: the rest of the selected are wait-listed, so the board shows places.
    assert_constant_queries(fetch, lambda: add_applications(world, call, 300, decide=20))


def test_deciding_with_htmx_does_not_grow_with_the_applications(world, client_as, call):
    plan(world.round_1, 10, 17)
    add_applications(world, call, 5, decide=2)
    client = client_as(world.users["project_leader"])

    def fetch():
        application = Application.objects.filter(decision=Decision.PENDING).first()
        url = reverse(
            "recruitment:application-decide",
            kwargs={"org_slug": world.org.slug, "pk": application.pk},
        )
        response = client.post(
            url, {f"a{application.pk}-decision": "declined"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200

    assert_constant_queries(fetch, lambda: add_applications(world, call, 300, decide=20))


def test_the_public_form_does_not_grow_with_the_employees_or_applications(world, call):
    plan(world.round_1, 10, 17)
    url = reverse("recruitment:apply", kwargs={"token": call.token})

    def grow():
        Person.objects.bulk_create(
            PersonFactory.build(organisation=world.org, department=f"Afdeling {i % 40}")
            for i in range(500)
        )
        add_applications(world, call, 200)

    assert_constant_queries(ok(Client(), url), grow)


def test_the_trajectory_page_with_its_recruitment_panels_does_not_grow(world, client_as, call):
    client = client_as(world.users["project_leader"])
    url = reverse(
        "trajectories:trajectory-detail",
        kwargs={"org_slug": world.org.slug, "pk": world.trajectory.pk},
    )
    add_applications(world, call, 5, decide=1)
    assert_constant_queries(ok(client, url), lambda: add_applications(world, call, 200, decide=10))


def test_the_call_page_does_not_grow_with_the_applications(world, client_as, call):
    client = client_as(world.users["adviser"])
    url = reverse("recruitment:call-detail", kwargs={"org_slug": world.org.slug, "pk": call.pk})
    add_applications(world, call, 5)
    assert_constant_queries(ok(client, url), lambda: add_applications(world, call, 200))
