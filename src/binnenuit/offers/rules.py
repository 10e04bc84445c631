"""Who may keep the price lists, build and decide on quotes, and see and manage invoices.

Price lists and the invoice overview are the provider's, outside any organisation; quotes and
invoices belong to one organisation. Registered when the app loads.
"""

from __future__ import annotations

from binnenuit.accounts.rules import is_provider_staff
from binnenuit.core.access import Actor, add_rule, predicate
from binnenuit.organisations.models import Role
from binnenuit.organisations.rules import is_adviser, is_organiser, is_staff_role


@predicate
def is_client_staff(actor: Actor) -> bool:
    """The organisation's project leader or manager: they accept or decline for it."""
    return actor.role in (Role.PROJECT_LEADER, Role.MANAGER)


add_rule("pricelist.edit", is_provider_staff)
add_rule("quote.view", is_staff_role)
add_rule("quote.manage", is_adviser)
add_rule("quote.decide", is_client_staff)
add_rule("quote.start_trajectory", is_organiser)
add_rule("invoice.view", is_staff_role)
add_rule("invoice.manage", is_adviser)
add_rule("invoice.overview", is_provider_staff)
