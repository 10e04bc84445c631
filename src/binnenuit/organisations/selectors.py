from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Invitation, Location, Membership, Organisation, Person


def person_for(actor: Actor, pk: int, action: str = "people.manage") -> Person:
    return fetch(Person, actor, action, pk=pk)


def person_list(*, actor: Actor, search: str = "") -> QuerySet[Person]:
    return Person.objects.visible_to(actor).search(search).select_related("line_manager")


def line_manager_choices(*, organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.for_org(organisation).only("pk", "full_name")


def person_email_taken(*, organisation: Organisation, email: str, exclude_pk: int | None) -> bool:
    qs = Person.objects.for_org(organisation).filter(email=email)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def access_overview(*, actor: Actor) -> dict[str, Any]:
    """Who has a login at the organisation (active first), and the invitations still open."""
    memberships = (
        Membership.objects.for_org(actor.organisation)
        .select_related("user")
        .order_by(F("deactivated_at").asc(nulls_first=True), "user__full_name", "pk")
    )
    invitations = (
        Invitation.objects.for_org(actor.organisation).pending().select_related("invited_by")
    )
    return {"memberships": memberships, "invitations": invitations}


def membership_for(actor: Actor, pk: int, action: str = "access.manage") -> Membership:
    return fetch(Membership.objects.select_related("user", "organisation"), actor, action, pk=pk)


def invitation_for(actor: Actor, pk: int, action: str = "access.manage") -> Invitation:
    return fetch(Invitation.objects.select_related("organisation"), actor, action, pk=pk)


def location_for(actor: Actor, pk: int, action: str = "locations.manage") -> Location:
    return fetch(Location, actor, action, pk=pk)


def location_list(*, actor: Actor) -> QuerySet[Location]:
    return Location.objects.visible_to(actor)
