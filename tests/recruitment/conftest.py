"""Recruitment's fixtures: an open call on the world's round 1, and ways to fill it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from binnenuit.recruitment import services
from binnenuit.recruitment.models import Application, Call
from binnenuit.trajectories.models import Meeting
from tests.recruitment.factories import ApplicationFactory

DEADLINE_IN = datetime.timedelta(days=14)


def plan(round_, *days: int) -> list[Meeting]:
    """Date the round's first meetings ``days`` from today; those meetings, in order."""
    meetings = list(Meeting.objects.filter(round=round_).order_by("sequence", "pk"))
    today = timezone.localdate()
    for meeting, day in zip(meetings, days, strict=False):
        meeting.date = today + datetime.timedelta(days=day)
        meeting.save(update_fields=["date"])
    return meetings[: len(days)]


def open_call(world, round_=None, **kwargs) -> Call:
    return services.call_open(
        by=world.actor("project_leader"),
        round_=round_ or world.round_1,
        text=kwargs.pop("text", "Word trainer!"),
        deadline=kwargs.pop("deadline", timezone.localdate() + DEADLINE_IN),
    )


def apply(call: Call, **fields) -> Application:
    """Apply as the public form does (the service, no actor)."""
    data = {
        "full_name": "Fatima el Amrani",
        "email": "fatima.elamrani@test.example",
        "job_title": "Wijkcoördinator",
        "function_category": "field_service",
        "department": "Wijken",
        "motivation": "Ik werk elke dag met bewoners aan hun plannen voor de buurt.",
        "availability": {},
        "consent": True,
        **fields,
    }
    return services.application_submit(call=call, **data)


def applicants(call: Call, count: int, **fields) -> list[Application]:
    return [ApplicationFactory(call=call, **fields) for _ in range(count)]


@pytest.fixture
def call(world) -> Call:
    return open_call(world)
