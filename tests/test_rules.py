"""Every access rule × every role × their own organisation's object and another's.

Fails when a rule is registered that this table does not cover, so every new rule gets its
expectations written down here (they are the specification of who may do what).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.core.access import can, rule_names
from tests.conftest import World
from tests.factories import LocationFactory

ROLES = ("adviser", "project_leader", "manager", "trainer", "participant", "outsider")
Y, N = True, False


@dataclass(frozen=True)
class Row:
    rule: str
    own: Callable[[World], object] | None  # the object in the actor's organisation
    foreign: Callable[[World], object] | None  # the same kind of object elsewhere
    expected: dict[str, bool]  # per role, for the own object
    outside: bool = False  # a rule outside any organisation (acted on without one)


def roles(adviser, project_leader, manager, trainer, participant, outsider=N) -> dict[str, bool]:
    return dict(
        zip(ROLES, (adviser, project_leader, manager, trainer, participant, outsider), strict=True)
    )


def org(w: World) -> object:
    return w.org


def template(w: World) -> object:
    return ProgrammeTemplate.objects.get(version=1)


TABLE = [
    Row("organisation.create", None, None, roles(Y, N, N, N, N), outside=True),
    Row("catalogue.edit", template, None, roles(Y, N, N, N, N), outside=True),
    Row("demo.outbox", None, None, roles(Y, N, N, N, N), outside=True),  # where the demo is
    Row("organisation.view", None, None, roles(Y, Y, Y, Y, Y, outsider=Y)),
    Row("organisation.edit", None, None, roles(Y, Y, N, N, N, outsider=Y)),
    Row("organisation.archive", None, None, roles(Y, N, N, N, N)),
    Row("people.view", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
    Row("locations.view", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
    Row(
        "locations.manage",
        lambda w: LocationFactory(organisation=w.org),
        lambda w: LocationFactory(organisation=w.other_org),
        roles(Y, Y, N, N, N),
    ),
    Row(
        "access.view", None, None, roles(Y, Y, N, N, N, outsider=Y)
    ),  # who has a login, invitations
    Row(
        "access.manage",
        lambda w: w.org.membership_set.get(user=w.users["trainer"]),
        lambda w: w.other_org.membership_set.first(),
        roles(Y, Y, N, N, N),
    ),
    Row(
        "access.reset_two_factor",
        lambda w: w.org.membership_set.get(user=w.users["trainer"]),
        lambda w: w.other_org.membership_set.first(),
        roles(Y, N, N, N, N),
    ),
    Row("audit.view", None, None, roles(Y, Y, N, N, N, outsider=Y)),
    Row(
        "people.manage",
        lambda w: w.people["trainer"],
        lambda w: w.other_trajectory.organisation.person_set.create(full_name="X"),
        roles(Y, Y, N, N, N),
    ),
    Row(
        "trajectory.view",
        lambda w: w.trajectory,
        lambda w: w.other_trajectory,
        roles(Y, Y, Y, N, N),
    ),
    Row(
        "trajectory.manage",
        lambda w: w.trajectory,
        lambda w: w.other_trajectory,
        roles(Y, Y, N, N, N),
    ),
    Row(
        "round.view",
        lambda w: w.round_1,
        lambda w: w.other_trajectory.rounds.first(),
        roles(Y, Y, Y, Y, N),  # the trainer follows round 1; the participant is in round 2
    ),
    Row(
        "round.view",
        lambda w: w.round_2,
        lambda w: w.other_trajectory.rounds.last(),
        roles(Y, Y, Y, Y, Y),  # the trainer gives round 2
    ),
    Row(
        "round.give",
        lambda w: w.round_2,
        lambda w: w.other_trajectory.rounds.last(),
        roles(N, N, N, Y, N),
    ),
    Row("round.give", lambda w: w.round_1, None, roles(N, N, N, N, N)),
    Row(
        "privacy.export",
        lambda w: w.people["trainer"],
        lambda w: w.other_trajectory.organisation.person_set.create(full_name="X"),
        roles(Y, Y, N, N, N),
    ),
    Row(
        "privacy.erase",
        lambda w: w.people["trainer"],
        lambda w: w.other_trajectory.organisation.person_set.create(full_name="X"),
        roles(Y, Y, N, N, N),
    ),
    Row("privacy.own_data", None, None, roles(Y, Y, Y, Y, Y, outsider=Y), outside=True),
    Row("privacy.register", None, None, roles(Y, N, N, N, N), outside=True),
    Row("privacy.retention", None, None, roles(Y, N, N, N, N), outside=True),
]


# Apps that keep their rows beside their own tests, in tests/<app>/rule_rows.py: ``ROWS``.
# Planning's rules are the trajectories app's, in the table above.
for _app in ("offers", "recruitment", "calendars", "attendance", "profiles", "coaching", "scan"):
    TABLE += importlib.import_module(f"tests.{_app}.rule_rows").ROWS


def test_the_table_covers_every_registered_rule():
    assert sorted({row.rule for row in TABLE}) == rule_names()


@pytest.mark.django_db
def test_every_rule_for_every_role_on_own_and_foreign_objects(world):
    failures = []
    for row in TABLE:
        own = row.own(world) if row.own else None
        foreign = row.foreign(world) if row.foreign else None
        for role in ROLES:
            actor = world.outside(role) if row.outside else world.actor(role)
            got = can(actor, row.rule, own)
            if got is not row.expected[role]:
                failures.append(f"{row.rule} on {own!r} as {role}: {got}, expected {got ^ 1}")
            if foreign is not None and role != "outsider" and can(actor, row.rule, foreign):
                failures.append(f"{row.rule} on another organisation's {foreign!r} as {role}")
    assert not failures, "\n".join(failures)


def test_an_unknown_rule_is_an_error_not_a_refusal():
    with pytest.raises(KeyError, match="organisation.delete"):
        can(None, "organisation.delete")
