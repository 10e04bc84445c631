"""iCalendar (RFC 5545) documents from plain data, with the ``icalendar`` library.

Times are written in Europe/Amsterdam with a VTIMEZONE, so a meeting on either side of a
daylight-saving change stays at its wall-clock time in every calendar. An invitation is
``METHOD:REQUEST``; a change keeps the UID with a higher SEQUENCE; a cancellation is
``METHOD:CANCEL`` with ``STATUS:CANCELLED``. A subscription feed has no METHOD.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

import icalendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Binnenuit//Overheidsparticipatie van binnenuit//NL"


class Method(StrEnum):
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Address:
    name: str
    email: str


@dataclass(frozen=True)
class Event:
    uid: str
    sequence: int
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    organizer: Address | None = None
    attendees: tuple[Address, ...] = field(default_factory=tuple)


def calendar(
    events: Iterable[Event],
    *,
    method: Method | None = None,
    name: str = "",
    stamp: datetime.datetime | None = None,
    refresh: datetime.timedelta | None = None,
) -> bytes:
    """The events as one VCALENDAR document (bytes, CRLF line endings).

    ``refresh`` asks subscribed calendar apps to fetch it again that often (RFC 7986
    REFRESH-INTERVAL, and X-PUBLISHED-TTL, which Outlook reads).
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method is not None:
        cal.add("method", method.value)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Amsterdam")
    if refresh is not None:
        cal.add("refresh-interval", refresh, parameters={"value": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(refresh))
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    events = list(events)
    for event in events:
        cal.add_component(_vevent(event, stamp))
    if events:
        # The time zone's changes over the years of these events only: a VTIMEZONE with every
        # change since 1970 is misread by some calendar programs.
        first = min(e.start for e in events).astimezone(AMSTERDAM).year - 1
        last = max(e.end for e in events).astimezone(AMSTERDAM).year + 2
        cal.add_missing_timezones(
            first_date=datetime.date(first, 1, 1), last_date=datetime.date(last, 1, 1)
        )
    data: bytes = cal.to_ical()
    return data


def _vevent(event: Event, stamp: datetime.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    vevent.add("dtstart", event.start.astimezone(AMSTERDAM))
    vevent.add("dtend", event.end.astimezone(AMSTERDAM))
    vevent.add("summary", event.summary)
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.organizer is not None:
        vevent.add(
            "organizer",
            icalendar.vCalAddress(f"mailto:{event.organizer.email}"),
            parameters={"cn": event.organizer.name},
        )
    for attendee in event.attendees:
        vevent.add(
            "attendee",
            icalendar.vCalAddress(f"mailto:{attendee.email}"),
            parameters={
                "cn": attendee.name,
                "role": "REQ-PARTICIPANT",
                "partstat": "NEEDS-ACTION",
                "rsvp": "FALSE",
            },
        )
    return vevent
