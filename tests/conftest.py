"""Shared fixtures: a small world built from factories, and clients logged in as its people.

``world`` is the healthchecks trio grown to our roles: one organisation with a member of every
role and a running trajectory (its trainer in round 1, its participant in round 2), and
another organisation with its own project leader (the outsider). The full demo is built only
for the demo's own tests and the browser tests (``demo``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.utils import translation

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import Stage
from binnenuit.catalogue.services import catalogue_seed
from binnenuit.core.access import Actor, actor_in, actor_outside
from binnenuit.organisations.models import Organisation, Person, Role
from binnenuit.trajectories import services as trajectory_services
from binnenuit.trajectories.models import Enrolment, Round, Trajectory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROLES = ("adviser", "project_leader", "manager", "trainer", "participant")


@pytest.fixture(autouse=True)
def _fast_passwords_and_scratch_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    """Every test starts in Dutch, the default, whatever language a request before it chose."""
    with translation.override("nl"):
        yield


@pytest.fixture(autouse=True)
def _catalogue_version_1(request: pytest.FixtureRequest) -> None:
    """Every test with the database finds version 1 of the programme, as migrated.

    A transactional test (the browser tests, the concurrency tests) ends by emptying every
    table; the tests after it on the same worker get version 1 back from the one seed.
    """
    uses_db = request.node.get_closest_marker("django_db") is not None or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("catalogue")


@dataclass
class World:
    """One organisation with a member of every role, and an outsider at another."""

    org: Organisation
    other_org: Organisation
    users: dict[str, User]  # ROLES and "outsider"
    people: dict[str, Person]  # the employee records of the roles that have one
    trajectory: Trajectory
    round_1: Round
    round_2: Round
    other_trajectory: Trajectory
    _actors: dict[str, Actor] = field(default_factory=dict)

    def actor(self, role: str) -> Actor:
        """The role's actor in its organisation (the outsider's is at the other one)."""
        if role not in self._actors:
            org = self.other_org if role == "outsider" else self.org
            self._actors[role] = actor_in(self.users[role], org.slug)
        return self._actors[role]

    def outside(self, role: str) -> Actor:
        return actor_outside(self.users[role])

    def person(self, **fields: object) -> Person:
        """Another employee of the organisation."""
        return PersonFactory(organisation=self.org, **fields)


def build_world() -> World:
    catalogue_seed()  # a transactional test before this one may have flushed it
    org = OrganisationFactory(name="Gemeente Testdorp", slug="testdorp")
    other = OrganisationFactory(name="Gemeente Elders", slug="elders")
    users = {
        "adviser": UserFactory(email="adviseur@test.example", is_provider_staff=True),
        "project_leader": UserFactory(email="projectleider@test.example"),
        "manager": UserFactory(email="manager@test.example"),
        "trainer": UserFactory(email="trainer@test.example"),
        "participant": UserFactory(email="deelnemer@test.example"),
        "outsider": UserFactory(email="projectleider@elders.example"),
    }
    for role in ROLES:
        MembershipFactory(organisation=org, user=users[role], role=role)
    MembershipFactory(organisation=other, user=users["outsider"], role=Role.PROJECT_LEADER)
    people = {
        role: PersonFactory(
            organisation=org,
            user=users[role],
            email=users[role].email,
            full_name=users[role].full_name,
        )
        for role in ("project_leader", "manager", "trainer", "participant")
    }
    adviser = actor_in(users["adviser"], org.slug)
    trajectory = trajectory_services.trajectory_start(by=adviser, name="Traject Testdorp")
    rounds = {Stage(r.stage): r for r in trajectory.rounds.all()}
    for role, stage in (("trainer", Stage.ROUND_1), ("participant", Stage.ROUND_2)):
        Enrolment.objects.create(organisation=org, round=rounds[stage], person=people[role])
    other_trajectory = trajectory_services.trajectory_start(
        by=actor_in(users["outsider"], other.slug), name="Traject Elders"
    )
    return World(
        org=org,
        other_org=other,
        users=users,
        people=people,
        trajectory=trajectory,
        round_1=rounds[Stage.ROUND_1],
        round_2=rounds[Stage.ROUND_2],
        other_trajectory=other_trajectory,
    )


@pytest.fixture
def catalogue(db) -> None:
    """Version 1 of the programme, as the data migration made it."""
    catalogue_seed()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def demo(db) -> dict[str, Organisation]:
    """The two demo organisations, built exactly as `./dev demo` builds them."""
    from binnenuit.demo.builder import demo_build

    catalogue_seed()
    demo_build()
    return {o.slug: o for o in Organisation.objects.all()}


@pytest.fixture
def client_as(db) -> Callable[[User | str], Client]:
    """A test client logged in as this user (or the user with this e-mail address)."""

    def make(user: User | str) -> Client:
        client = Client()
        client.force_login(user if isinstance(user, User) else User.objects.get(email=user))
        return client

    return make
