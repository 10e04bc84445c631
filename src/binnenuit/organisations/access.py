"""How a user becomes an actor in an organisation, and the request type of its pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from binnenuit.accounts.two_factor import register_requirement
from binnenuit.core.access import Actor, ActorRequest, fact, register_actor_loader
from binnenuit.organisations.models import ORGANISERS, Membership, Organisation, Person, Role


class OrgRequest(ActorRequest):
    """A request inside an organisation, resolved by ``org_view``."""

    org: Organisation


def actor_for(user: Any, org_slug: str) -> Actor:
    """The user's actor in the organisation with this slug; 404 when they are not a member.

    An archived organisation is hidden from everyone but its advisers (who may restore it);
    a deactivated membership opens nothing.
    """
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=org_slug, deactivated_at__isnull=True)
        .filter(Q(organisation__archived_at__isnull=True) | Q(role=Role.ADVISER))
        .first()
    )
    if membership is None:
        raise Http404
    return Actor(
        user=user,
        organisation=membership.organisation,
        role=membership.role,
        role_label=membership.get_role_display(),
    )


@fact("organisations.person")
def own_person(actor: Actor) -> Person | None:
    """The actor's own employee record in the organisation, if they have one."""
    return Person.objects.for_org(actor.organisation).filter(user=actor.user).first()


def must_use_two_factor(user: Any) -> bool:
    """Advisers and project leaders see many people's data: they log in in two steps."""
    return bool(user.is_provider_staff) or (
        Membership.objects.filter(
            user=user, role__in=ORGANISERS, deactivated_at__isnull=True
        ).exists()
    )


register_actor_loader(actor_for)
register_requirement(must_use_two_factor)
