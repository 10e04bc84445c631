"""A meeting as a calendar entry (``ics.Event``) and as the details its e-mails show.

The UID is the meeting's for good (``meeting-<pk>@<host of SITE_URL>``): the feed, the
download and every invitation, change and cancellation speak of the same entry, and its
SEQUENCE is the meeting's ``revision``.
"""

from __future__ import annotations

import datetime
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from binnenuit.calendars.ics import AMSTERDAM, Address, Event
from binnenuit.calendars.selectors import Part, Recipient
from binnenuit.trajectories.models import Meeting

PART_LABELS = {
    Part.ATTENDEE: _("participant"),
    Part.FACILITATOR: _("facilitator"),
    Part.ADVISER: _("adviser"),
    Part.GUEST: _("guest"),
}


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "binnenuit"
    return f"meeting-{meeting.pk}@{host}"


def organizer(meeting: Meeting) -> Address:
    """The organisation, at the address Binnenuit sends from (replies go nowhere personal)."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "binnenuit@localhost"
    return Address(meeting.organisation.name, address)


def place(meeting: Meeting) -> str:
    """The location as one line: its name and address."""
    location = meeting.location
    if location is None:
        return ""
    return ", ".join(part for part in (location.name, location.address) if part)


def summary(meeting: Meeting, *, cancelled: bool) -> str:
    title = f"{meeting.title} ({meeting.organisation.name})"
    return gettext("Cancelled: %(title)s") % {"title": title} if cancelled else title


def description(meeting: Meeting, *, part: Part | None = None) -> str:
    """Where it belongs, where it is, how to get in and there; in the active language."""
    where = [meeting.organisation.name, meeting.trajectory.name]
    if meeting.round is not None:
        where.append(meeting.round.label)
    lines = [" · ".join(where)]
    if part is not None:
        lines.append(gettext("You take part as: %(part)s") % {"part": PART_LABELS[part]})
    location = meeting.location
    if location is not None:
        lines.append(gettext("Location: %(place)s") % {"place": place(meeting)})
        if location.accessibility:
            lines.append(gettext("Accessibility: %(text)s") % {"text": location.accessibility})
        if location.route:
            lines.append(gettext("Route: %(text)s") % {"text": location.route})
    return "\n".join(lines)


def meeting_event(
    meeting: Meeting,
    *,
    part: Part | None = None,
    attendee: Recipient | None = None,
    cancelled: bool | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> Event:
    """The meeting as a calendar entry; ``attendee`` makes it an invitation to them (with the
    organisation as organizer). A meeting without a date needs ``start`` and ``end`` (the
    times the invitation said, for its cancellation)."""
    is_cancelled = meeting.is_cancelled if cancelled is None else cancelled
    start = start or meeting.starts_at
    end = end or meeting.ends_at
    if start is None or end is None:
        raise ValueError("A calendar entry needs a start and an end.")
    return Event(
        uid=meeting_uid(meeting),
        sequence=meeting.revision,
        start=start,
        end=end,
        summary=summary(meeting, cancelled=is_cancelled),
        location=place(meeting),
        description=description(meeting, part=part or (attendee.part if attendee else None)),
        cancelled=is_cancelled,
        organizer=organizer(meeting) if attendee is not None else None,
        attendees=(Address(attendee.name, attendee.email),) if attendee is not None else (),
    )


def mail_details(
    meeting: Meeting,
    recipient: Recipient,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
) -> dict[str, Any]:
    """What a meeting's e-mail says about it (the templates format the dates)."""
    location = meeting.location
    start, end = start.astimezone(AMSTERDAM), end.astimezone(AMSTERDAM)
    return {
        "name": recipient.name,
        "part": PART_LABELS[recipient.part],
        "title": meeting.title,
        "organisation": meeting.organisation.name,
        "round": meeting.round.label if meeting.round is not None else "",
        "date": start.date(),
        "starts": start.time(),
        "ends": end.time(),
        "location": location.name if location is not None else "",
        "address": location.address if location is not None else "",
        "accessibility": location.accessibility if location is not None else "",
        "route": location.route if location is not None else "",
    }
