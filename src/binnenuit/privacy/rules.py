"""Who may export and erase a person's data, and read the processing register.

Registered when the app loads. An organisation's organisers (adviser, project leader) answer
its employees' requests; everyone may see their own data; the provider's staff keep the
processing register and watch the retention job.
"""

from __future__ import annotations

from binnenuit.accounts.rules import is_provider_staff
from binnenuit.core.access import Actor, add_rule, predicate
from binnenuit.organisations.rules import is_organiser


@predicate
def is_logged_in(actor: Actor) -> bool:
    return bool(actor.user.is_authenticated)


add_rule("privacy.export", is_organiser)
add_rule("privacy.erase", is_organiser)
add_rule("privacy.own_data", is_logged_in)
add_rule("privacy.register", is_provider_staff)
add_rule("privacy.retention", is_provider_staff)
