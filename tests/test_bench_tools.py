"""The benchmark's national data set builder (tools/bench), at a tiny scale, so it cannot rot."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest
from django.db import connection
from django.db.models import Count, F

from binnenuit.catalogue.models import Stage
from binnenuit.demo.builder import ADVISER_EMAIL
from binnenuit.organisations.models import Membership, Organisation, Person, Role
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Round, Trajectory

TOOLS = Path(__file__).resolve().parents[1] / "tools"

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(monkeypatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(TOOLS))
    return importlib.import_module("bench.national")


def test_the_national_head_counts_add_up(national):
    # 340 new organisations share what the demo (42) and Voorbeeld at 15,000 leave.
    sizes = national.head_counts(340, 170_000 - 15_000 - 7, cap=14_999, floor=28)
    assert len(sizes) == 340
    assert sum(sizes) == 170_000 - 15_000 - 7
    assert max(sizes) < 15_000 and min(sizes) >= 28
    assert sizes == sorted(sizes, reverse=True)


def test_the_national_builder_at_a_tiny_scale(demo, national):
    demo_trajectory = Trajectory.objects.get(organisation=demo["voorbeeld"])
    scale = national.Scale(organisations=6, employees=200, largest=60, trajectories=8, batch_size=7)

    counts = national.build_national(scale)

    if connection.vendor == "postgresql":
        # The composite keys (meeting → round → trajectory) are deferred to the commit, which
        # a test never reaches: check them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert counts == {
        "organisations": 6,
        "employees": 200,
        "largest_organisation": 60,
        "adviser_organisations": 6,
        "trajectories": 8,
        "rounds": 16,
        "modules": 8 * 9,
        "meetings": 8 * 12,
        "enrolments": counts["enrolments"],
    }
    assert counts == national.counts()
    heads = dict(Person.objects.values_list("organisation__slug").annotate(n=Count("pk")))
    assert heads["voorbeeld"] == 60 and max(heads.values()) == 60
    assert all(n >= 28 for slug, n in heads.items() if slug not in ("anderstad", "oudebrug"))
    assert all(
        re.fullmatch(r"GM\d{4}", code)
        for code in Organisation.objects.values_list("cbs_code", flat=True)
    )
    assert set(
        Membership.objects.filter(user__email=ADVISER_EMAIL).values_list("role", flat=True)
    ) == {Role.ADVISER}
    # Voorbeeld keeps the demo's one trajectory; the new ones go to the new organisations.
    assert list(Trajectory.objects.filter(organisation=demo["voorbeeld"])) == [demo_trajectory]

    new_rounds = Round.objects.exclude(organisation__in=demo.values())
    assert (
        sorted(new_rounds.values_list("stage", flat=True))
        == [Stage.ROUND_1] * 5 + [Stage.ROUND_2] * 5  # 8 in all, 3 of them the demo's
    )
    for round_ in new_rounds.annotate(n=Count("enrolments")):
        assert 10 <= round_.n <= 14
    # Nobody in both rounds of one trajectory, and everybody of the round's organisation.
    pairs = Enrolment.objects.exclude(organisation__in=demo.values()).values_list(
        "round__trajectory", "person"
    )
    assert len(pairs) == len(set(pairs)) == counts["enrolments"] - 25
    assert not Enrolment.objects.exclude(person__organisation=F("organisation")).exists()
    assert not Module.objects.exclude(round__organisation=F("organisation")).exists()
    in_rounds = Meeting.objects.filter(round__isnull=False)
    assert not in_rounds.exclude(round__trajectory=F("trajectory")).exists()
    assert not in_rounds.filter(module__isnull=False).exclude(module__round=F("round")).exists()
    assert not Meeting.objects.exclude(trajectory__organisation=F("organisation")).exists()
