"""The quote's panel under "Offer" on a trajectory's timeline (``trajectories.panels``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from binnenuit.core.access import can
from binnenuit.offers import selectors
from binnenuit.trajectories.models import Phase, Trajectory
from binnenuit.trajectories.panels import register_phase_panel

if TYPE_CHECKING:
    from django.http import HttpRequest


@register_phase_panel(Phase.OFFER)
def quote_panel(request: HttpRequest, trajectory: Trajectory) -> str:
    """The trajectory's quote (state, totals, a link), or for an adviser a way to make one.

    One query, whatever the data.
    """
    actor = getattr(request, "actor", None)
    if not can(actor, "quote.view", trajectory):
        return ""
    quote = selectors.trajectory_quote(trajectory=trajectory)
    if quote is None and not can(actor, "quote.manage"):
        return ""
    return render_to_string(
        "offers/trajectory_panel.html",
        {"quote": quote, "trajectory": trajectory},
        request=request,
    )
