"""Reads for calendars: a login's feed and meetings, a meeting's recipients, a meeting to download.

Every function here runs a fixed number of queries, however many meetings or people.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.calendars.models import Feed
from binnenuit.core.access import Actor, fetch
from binnenuit.core.privacy import is_anonymous_email
from binnenuit.organisations.models import Membership, Person
from binnenuit.trajectories.models import Attendance, Guest, Meeting

# The feed shows the meetings of the past year and every one to come; a cancelled meeting
# stays in it, marked cancelled, for 30 days after it was cancelled.
FEED_PAST = datetime.timedelta(days=365)
CANCELLED_SHOWN = datetime.timedelta(days=30)
TOKEN_LENGTH = 43  # secrets.token_urlsafe(32)

MEETING_DETAILS = ("organisation", "location", "trajectory", "round")


def feed_of(user: Any) -> Feed | None:
    return Feed.objects.filter(user=user).first()


def feed_url(feed: Feed) -> str:
    """The subscription's address: absolute, on the site's own address (https in production)."""
    return settings.SITE_URL + reverse("calendars:feed-ics", kwargs={"token": feed.token})


def feed_by_token(token: str) -> Feed | None:
    """The live feed with this token, with its login; None for any other token."""
    if len(token) != TOKEN_LENGTH:
        return None
    return Feed.objects.select_related("user").filter(token=token, user__is_active=True).first()


class Part(StrEnum):
    """How someone takes part in a meeting."""

    ATTENDEE = "attendee"
    FACILITATOR = "facilitator"
    ADVISER = "adviser"
    GUEST = "guest"


def feed_meetings(user: Any, *, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """A login's meetings, in every organisation where their login is active: as an attendee
    (an attendance of one of their employee records), as a facilitator or as an adviser.

    One query. Each meeting carries ``as_attendee``, ``as_facilitator`` and ``as_adviser``.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    attends = Attendance.objects.filter(meeting=OuterRef("pk"), person__user=user)
    facilitates = Meeting.facilitators.through.objects.filter(
        meeting_id=OuterRef("pk"), person__user=user
    )
    advises = Meeting.advisers.through.objects.filter(meeting_id=OuterRef("pk"), user=user)
    organisations = Membership.objects.filter(
        user=user, deactivated_at__isnull=True, organisation__archived_at__isnull=True
    ).values("organisation_id")
    return (
        Meeting.objects.filter(
            organisation_id__in=organisations,
            date__isnull=False,
            date__gte=today - FEED_PAST,
        )
        .filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=now - CANCELLED_SHOWN))
        .annotate(
            as_attendee=Exists(attends),
            as_facilitator=Exists(facilitates),
            as_adviser=Exists(advises),
        )
        .filter(Q(as_attendee=True) | Q(as_facilitator=True) | Q(as_adviser=True))
        .select_related(*MEETING_DETAILS)
        .in_day_order()
    )


def meeting_part(meeting: Meeting) -> Part:
    """How the feed's owner takes part in a meeting of :func:`feed_meetings`."""
    if getattr(meeting, "as_facilitator", False):
        return Part.FACILITATOR
    if getattr(meeting, "as_adviser", False):
        return Part.ADVISER
    return Part.ATTENDEE


def meeting_to_download(actor: Actor, pk: int) -> Meeting:
    """A planned meeting the actor may see, for its calendar entry: 404 otherwise."""
    return fetch(
        Meeting.objects.visible_to(actor)
        .filter(date__isnull=False)
        .select_related(*MEETING_DETAILS),
        actor,
        "calendar.meeting",
        pk=pk,
    )


def meetings_with_details(ids: Iterable[int]) -> list[Meeting]:
    return list(Meeting.objects.filter(pk__in=list(ids)).select_related(*MEETING_DETAILS))


# --- Who gets a meeting's calendar mail ----------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Someone a meeting's invitation goes to, by a record key that stays the same."""

    key: str  # "person-12", "user-3" (an adviser), "guest-7"
    name: str
    email: str
    part: Part
    absent: bool = False  # recorded absent already: no reminder


def _address(*candidates: str | None) -> str:
    for email in candidates:
        if email and not is_anonymous_email(email):
            return email
    return ""


def _still_here(left_on: datetime.date | None, today: datetime.date) -> bool:
    return left_on is None or left_on > today


def recipients_of(
    meetings: Iterable[Meeting], *, today: datetime.date | None = None
) -> dict[int, list[Recipient]]:
    """The people each meeting's calendar mail goes to (meeting key → recipients), four queries.

    Its facilitators, its attendees (its attendance list), its advisers (active logins) and
    its guests, each with an e-mail address: an employee's own, else their login's. Who has
    left the organisation, or has only an anonymised address, gets nothing. One address gets
    one mail, in this order of parts.
    """
    today = today or timezone.localdate()
    ids = [m.pk for m in meetings]
    found: dict[int, list[Recipient]] = {pk: [] for pk in ids}
    if not ids:
        return found
    person_fields = ("person__full_name", "person__email", "person__user__email", "person__left_on")
    rows: list[tuple[int, Recipient]] = []
    for meeting_id, pk, name, email, login, left_on in (
        Meeting.facilitators.through.objects.filter(meeting_id__in=ids)
        .order_by("person__full_name", "person_id")
        .values_list("meeting_id", "person_id", *person_fields)
    ):
        if _still_here(left_on, today):
            rows.append(
                (
                    meeting_id,
                    Recipient(f"person-{pk}", name, _address(email, login), Part.FACILITATOR),
                )
            )
    for meeting_id, pk, name, email, login, left_on, status in (
        Attendance.objects.filter(meeting_id__in=ids)
        .order_by("person__full_name", "person_id")
        .values_list("meeting_id", "person_id", *person_fields, "status")
    ):
        if _still_here(left_on, today):
            absent = status == Attendance.Status.ABSENT
            recipient = Recipient(
                f"person-{pk}", name, _address(email, login), Part.ATTENDEE, absent=absent
            )
            rows.append((meeting_id, recipient))
    for meeting_id, pk, name, email in (
        Meeting.advisers.through.objects.filter(meeting_id__in=ids, user__is_active=True)
        .order_by("user__full_name", "user_id")
        .values_list("meeting_id", "user_id", "user__full_name", "user__email")
    ):
        rows.append((meeting_id, Recipient(f"user-{pk}", name, _address(email), Part.ADVISER)))
    for meeting_id, pk, name, email in (
        Guest.objects.filter(meeting_id__in=ids)
        .order_by("full_name", "pk")
        .values_list("meeting_id", "pk", "full_name", "email")
    ):
        rows.append((meeting_id, Recipient(f"guest-{pk}", name, _address(email), Part.GUEST)))
    seen: dict[int, set[str]] = {pk: set() for pk in ids}
    for meeting_id, recipient in rows:
        marks = {recipient.key, recipient.email.lower()}
        if not recipient.email or marks & seen[meeting_id]:
            continue
        seen[meeting_id] |= marks
        found[meeting_id].append(recipient)
    return found


def recipients_by_key(keys: Iterable[str]) -> dict[str, Recipient]:
    """People who are no longer on a meeting's list, by their record keys (for their
    cancellation); at most three queries. A guest who was removed is gone with their row."""
    wanted: dict[str, set[int]] = {"person": set(), "user": set(), "guest": set()}
    for key in keys:
        kind, _, number = key.partition("-")
        if kind in wanted and number.isdigit():
            wanted[kind].add(int(number))
    found: dict[str, Recipient] = {}
    if wanted["person"]:
        for pk, name, email, login in Person.objects.filter(pk__in=wanted["person"]).values_list(
            "pk", "full_name", "email", "user__email"
        ):
            found[f"person-{pk}"] = Recipient(
                f"person-{pk}", name, _address(email, login), Part.ATTENDEE
            )
    if wanted["user"]:
        for pk, name, email in User.objects.filter(
            pk__in=wanted["user"], is_active=True
        ).values_list("pk", "full_name", "email"):
            found[f"user-{pk}"] = Recipient(f"user-{pk}", name, _address(email), Part.ADVISER)
    if wanted["guest"]:
        for pk, name, email in Guest.objects.filter(pk__in=wanted["guest"]).values_list(
            "pk", "full_name", "email"
        ):
            found[f"guest-{pk}"] = Recipient(f"guest-{pk}", name, _address(email), Part.GUEST)
    return {key: r for key, r in found.items() if r.email}
