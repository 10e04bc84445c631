"""Who may see and change an organisation and its employees.

Registered when the app loads. Other apps build their rules from the role predicates here.
"""

from __future__ import annotations

from binnenuit.accounts.rules import is_provider_staff
from binnenuit.core.access import Actor, add_rule, predicate
from binnenuit.organisations import access  # noqa: F401  (registers the actor loader)
from binnenuit.organisations.models import ORGANISERS, STAFF_ROLES, Role


@predicate
def in_organisation(actor: Actor) -> bool:
    return actor.in_organisation


@predicate
def is_adviser(actor: Actor) -> bool:
    return actor.role == Role.ADVISER


@predicate
def is_organiser(actor: Actor) -> bool:
    """Adviser or project leader: they run the programme at the organisation."""
    return actor.role in ORGANISERS


@predicate
def is_staff_role(actor: Actor) -> bool:
    """Adviser, project leader or manager: they oversee the whole organisation."""
    return actor.role in STAFF_ROLES


@predicate
def is_trainer(actor: Actor) -> bool:
    return actor.role == Role.TRAINER


add_rule("organisation.create", is_provider_staff)
add_rule("organisation.view", in_organisation)
add_rule("organisation.edit", is_organiser)
add_rule("organisation.archive", is_adviser)
add_rule("people.view", is_staff_role)
add_rule("people.manage", is_organiser)
add_rule("locations.view", is_staff_role)
add_rule("locations.manage", is_organiser)
add_rule("access.view", is_organiser)
add_rule("access.manage", is_organiser)
add_rule("access.reset_two_factor", is_adviser)
