"""Panels that apps above trajectories add to a trajectory's page, per phase of its timeline.

Trajectories knows nothing of quotes or calls: those apps sit above it in the layers. They
register a panel here when they load (``register_phase_panel``), and the trajectory page shows
what each panel renders under its phase. A panel takes the request and the trajectory and
returns HTML, or an empty string when it has nothing to show the actor; it must run a fixed
number of queries, whatever the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from django.http import HttpRequest

    from binnenuit.trajectories.models import Phase, Trajectory

PhasePanel = Callable[["HttpRequest", "Trajectory"], str]

_panels: dict[str, list[PhasePanel]] = {}


def register_phase_panel(phase: Phase | str) -> Callable[[PhasePanel], PhasePanel]:
    """Decorator: show the panel under ``phase`` on every trajectory's page."""

    def register(panel: PhasePanel) -> PhasePanel:
        panels = _panels.setdefault(str(phase), [])
        if panel not in panels:
            panels.append(panel)
        return panel

    return register


def phase_panels(
    request: HttpRequest, trajectory: Trajectory, phase: Phase | str
) -> list[SafeString]:
    """What the panels registered for ``phase`` render for this request, empty ones left out."""
    rendered = (panel(request, trajectory) for panel in _panels.get(str(phase), []))
    return [mark_safe(html) for html in rendered if html]  # noqa: S308  (rendered templates)
