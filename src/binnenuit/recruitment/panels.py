"""What recruitment shows on a trajectory's timeline, under round 1 and round 2.

Per round: the call's state (none yet, open until a date, closed), how many applied, how many
are selected against the minimum and maximum, and for the organisers the links to open the
call and to the selection board. Both panels share one query per page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import can, request_actor
from binnenuit.recruitment import selectors
from binnenuit.trajectories.models import Phase, Trajectory
from binnenuit.trajectories.panels import register_phase_panel

_CACHE = "_recruitment_panels"


def _recruitment(request: HttpRequest, trajectory: Trajectory) -> dict[str, Any]:
    """The trajectory's rounds with their calls and counts, read once per request."""
    cache: dict[int, dict[str, Any]] = request.__dict__.setdefault(_CACHE, {})
    if trajectory.pk not in cache:
        cache[trajectory.pk] = dict(selectors.trajectory_recruitment(trajectory=trajectory))
    return cache[trajectory.pk]


def _panel(request: HttpRequest, trajectory: Trajectory, stage: Stage) -> str:
    actor = request_actor(request)
    if not can(actor, "recruitment.view", trajectory):
        return ""
    found = _recruitment(request, trajectory).get(stage.value)
    if found is None:
        return ""
    context = {
        "found": found,
        "may_manage": can(actor, "recruitment.manage", trajectory),
    }
    return render_to_string("recruitment/panel.html", context, request=request)


@register_phase_panel(Phase.ROUND_1)
def round_1_panel(request: HttpRequest, trajectory: Trajectory) -> str:
    return _panel(request, trajectory, Stage.ROUND_1)


@register_phase_panel(Phase.ROUND_2)
def round_2_panel(request: HttpRequest, trajectory: Trajectory) -> str:
    return _panel(request, trajectory, Stage.ROUND_2)
