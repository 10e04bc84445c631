"""The attendance block on an organisation's overview: ``{% load attendance %}``
``{% attendance_overview %}`` (the dashboard sits above this app and shows what it renders)."""

from __future__ import annotations

from typing import Any

from django import template

from binnenuit.attendance import selectors
from binnenuit.core.access import Actor, can

register = template.Library()


@register.inclusion_tag("attendance/overview_block.html", takes_context=True)
def attendance_overview(context: template.Context) -> dict[str, Any]:
    """For the staff: per round under way, who completed and who is at risk (four queries);
    for everyone else, the way to their own attendance (no query)."""
    actor: Actor | None = context.get("current_actor")
    if actor is None or not actor.in_organisation:
        return {"show": False}
    if not can(actor, "attendance.report"):
        return {"show": True, "staff": False, "org": actor.organisation}
    return {
        "show": True,
        "staff": True,
        "org": actor.organisation,
        "rounds": selectors.overview_rounds(actor=actor),
    }
