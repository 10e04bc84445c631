from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import Stage
from binnenuit.demo.builder import DEMO_PASSWORD, LOGINS, demo_build
from binnenuit.organisations.models import Organisation, Person
from binnenuit.trajectories.models import Enrolment, Meeting, Phase, Trajectory
from tests.commands import run_manage_in_production

pytestmark = pytest.mark.django_db


def enrolled(trajectory: Trajectory, stage: Stage) -> int:
    return Enrolment.objects.filter(
        round__trajectory=trajectory, round__stage=stage, status=Enrolment.Status.ENROLLED
    ).count()


def test_voorbeeld_is_midway_and_anderstad_in_preparation(demo):
    today = timezone.localdate()
    voorbeeld = Trajectory.objects.get(organisation=demo["voorbeeld"])
    assert voorbeeld.phase == Phase.ROUND_2
    assert (enrolled(voorbeeld, Stage.ROUND_1), enrolled(voorbeeld, Stage.ROUND_2)) == (12, 13)
    round_1 = Meeting.objects.filter(round__trajectory=voorbeeld, round__stage=Stage.ROUND_1)
    assert round_1.count() == 4 and all(m.date < today for m in round_1)
    round_2_dates = Meeting.objects.filter(
        round__trajectory=voorbeeld, round__stage=Stage.ROUND_2
    ).values_list("date", flat=True)
    assert min(round_2_dates) < today < max(round_2_dates)  # running
    anderstad = Trajectory.objects.get(organisation=demo["anderstad"])
    assert anderstad.phase == Phase.PREPARATION
    assert (enrolled(anderstad, Stage.ROUND_1), enrolled(anderstad, Stage.ROUND_2)) == (0, 0)


def test_every_demo_login_works_with_the_demo_password(demo, client):
    for login in LOGINS:
        response = client.post(
            reverse("accounts:login"), {"username": login.email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, login.email
        client.post(reverse("accounts:logout"))


def test_rebuilding_the_demo_gives_the_same_demo(demo):
    counts = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    demo_build()
    assert (Organisation.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert Trajectory.objects.count() == 3


def test_the_demo_is_refused_in_production(tmp_path):
    result = run_manage_in_production(tmp_path, "seed_demo")
    assert result.returncode != 0
    assert "not loaded in production" in result.stderr


def test_an_earlier_client_is_archived_and_shown_only_to_its_adviser(demo, client_as):
    oudebrug = Organisation.objects.get(slug="oudebrug")
    assert oudebrug.is_archived
    assert Trajectory.objects.get(organisation=oudebrug).phase == Phase.POOL
    archived = client_as("adviseur@binnenuit.example").get(
        reverse("dashboard:organisation-list"), {"gearchiveerd": "1"}
    )
    assert "Gemeente Oudebrug" in archived.content.decode()
    active = client_as("adviseur@binnenuit.example").get(reverse("dashboard:organisation-list"))
    assert "Gemeente Oudebrug" not in active.content.decode()
