"""Predicates about the login itself, for the rules of other apps."""

from __future__ import annotations

from binnenuit.core.access import Actor, predicate


@predicate
def is_provider_staff(actor: Actor) -> bool:
    """Staff of the training provider (advisers): they keep the catalogue and add clients."""
    return bool(actor.user.is_provider_staff)
