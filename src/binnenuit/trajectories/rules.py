"""Who may see and run trajectories, rounds, meetings and enrolments.

Registered when the app loads, with the facts about an actor that these rules need.
"""

from __future__ import annotations

from typing import Any

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, add_rule, fact, predicate
from binnenuit.organisations.models import Role
from binnenuit.organisations.rules import is_organiser, is_staff_role
from binnenuit.trajectories.models import Enrolment, Round


@fact("trajectories.followed_round_ids")
def followed_round_ids(actor: Actor) -> frozenset[int]:
    """The rounds the actor's own employee record is enrolled in."""
    person = actor.fact("organisations.person")
    if person is None:
        return frozenset()
    return frozenset(
        Enrolment.objects.for_org(actor.organisation)
        .filter(person=person, status=Enrolment.Status.ENROLLED)
        .values_list("round_id", flat=True)
    )


@fact("trajectories.given_round_ids")
def given_round_ids(actor: Actor) -> frozenset[int]:
    """For a trainer: round 2 of every trajectory whose round 1 they followed."""
    if actor.role != Role.TRAINER:
        return frozenset()
    followed = actor.fact("trajectories.followed_round_ids")
    if not followed:
        return frozenset()
    trained_in = Round.objects.for_org(actor.organisation).filter(
        pk__in=followed, stage=Stage.ROUND_1
    )
    return frozenset(
        Round.objects.for_org(actor.organisation)
        .filter(stage=Stage.ROUND_2, trajectory__in=trained_in.values("trajectory_id"))
        .values_list("pk", flat=True)
    )


@predicate
def follows_round(actor: Actor, round_: Any) -> bool:
    return round_ is not None and round_.pk in actor.fact("trajectories.followed_round_ids")


@predicate
def gives_round(actor: Actor, round_: Any) -> bool:
    """The trainer gives this round; without a round: gives any round at all."""
    given = actor.fact("trajectories.given_round_ids")
    return round_.pk in given if round_ is not None else bool(given)


add_rule("trajectory.view", is_staff_role)
add_rule("trajectory.manage", is_organiser)
# Recording what the organisation agreed to (an accepted quote): by whoever accepts it.
add_rule("trajectory.agree", is_staff_role)
add_rule("round.view", is_staff_role | follows_round | gives_round)
add_rule("round.give", gives_round)
