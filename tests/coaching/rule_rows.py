"""The coaching app's rules in the table of tests/test_rules.py."""

from __future__ import annotations

from django.utils import timezone

from binnenuit.coaching.models import CoachPair
from tests.test_rules import N, Row, Y, roles


def pair(w, *, published: bool = True):
    """The trainer coaching the participant (the one pair of round 2, made or changed)."""
    made, _created = CoachPair.objects.update_or_create(
        round=w.round_2,
        participant=w.people["participant"],
        defaults={
            "organisation": w.org,
            "trainer": w.people["trainer"],
            "published_at": timezone.now() if published else None,
        },
    )
    return made


def foreign_pair(w):
    people = [w.other_org.person_set.create(full_name=f"Elders {i}") for i in range(2)]
    return CoachPair.objects.create(
        organisation=w.other_org,
        round=w.other_trajectory.rounds.order_by("stage").last(),
        trainer=people[0],
        participant=people[1],
        published_at=timezone.now(),
    )


def own_enrolment(w):
    return w.round_2.enrolments.get(person=w.people["participant"])


def foreign_enrolment(w):
    person = w.other_org.person_set.create(full_name="Deelnemer Elders")
    return (
        w.other_trajectory.rounds.order_by("stage")
        .last()
        .enrolments.create(organisation=w.other_org, person=person)
    )


ROWS = [
    Row("coaching.menu", None, None, roles(N, N, N, Y, Y)),
    Row(
        "coaching.matrix",
        lambda w: w.trajectory,
        lambda w: w.other_trajectory,
        roles(Y, Y, Y, N, N),
    ),
    Row(
        "coaching.plan", lambda w: w.trajectory, lambda w: w.other_trajectory, roles(Y, Y, N, N, N)
    ),
    Row(
        "coaching.oversight",
        lambda w: w.trajectory,
        lambda w: w.other_trajectory,
        roles(Y, Y, N, N, N),
    ),
    # The participant writes their own goals; an organiser may enter them at the intake.
    Row("coaching.goals", own_enrolment, foreign_enrolment, roles(Y, Y, N, N, Y)),
    Row("coaching.mine", None, None, roles(Y, Y, Y, Y, Y, outsider=Y)),
    # The log is the pair's own, once published; nobody else's, whatever their role.
    Row("coaching.log", pair, foreign_pair, roles(N, N, N, Y, Y)),
    Row("coaching.log", lambda w: pair(w, published=False), None, roles(N, N, N, N, N)),
]
