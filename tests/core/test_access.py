"""The access framework: fetching and checking in one step, facts loaded once, the gates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import Context, Template

from binnenuit.core.access import Actor, actor_in, can, fetch
from binnenuit.organisations.models import Organisation
from binnenuit.trajectories.models import Round
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def test_fetch_gives_404_for_another_organisations_row_and_403_when_the_rule_refuses(world):
    foreign = world.other_trajectory.rounds.first()
    with pytest.raises(Http404):
        fetch(Round, world.actor("project_leader"), "round.view", pk=foreign.pk)
    with pytest.raises(Http404):
        fetch(Round, world.actor("project_leader"), "round.view", pk=10**9)
    with pytest.raises(PermissionDenied):
        fetch(Round, world.actor("participant"), "round.view", pk=world.round_1.pk)
    assert fetch(Round, world.actor("participant"), "round.view", pk=world.round_2.pk) == (
        world.round_2
    )


def test_a_rule_never_allows_another_organisations_object(world):
    """Even a rule that ignores its object (trajectory.view) refuses a foreign one."""
    adviser = world.actor("adviser")
    assert can(adviser, "trajectory.view", world.trajectory)
    assert not can(adviser, "trajectory.view", world.other_trajectory)


def test_role_facts_are_loaded_once_per_request(world):
    trainer = actor_in(world.users["trainer"], world.org.slug)
    first = count_queries(lambda: can(trainer, "round.view", world.round_2))
    again = count_queries(lambda: [can(trainer, "round.view", r) for r in (world.round_1,) * 5])
    assert first > 0 and again == 0


def test_a_non_member_is_not_an_actor_there(world):
    with pytest.raises(Http404):
        actor_in(world.users["outsider"], world.org.slug)


def test_an_archived_organisation_exists_only_for_its_advisers(world):
    Organisation.objects.filter(pk=world.org.pk).update(archived_at="2026-01-01T00:00Z")
    assert actor_in(world.users["adviser"], world.org.slug).role == "adviser"
    with pytest.raises(Http404):
        actor_in(world.users["project_leader"], world.org.slug)


def test_the_can_tag_asks_the_registry_and_refuses_without_an_actor(world):
    template = Template('{% load access %}{% can "people.manage" as ok %}{{ ok }}')
    assert template.render(Context({"current_actor": world.actor("project_leader")})) == "True"
    assert template.render(Context({"current_actor": world.actor("manager")})) == "False"
    assert template.render(Context({})) == "False"


def test_an_actor_outside_an_organisation_has_none(world):
    actor = Actor(user=world.users["adviser"])
    assert not actor.in_organisation
    assert can(actor, "catalogue.edit") and not can(actor, "people.view")
