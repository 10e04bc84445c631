"""An audit entry as the trail reads it: what happened, in a sentence, and what changed.

Everything is read from the entry itself (its changes, its ``additional_data`` labels, its
model's field names and choices), so a page of entries needs no further queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from binnenuit.audit.models import TrailEntry
from binnenuit.audit.recording import LOGIN, LOGIN_FAILED, LOGOUT
from binnenuit.organisations.models import Role
from binnenuit.trajectories.models import Enrolment

CREATE, UPDATE, DELETE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE
HIDDEN_FIELDS = frozenset({"id", "organisation", "created_at"})  # said elsewhere on the page
LONGEST_VALUE = 140  # characters of a long text shown before "…"
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    before: str  # "" for a row that was added
    after: str  # "" for a row that was removed


@dataclass(frozen=True)
class Event:
    """One line of the trail."""

    timestamp: datetime.datetime
    who: str
    role: str  # the actor's role at the organisation then ("" when none)
    what: str
    subject: str  # the row it concerns
    changes: list[Change]
    address: str


def event_of(trail_entry: TrailEntry) -> Event:
    entry = trail_entry.log_entry
    return Event(
        timestamp=entry.timestamp.replace(microsecond=0),  # HTML's <time> takes at most ms
        who=_who(entry),
        role=_role_label(trail_entry.actor_role),
        what=what_happened(entry),
        subject="" if _event(entry) else entry.object_repr,
        changes=[] if _event(entry) else changes_of(entry),
        address=entry.remote_addr or EMPTY,
    )


def _event(entry: LogEntry) -> str:
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    return str(data.get("event", ""))


def _who(entry: LogEntry) -> str:
    if entry.actor is not None:
        return str(entry.actor)
    if entry.actor_email:
        return str(entry.actor_email)  # a login removed since
    if _event(entry) == LOGIN_FAILED:
        return _("Unknown")
    return _("The system")


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else ""


# --- What happened ------------------------------------------------------------------------


def what_happened(entry: LogEntry) -> str:
    """The entry in one sentence, in the reader's language."""
    event = _event(entry)
    if event == LOGIN:
        return _("Logged in")
    if event == LOGOUT:
        return _("Logged out")
    if event == LOGIN_FAILED:
        data: dict[str, Any] = entry.additional_data
        return _("Failed login for %(email)s") % {"email": data.get("email") or EMPTY}
    model = entry.content_type.model_class()
    describe = _DESCRIBERS.get(model._meta.label_lower if model else "")
    sentence = describe(_Diff(entry, model)) if describe else None
    if sentence:
        return sentence
    return {CREATE: _("Added"), UPDATE: _("Changed"), DELETE: _("Removed")}.get(
        entry.action, _("Recorded")
    )


class _Diff:
    """An entry's changes, read as the values they stand for."""

    def __init__(self, entry: LogEntry, model: type[models.Model] | None) -> None:
        self.entry, self.model, self.action = entry, model, entry.action
        self.changes: dict[str, list[Any]] = entry.changes or {}

    def has(self, name: str) -> bool:
        return name in self.changes

    def raw(self, name: str) -> tuple[str | None, str | None]:
        before, after = (None if v in (None, "None", "") else str(v) for v in self.changes[name])
        return before, after

    def shown(self, name: str) -> tuple[str, str]:
        before, after = self.changes[name]
        return (
            _value(self.entry, self.model, name, before, 0),
            _value(self.entry, self.model, name, after, 1),
        )

    def set(self, name: str) -> bool:
        """The field went from empty to a value."""
        return self.has(name) and self.raw(name)[0] is None and self.raw(name)[1] is not None

    def cleared(self, name: str) -> bool:
        return self.has(name) and self.raw(name)[0] is not None and self.raw(name)[1] is None


def _organisation(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Organisation added")
    if d.set("archived_at"):
        return _("Organisation archived")
    if d.cleared("archived_at"):
        return _("Organisation restored")
    if d.has("logo"):
        if d.cleared("logo"):
            return _("Logo removed")
        return _("Logo added") if d.set("logo") else _("Logo changed")
    return _("Organisation details changed") if d.action == UPDATE else None


def _membership(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Access given as %(role)s") % {"role": d.shown("role")[1]}
    if d.action == DELETE:
        return _("Access removed")
    if d.set("deactivated_at"):
        return _("Access deactivated")
    if d.cleared("deactivated_at"):
        return _("Access reactivated")
    if d.has("role"):
        before, after = d.shown("role")
        return _("Role changed from %(old)s to %(new)s") % {"old": before, "new": after}
    return None


def _invitation(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Invited as %(role)s") % {"role": d.shown("role")[1]}
    if d.action == DELETE:
        return _("Invitation deleted")
    if d.set("accepted_at"):
        return _("Invitation accepted")
    if d.set("revoked_at"):
        return _("Invitation revoked")
    if d.set("sent_at"):
        return _("Invitation sent")
    if d.has("sent_at") or d.has("expires_at"):
        return _("Invitation sent again")
    return _("Invitation changed")


def _person(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Employee added")
    if d.action == DELETE:
        return _("Employee removed")
    if d.set("left_on"):
        return _("Employee marked as having left")
    return _("Employee details changed")


def _user(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Account created")
    if d.action == DELETE:
        return _("Account removed")
    if d.has("is_active"):
        return (
            _("Account reactivated")
            if d.raw("is_active")[1] == "True"
            else _("Account deactivated")
        )
    return _("Account details changed")


def _totp(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Authenticator app added")
    if d.action == DELETE:
        return _("Two-step login reset: authenticator app removed")
    if d.has("confirmed") and d.raw("confirmed")[1] == "True":
        return _("Two-step login switched on")
    return _("Authenticator app changed")


def _static(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Recovery codes created")
    if d.action == DELETE:
        return _("Recovery codes removed")
    return _("Recovery codes changed")


def _template(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Programme version drafted")
    if d.has("status") and d.raw("status")[1] == "published":
        return _("Programme version published")
    return _("Programme version changed")


def _trajectory(d: _Diff) -> str | None:
    if d.action == CREATE:
        return _("Trajectory started")
    if d.has("phase"):
        before, after = d.shown("phase")
        return _("Phase changed from %(old)s to %(new)s") % {"old": before, "new": after}
    return _("Trajectory details changed")


def _module(d: _Diff) -> str | None:
    if not d.has("theme"):
        return None
    before, after = d.shown("theme")
    if d.cleared("theme"):
        return _("Theme %(theme)s removed") % {"theme": before}
    if d.set("theme"):
        return _("Theme %(theme)s chosen") % {"theme": after}
    return _("Theme changed from %(old)s to %(new)s") % {"old": before, "new": after}


def _enrolment(d: _Diff) -> str | None:
    status = d.raw("status")[1] if d.has("status") else None
    if d.action == CREATE:
        if status == Enrolment.Status.WAITLISTED:
            return _("Put on the waiting list")
        return _("Enrolled")
    if d.action == DELETE:
        return _("Enrolment removed")
    if status == Enrolment.Status.WITHDRAWN:
        return _("Withdrawn")
    if status == Enrolment.Status.ENROLLED and d.raw("status")[0] == Enrolment.Status.WAITLISTED:
        return _("Moved from the waiting list into the round")
    return _("Enrolment changed")


_DESCRIBERS: dict[str, Callable[[_Diff], str | None]] = {
    "organisations.organisation": _organisation,
    "organisations.membership": _membership,
    "organisations.invitation": _invitation,
    "organisations.person": _person,
    "accounts.user": _user,
    "otp_totp.totpdevice": _totp,
    "otp_static.staticdevice": _static,
    "catalogue.programmetemplate": _template,
    "trajectories.trajectory": _trajectory,
    "trajectories.module": _module,
    "trajectories.enrolment": _enrolment,
}


# --- What changed -------------------------------------------------------------------------


def changes_of(entry: LogEntry) -> list[Change]:
    """The changed fields, labelled in the reader's language, before → after.

    A row that was added shows what it was given; a removed one what it had.
    """
    model = entry.content_type.model_class()
    found = []
    for name, (before, after) in (entry.changes or {}).items():
        if name in HIDDEN_FIELDS or _field(model, name) is None:
            continue
        shown_before = "" if entry.action == CREATE else _value(entry, model, name, before, 0)
        shown_after = "" if entry.action == DELETE else _value(entry, model, name, after, 1)
        if entry.action != UPDATE and (shown_before or shown_after) in ("", EMPTY):
            continue  # an empty field of a row added or removed says nothing
        found.append(Change(_label(model, name), shown_before, shown_after))
    return sorted(found, key=lambda c: c.label)


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete else None


def _label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    return capfirst(str(getattr(field, "verbose_name", name)))


def _value(
    entry: LogEntry, model: type[models.Model] | None, name: str, value: Any, side: int
) -> str:
    """One recorded value as a reader knows it (a choice's label, a date, a name)."""
    if value in (None, "None", ""):
        return EMPTY
    field = _field(model, name)
    if isinstance(field, models.ForeignKey):
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        labels = data.get("labels", {}).get(name) or [None, None]
        return str(labels[side] or f"#{value}")
    text = str(value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(text, text))
    if isinstance(field, models.BooleanField):
        return _("yes") if text == "True" else _("no")
    if isinstance(field, models.DateTimeField):
        return _datetime(text)
    if isinstance(field, models.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(text), "j F Y")
        except ValueError:
            return text
    return text if len(text) <= LONGEST_VALUE else text[:LONGEST_VALUE] + "…"


def _datetime(text: str) -> str:
    """auditlog records a date and time in UTC, without a zone."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")
