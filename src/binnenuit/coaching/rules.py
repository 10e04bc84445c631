"""Who may see and do what in module 2 and the coaching of round 2.

- **The strength–gap matrix** is for the staff roles: it names the trainers' strengths next
  to the organisation's gaps.
- **Planning** (the organisation's learning goals, the round-2 themes and their teams, the
  coach pairs) is for the organisers: the adviser and the project leader.
- **Learning goals** are written by the round-2 participant themselves (or by an organiser at
  the intake).
- **A pair's log** is for the two people in it, once the pairs are published.
- **Private notes** have no rule anybody else can pass: they are fetched among the actor's
  own only (``PrivateNote.objects.visible_to``), so anyone else gets 404.
- **Whether pairs meet** (counts and dates, never content) is for the organisers.
"""

from __future__ import annotations

from typing import Any

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, add_rule, fact, predicate
from binnenuit.organisations.models import Role
from binnenuit.organisations.rules import in_organisation, is_organiser, is_staff_role, is_trainer
from binnenuit.trajectories.models import Enrolment


@fact("coaching.round_2_enrolment_ids")
def round_2_enrolment_ids(actor: Actor) -> frozenset[int]:
    """The actor's own enrolments in a round 2."""
    person = actor.fact("organisations.person")
    if person is None:
        return frozenset()
    return frozenset(
        Enrolment.objects.filter(
            person_id=person.pk, round__stage=Stage.ROUND_2, status=Enrolment.Status.ENROLLED
        ).values_list("pk", flat=True)
    )


@predicate
def writes_own_goals(actor: Actor, enrolment: Any = None) -> bool:
    """A round-2 participant, for their own enrolment (or any of theirs, none given)."""
    own = actor.fact("coaching.round_2_enrolment_ids")
    return enrolment.pk in own if enrolment is not None else bool(own)


@predicate
def has_participant_role(actor: Actor) -> bool:
    return actor.role == Role.PARTICIPANT


@predicate
def in_published_pair(actor: Actor, pair: Any = None) -> bool:
    """The actor is the coach or the coachee of this published pair."""
    if pair is None or pair.published_at is None:
        return False
    person = actor.fact("organisations.person")
    return person is not None and person.pk in (pair.trainer_id, pair.participant_id)


add_rule("coaching.matrix", is_staff_role)
add_rule("coaching.plan", is_organiser)
add_rule("coaching.goals", writes_own_goals | is_organiser)
add_rule("coaching.mine", in_organisation)
# The menu's "My coaching": for the roles coaching pairs are made of (a role, so the menu on
# every page costs no query).
add_rule("coaching.menu", is_trainer | has_participant_role)
add_rule("coaching.log", in_published_pair)
add_rule("coaching.oversight", is_organiser)
