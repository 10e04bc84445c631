"""Writes for calendars: a login's subscription, and the calendar e-mail about meetings.

**Invitations** (:func:`invitations_sync`) bring the calendar mail of meetings in line with
who should have it, whatever happened before:

- a planned meeting: everyone on it (facilitators, attendees, advisers, guests, each with an
  address) has the invitation of its current revision (``METHOD:REQUEST``, SEQUENCE = the
  revision; "changed" wording for who had an earlier one); whoever had it and is no longer on
  the list (withdrawn, no longer facilitating) gets a cancellation;
- a cancelled meeting, or one taken off the calendar: whoever had the invitation gets the
  cancellation (``METHOD:CANCEL``, STATUS:CANCELLED);
- a meeting that has started is left alone.

Each e-mail is a ``Notice`` whose key is the mail's idempotency key (meeting, kind, revision,
recipient), queued through the outbox in one transaction per meeting: running it twice, or
twice at once, sends nothing twice. It runs when the trajectories app announces a change
(``meeting_changed``: a task per meeting) and every 15 minutes for the meetings of the next
60 days, which catches attendees added since (enrolments change attendance lists without an
announcement) and any announcement lost in a crash.

**Reminders** (:func:`reminders_send`, hourly): one e-mail per recipient per meeting date, on
the working day two working days before it (``calendars.workdays``), never on a weekend or a
public holiday, not before 07:00. A meeting whose reminder day has passed (the worker was
down) and that has not started yet still gets its reminders; cancelled meetings get none.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation

from binnenuit.accounts.models import User
from binnenuit.calendars import entries, ics, selectors
from binnenuit.calendars.models import Feed, Notice, NoticeKind
from binnenuit.calendars.selectors import Recipient
from binnenuit.calendars.workdays import is_working_day, working_days_before
from binnenuit.core.access import Actor, require
from binnenuit.mail.services import Attachment, mail_queue
from binnenuit.trajectories.models import Meeting

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "nl"  # logins and guests have no language of their own yet
SWEEP_AHEAD = datetime.timedelta(days=60)
REMINDER_WORKING_DAYS = 2
REMINDERS_FROM = datetime.time(7, 0)  # no reminder in the night


# --- The subscription ----------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_start(*, by: Actor) -> Feed:
    """The login's subscription: the one it has, or a new one."""
    require(by, "calendar.own")
    feed, _ = Feed.objects.get_or_create(user=by.user, defaults={"token": _new_token()})
    return feed


@transaction.atomic
def feed_renew(*, by: Actor) -> Feed:
    """A new secret address; the old one stops working at once."""
    require(by, "calendar.own")
    feed, _ = Feed.objects.update_or_create(
        user=by.user,
        defaults={"token": _new_token(), "issued_at": timezone.now(), "fetched_at": None},
    )
    return feed


@transaction.atomic
def feed_revoke(*, by: Actor) -> bool:
    """Stop the subscription; whether there was one."""
    require(by, "calendar.own")
    deleted, _ = Feed.objects.filter(user=by.user).delete()
    return bool(deleted)


@transaction.atomic
def feed_with_token(*, user: User, token: str) -> Feed:
    """For the demo only: a subscription with a well-known token, like its well-known
    passwords, so that every demo login's calendar address is the same after a rebuild."""
    if len(token) != selectors.TOKEN_LENGTH:
        raise ValueError(f"A feed token has {selectors.TOKEN_LENGTH} characters.")
    feed, _ = Feed.objects.update_or_create(
        user=user, defaults={"token": token, "issued_at": timezone.now()}
    )
    return feed


def feed_fetched(feed: Feed, *, now: datetime.datetime | None = None) -> None:
    """Note that a calendar app fetched the feed: one UPDATE, which writes at most hourly."""
    now = now or timezone.now()
    Feed.objects.filter(pk=feed.pk).filter(
        Q(fetched_at__isnull=True) | Q(fetched_at__lt=now - datetime.timedelta(hours=1))
    ).update(fetched_at=now)


# --- Invitations, changes and cancellations ------------------------------------------------


@dataclass
class _History:
    """What one recipient was sent about one meeting (invitations and cancellations)."""

    last_kind: str = ""
    last_revision: int = -1
    last_start: datetime.datetime | None = None
    last_end: datetime.datetime | None = None
    keys: set[str] = field(default_factory=set)

    @property
    def has_it(self) -> bool:
        """The entry is in their calendar: the last thing they got was an invitation."""
        return self.last_kind == NoticeKind.REQUEST


def _histories(meetings: list[Meeting]) -> dict[int, dict[str, _History]]:
    histories: dict[int, dict[str, _History]] = defaultdict(lambda: defaultdict(_History))
    rows = (
        Notice.objects.filter(meeting__in=meetings)
        .exclude(kind=NoticeKind.REMINDER)
        .order_by("pk")
        .values_list("meeting_id", "recipient", "kind", "revision", "starts_at", "ends_at", "key")
    )
    for meeting_id, recipient, kind, revision, starts_at, ends_at, key in rows:
        history = histories[meeting_id][recipient]
        history.last_kind, history.last_revision = kind, revision
        if kind == NoticeKind.REQUEST:
            history.last_start, history.last_end = starts_at, ends_at
        history.keys.add(key)
    return histories


def _key(meeting: Meeting, kind: str, recipient: str, taken: set[str]) -> str:
    """The notice's (and mail's) key; numbered when the same one was sent before (someone
    taken off the list and put back before the meeting changed)."""
    key = f"calendar-{kind}-{meeting.pk}-r{meeting.revision}-{recipient}"
    number = 1
    found = key
    while found in taken:
        number += 1
        found = f"{key}-{number}"
    return found


@dataclass(frozen=True)
class _Send:
    recipient: Recipient
    kind: str  # NoticeKind.REQUEST or CANCEL
    template: str
    start: datetime.datetime
    end: datetime.datetime
    previous: tuple[datetime.datetime | None, datetime.datetime | None] = (None, None)
    removed: bool = False  # cancelled for them only: they are no longer on the list


def _to_send(
    meeting: Meeting,
    current: list[Recipient],
    histories: dict[str, _History],
    gone: dict[str, Recipient],
) -> list[_Send]:
    sends: list[_Send] = []
    on_list = {r.key for r in current}
    start, end = meeting.starts_at, meeting.ends_at
    if meeting.is_planned and start is not None and end is not None:
        for recipient in current:
            history = histories.get(recipient.key, _History())
            if history.has_it and history.last_revision >= meeting.revision:
                continue
            sends.append(
                _Send(
                    recipient,
                    NoticeKind.REQUEST,
                    "meeting_changed" if history.has_it else "meeting_invitation",
                    start,
                    end,
                    previous=(history.last_start, history.last_end),
                )
            )
        for key, history in histories.items():
            if key not in on_list and history.has_it and key in gone:
                sends.append(
                    _Send(
                        gone[key], NoticeKind.CANCEL, "meeting_cancelled", start, end, removed=True
                    )
                )
        return sends
    by_key = {r.key: r for r in current} | gone
    for key, history in histories.items():
        if not history.has_it or key not in by_key:
            continue
        was_start, was_end = start or history.last_start, end or history.last_end
        if was_start is not None and was_end is not None:
            sends.append(
                _Send(by_key[key], NoticeKind.CANCEL, "meeting_cancelled", was_start, was_end)
            )
    return sends


def _queue(meeting: Meeting, send: _Send, history: _History) -> Notice:
    method = ics.Method.REQUEST if send.kind == NoticeKind.REQUEST else ics.Method.CANCEL
    cancelled = send.kind == NoticeKind.CANCEL
    event = entries.meeting_event(
        meeting, attendee=send.recipient, cancelled=cancelled, start=send.start, end=send.end
    )
    document = ics.calendar([event], method=method)
    key = _key(meeting, send.kind, send.recipient.key, history.keys)
    context = entries.mail_details(meeting, send.recipient, start=send.start, end=send.end)
    previous_start, previous_end = send.previous
    if (
        previous_start is not None
        and previous_end is not None
        and (previous_start, previous_end) != (send.start, send.end)
    ):
        before = entries.mail_details(
            meeting, send.recipient, start=previous_start, end=previous_end
        )
        context["previous"] = {k: before[k] for k in ("date", "starts", "ends")}
    context["removed"] = send.removed
    filename = "uitnodiging.ics" if send.kind == NoticeKind.REQUEST else "afgelast.ics"
    mail_queue(
        to=send.recipient.email,
        template=send.template,
        context=context,
        language=MAIL_LANGUAGE,
        key=key,
        attachments=[Attachment(filename, f"text/calendar; method={method.value}", document)],
    )
    history.keys.add(key)
    return Notice(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        recipient=send.recipient.key,
        kind=send.kind,
        revision=meeting.revision,
        starts_at=send.start,
        ends_at=send.end,
        key=key,
    )


def invitations_sync(
    *, meeting_ids: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> int:
    """Queue every invitation, change and cancellation the meetings still need (see the
    module's docstring); how many e-mails were queued. Without ``meeting_ids``: the meetings
    of the next 60 days, and those taken off the calendar whose invitations are out."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if meeting_ids is not None:
        scope = Q(pk__in=list(meeting_ids))
    else:
        invited = Notice.objects.filter(meeting=OuterRef("pk"), kind=NoticeKind.REQUEST)
        scope = Q(date__gte=today, date__lte=today + SWEEP_AHEAD) | Q(
            Exists(invited), date__isnull=True
        )
    meetings = [
        m
        for m in Meeting.objects.filter(scope).select_related(*selectors.MEETING_DETAILS)
        if m.starts_at is None or m.starts_at > now
    ]
    if not meetings:
        return 0
    recipients = selectors.recipients_of(meetings, today=today)
    histories = _histories(meetings)
    off_list = {
        key
        for m in meetings
        for key, history in histories.get(m.pk, {}).items()
        if history.has_it and key not in {r.key for r in recipients[m.pk]}
    }
    gone = selectors.recipients_by_key(off_list)
    queued = 0
    with translation.override(MAIL_LANGUAGE):
        for meeting in meetings:
            meeting_histories = histories.get(meeting.pk, {})
            sends = _to_send(meeting, recipients[meeting.pk], meeting_histories, gone)
            if not sends:
                continue
            try:
                with transaction.atomic():
                    notices = []
                    for send in sends:
                        history = meeting_histories.setdefault(send.recipient.key, _History())
                        notices.append(_queue(meeting, send, history))
                    Notice.objects.bulk_create(notices, ignore_conflicts=True)
            except Exception:
                # One meeting's trouble (an address the outbox refuses) stops no other's;
                # its mail is tried again at the next sweep.
                logger.exception("The invitations of meeting %s could not be queued.", meeting.pk)
                continue
            queued += len(notices)
    return queued


# --- Reminders -----------------------------------------------------------------------------


def reminder_day(date: datetime.date) -> datetime.date:
    """The working day a meeting's reminder goes out: two working days before it."""
    return working_days_before(date, REMINDER_WORKING_DAYS)


def _last_date_reminded_on(today: datetime.date) -> datetime.date:
    """The latest meeting date whose reminder day is today or earlier."""
    day = today
    while reminder_day(day + datetime.timedelta(days=1)) <= today:
        day += datetime.timedelta(days=1)
    return day


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminders that are due (see the module's docstring); how many were queued."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    if not is_working_day(today) or local.time() < REMINDERS_FROM:
        return 0
    candidates = Meeting.objects.filter(
        date__gte=today, date__lte=_last_date_reminded_on(today), cancelled_at__isnull=True
    ).select_related(*selectors.MEETING_DETAILS)
    meetings = [
        m
        for m in candidates
        if m.date is not None
        and m.starts_at is not None
        and m.starts_at > now
        and reminder_day(m.date) <= today
    ]
    if not meetings:
        return 0
    recipients = selectors.recipients_of(meetings, today=today)
    sent = set(
        Notice.objects.filter(meeting__in=meetings, kind=NoticeKind.REMINDER).values_list(
            "key", flat=True
        )
    )
    queued = 0
    with translation.override(MAIL_LANGUAGE):
        for meeting in meetings:
            due = [
                (r, f"calendar-reminder-{meeting.pk}-{meeting.date:%Y%m%d}-{r.key}")
                for r in recipients[meeting.pk]
                if not r.absent
            ]
            due = [(r, key) for r, key in due if key not in sent]
            if not due:
                continue
            try:
                with transaction.atomic():
                    Notice.objects.bulk_create(
                        [_remind(meeting, r, key) for r, key in due], ignore_conflicts=True
                    )
            except Exception:
                logger.exception("The reminders of meeting %s could not be queued.", meeting.pk)
                continue
            queued += len(due)
    return queued


def _remind(meeting: Meeting, recipient: Recipient, key: str) -> Notice:
    start, end = meeting.starts_at, meeting.ends_at
    if start is None or end is None:
        raise ValueError("Only a meeting with a date is reminded of.")
    mail_queue(
        to=recipient.email,
        template="meeting_reminder",
        context=entries.mail_details(meeting, recipient, start=start, end=end),
        language=MAIL_LANGUAGE,
        key=key,
    )
    return Notice(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        recipient=recipient.key,
        kind=NoticeKind.REMINDER,
        revision=meeting.revision,
        starts_at=start,
        ends_at=end,
        key=key,
    )
