"""Reading the audit trail: an organisation's entries, newest first."""

from __future__ import annotations

from django.db.models import QuerySet

from binnenuit.audit.models import Kind, TrailEntry
from binnenuit.core.access import Actor

# The kinds an organisation's trail can hold (the catalogue belongs to no organisation).
TRAIL_KINDS = [kind for kind in Kind if kind != Kind.CATALOGUE]


def trail(*, actor: Actor, kind: str = "") -> QuerySet[TrailEntry]:
    """The actor's organisation's trail (of one kind), newest first, with what a line shows.

    Read from the index on (organisation, [kind,] entry): a page is one count and one query,
    however long the trail.
    """
    entries = (
        TrailEntry.objects.visible_to(actor)
        .select_related("log_entry__actor", "log_entry__content_type")
        .order_by("-log_entry_id")
    )
    return entries.filter(kind=kind) if kind else entries
