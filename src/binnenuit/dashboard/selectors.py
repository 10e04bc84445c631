"""Pages that combine apps: the organisations a user works with, and one organisation's
overview of its trajectories, rounds and meetings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects

from binnenuit.organisations.models import STAFF_ROLES, Membership, Organisation, Person, Role
from binnenuit.trajectories.models import Trajectory


def organisations_of(*, user: Any, archived: bool = False) -> QuerySet[Organisation]:
    """The user's organisations by name: the active ones, or the archived ones they advise
    (an archived organisation exists for its advisers only)."""
    if archived:
        qs = Organisation.objects.of_user(user, roles=[Role.ADVISER]).archived()
    else:
        qs = Organisation.objects.of_user(user).active()
    return qs.order_by("name", "pk")


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    person_count: int
    trajectories: list[Trajectory]


def organisation_rows(*, user: Any, page: Page[Organisation]) -> list[OrganisationRow]:
    """The page's organisations with their head count and the trajectories the user may see.

    Counted for the rows shown only, in two queries, whatever the number of organisations.
    """
    organisations = list(page.object_list)
    counts = dict(
        Person.objects.filter(organisation__in=organisations)
        .values("organisation")
        .annotate(n=Count("pk"))
        .values_list("organisation", "n")
    )
    staff_in = Membership.objects.filter(
        user=user, role__in=STAFF_ROLES, deactivated_at__isnull=True
    ).values("organisation")
    prefetch_related_objects(
        organisations,
        Prefetch(
            "trajectory_set",
            queryset=Trajectory.objects.filter(organisation__in=staff_in).order_by(
                "-created_at", "-pk"
            ),
            to_attr="visible_trajectories",
        ),
    )
    return [
        OrganisationRow(
            organisation=org,
            person_count=counts.get(org.pk, 0),
            trajectories=org.visible_trajectories,  # type: ignore[attr-defined]
        )
        for org in organisations
    ]
