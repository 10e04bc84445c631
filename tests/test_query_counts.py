from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.catalogue.selectors import template_current
from binnenuit.organisations.models import Membership, Role
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Enrolment, Round, Trajectory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def ok(client, url):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200

    return fetch


def test_person_list_queries_same_with_5_and_500_rows(client):
    membership = MembershipFactory(role=Role.PROJECT_LEADER)
    org = membership.organisation
    PersonFactory.create_batch(5, organisation=org)
    managers = list(org.person_set.all())
    client.force_login(membership.user)

    def grow():
        people = PersonFactory.build_batch(495, organisation=org)
        for i, person in enumerate(people):
            person.line_manager = managers[i % 5]
        type(people[0]).objects.bulk_create(people)

    counts = assert_constant_queries(
        ok(client, reverse("organisations:person-list", kwargs={"org_slug": org.slug})), grow
    )
    print("person list queries at 5 and 500 rows:", counts)  # noqa: T201


def test_organisation_list_queries_same_with_5_and_500_rows(client):
    adviser = UserFactory(is_provider_staff=True)
    template = template_current()

    def advise(count: int) -> None:
        orgs = OrganisationFactory.create_batch(count)
        Membership.objects.bulk_create(
            Membership(organisation=org, user=adviser, role=Role.ADVISER) for org in orgs
        )
        PersonFactory.create_batch(2, organisation=orgs[0])
        Trajectory.objects.bulk_create(
            Trajectory(organisation=org, template=template, name=f"Traject {org.name}")
            for org in orgs
        )

    advise(5)
    client.force_login(adviser)

    counts = assert_constant_queries(
        ok(client, reverse("organisations:organisation-list")), lambda: advise(495)
    )
    print("organisation list queries at 5 and 500 rows:", counts)  # noqa: T201


def test_catalogue_list_queries_same_with_5_and_500_versions(client):
    client.force_login(UserFactory(is_provider_staff=True))
    template = template_current()

    def versions(numbers: range) -> None:
        ProgrammeTemplate.objects.bulk_create(
            ProgrammeTemplate(
                name=template.name, version=n, status=ProgrammeTemplate.Status.RETIRED
            )
            for n in numbers
        )

    versions(range(2, 6))
    counts = assert_constant_queries(
        ok(client, reverse("catalogue:template-list")), lambda: versions(range(6, 501))
    )
    print("catalogue list queries at 5 and 500 versions:", counts)  # noqa: T201


def test_round_detail_and_trajectory_queries_do_not_grow_with_members(client):
    membership = MembershipFactory(role=Role.PROJECT_LEADER)
    org = membership.organisation
    trajectory = services.trajectory_start(organisation=org, name="Traject")
    round_ = Round.objects.get(trajectory=trajectory, number=1)
    for person in PersonFactory.create_batch(5, organisation=org):
        services.enrolment_add(round_=round_, person=person)
    client.force_login(membership.user)

    def grow():
        people = PersonFactory.create_batch(495, organisation=org)
        Enrolment.objects.bulk_create(
            Enrolment(organisation=org, round=round_, person=p, status="waitlisted") for p in people
        )

    round_url = reverse("trajectories:round-detail", kwargs={"org_slug": org.slug, "pk": round_.pk})
    trajectory_url = reverse(
        "trajectories:trajectory-detail", kwargs={"org_slug": org.slug, "pk": trajectory.pk}
    )

    def fetch_both():
        ok(client, round_url)()
        ok(client, trajectory_url)()

    assert_constant_queries(fetch_both, grow)
