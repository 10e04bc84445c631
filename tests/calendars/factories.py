"""Helpers for the calendars tests: planned meetings, the outbox's calendar mail, parsing."""

from __future__ import annotations

import datetime

import vobject

from binnenuit.calendars import services
from binnenuit.calendars.ics import AMSTERDAM
from binnenuit.catalogue.models import Stage
from binnenuit.mail.models import Mail
from binnenuit.trajectories import services as planning
from binnenuit.trajectories.models import Meeting, PartOfDay
from tests.factories import LocationFactory

UTC = datetime.UTC
SITE = "https://binnenuit.example"


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def module_meeting(world, stage: Stage = Stage.ROUND_1, position: int = 1) -> Meeting:
    round_ = world.round_1 if stage == Stage.ROUND_1 else world.round_2
    return Meeting.objects.get(round=round_, module__position=position)


def town_hall(world):
    return LocationFactory(
        organisation=world.org,
        name="Stadskantoor",
        address="Markt 1, 1234 AB Testdorp",
        accessibility="Drempelvrij, met lift en ringleiding.",
        route="Bus 5 tot halte Markt; fietsenstalling achter het gebouw.",
    )


def plan(world, meeting: Meeting, date: datetime.date | None, **fields) -> Meeting:
    """Plan as the world's adviser; conflicts (order, people twice) are overridden."""
    fields.setdefault("part_of_day", PartOfDay.MORNING)
    fields.setdefault("override_reason", "Voor de test.")
    return planning.meeting_plan(by=world.actor("adviser"), meeting=meeting, date=date, **fields)


def feed_for(world, role: str):
    return services.feed_start(by=world.outside(role))


def calendar_mails(template: str | None = None) -> list[Mail]:
    mails = Mail.objects.filter(template__startswith="meeting_").order_by("pk")
    if template is not None:
        mails = mails.filter(template=template)
    return list(mails.prefetch_related("attachments"))


def invitation_of(mail: Mail):
    """The mail's calendar attachment, read by vobject (not the library that wrote it)."""
    [attachment] = mail.attachments.all()
    return attachment.content_type, vobject.readOne(bytes(attachment.content).decode())
