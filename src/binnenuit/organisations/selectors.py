from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from binnenuit.access import Actor, organisations_for, trajectories_for
from binnenuit.organisations.models import Organisation, Person

if TYPE_CHECKING:
    from binnenuit.access import AnyUser


def organisation_list(*, user: AnyUser) -> QuerySet[Organisation]:
    """The user's organisations with their head count and the trajectories they may see."""
    return (
        organisations_for(user)
        .order_by("name")
        .annotate(person_count=Count("person", distinct=True))
        .prefetch_related(
            Prefetch(
                "trajectory_set",
                queryset=trajectories_for(user).order_by("-created_at", "-pk"),
                to_attr="visible_trajectories",
            )
        )
    )


def person_list(*, actor: Actor, search: str = "") -> QuerySet[Person]:
    qs = Person.objects.for_org(actor.organisation).select_related("line_manager")
    if search:
        qs = qs.filter(
            Q(full_name__icontains=search)
            | Q(email__icontains=search)
            | Q(department__icontains=search)
            | Q(team__icontains=search)
        )
    return qs


def line_manager_choices(*, organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.for_org(organisation).only("pk", "full_name")


def person_email_taken(*, organisation: Organisation, email: str, exclude_pk: int | None) -> bool:
    qs = Person.objects.for_org(organisation).filter(email=email)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()
