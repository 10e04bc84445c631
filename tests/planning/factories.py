"""Helpers for the planning tests: a second trajectory, planned meetings, the form's data."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from binnenuit.catalogue.models import Stage
from binnenuit.organisations.models import Location
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Meeting, MeetingKind, PartOfDay, Trajectory

DAY = datetime.date(2027, 3, 2)  # a Tuesday, well within the world's trajectory


def url(world, name: str, pk: int, **query: str) -> str:
    path = reverse(f"trajectories:{name}", kwargs={"org_slug": world.org.slug, "pk": pk})
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


def text(response) -> str:
    return response.content.decode()


def another_trajectory(world, name: str = "Tweede traject") -> Trajectory:
    """A second trajectory at the organisation: its meetings are in no order with the first's."""
    return services.trajectory_start(by=world.actor("adviser"), name=name)


def meeting_of(trajectory: Trajectory, kind: MeetingKind = MeetingKind.THEME_SESSION) -> Meeting:
    return Meeting.objects.filter(trajectory=trajectory, kind=kind).order_by("sequence").first()


def module(trajectory: Trajectory, stage: Stage, position: int) -> Meeting:
    return Meeting.objects.get(trajectory=trajectory, round__stage=stage, module__position=position)


def plan(
    world,
    meeting: Meeting,
    day: datetime.date = DAY,
    part: PartOfDay = PartOfDay.MORNING,
    **fields: Any,
) -> Meeting:
    """Plan through the service, without advisers unless given, and without a conflict check
    getting in the way (a reason is given)."""
    fields.setdefault("advisers", [])
    fields.setdefault("override_reason", "Voor de test.")
    return services.meeting_plan(
        by=world.actor("adviser"), meeting=meeting, date=day, part_of_day=part, **fields
    )


def form_data(
    day: datetime.date | str = DAY,
    part: PartOfDay | str = PartOfDay.MORNING,
    *,
    location: Location | int | str | None = None,
    facilitators: list[Any] = (),  # type: ignore[assignment]
    advisers: list[Any] = (),  # type: ignore[assignment]
    starts: str = "",
    ends: str = "",
    reason: str = "",
) -> dict[str, Any]:
    """What the planning form sends: every field, as a browser sends it."""
    return {
        "date": str(day),
        "part_of_day": str(part),
        "starts_at_time": starts,
        "ends_at_time": ends,
        "location": str(location.pk if isinstance(location, Location) else location or ""),
        "facilitators": [str(getattr(p, "pk", p)) for p in facilitators],
        "advisers": [str(getattr(u, "pk", u)) for u in advisers],
        "override_reason": reason,
    }
