"""Who may see the demo's own pages: the training provider's advisers, and only where the demo
is allowed (never in production)."""

from __future__ import annotations

from django.conf import settings

from binnenuit.accounts.rules import is_provider_staff
from binnenuit.core.access import Actor, add_rule, predicate


@predicate
def demo_allowed(actor: Actor) -> bool:
    return bool(settings.DEMO_ALLOWED)


add_rule("demo.outbox", is_provider_staff & demo_allowed)
