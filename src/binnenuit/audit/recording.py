"""What the audit trail records, and how: django-auditlog does the recording.

- **Changes to models**: the models below are registered with auditlog's registry. auditlog
  writes a ``LogEntry`` for every create, change and delete, with the fields before and after
  (secrets left out), the actor (the logged-in user, set by ``audit.middleware``, or by
  ``auditlog.context.set_actor`` outside a request) and the client address.
- **Logging in and out**: Django's auth signals, written as auditlog entries too (action
  "access"), with the event in ``additional_data``; a failed login records the e-mail address
  tried, never the password.

What auditlog does not know is the organisation an entry belongs to ("on whose behalf").
Just before an entry is stored it gets, in ``additional_data``:

- ``organisation_ids``: the row's own organisation; for a login or a second-factor device,
  the organisation the actor acted in, or else every organisation the user belongs to;
  none for the catalogue, which belongs to no organisation;
- ``labels``: what the foreign keys that changed pointed at, as they were named then (a
  theme's name, an employee's name), so the trail reads without looking anything up.

After it is stored, one ``TrailEntry`` per organisation indexes it for that organisation's
trail, with the actor's role there. Entries are never changed afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from auditlog.context import auditlog_disabled, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import post_save, pre_save
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenuit.accounts.models import User
from binnenuit.audit.middleware import address_of, current_request
from binnenuit.audit.models import Kind, TrailEntry
from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.coaching.models import CoachingMeeting, CoachPair
from binnenuit.core.access import Actor
from binnenuit.offers.models import Invoice, Quote
from binnenuit.organisations.models import Invitation, Membership, Organisation, Person
from binnenuit.profiles.models import Profile
from binnenuit.recruitment.models import Application, Call
from binnenuit.trajectories.models import (
    Attendance,
    Enrolment,
    Guest,
    Meeting,
    Module,
    Trajectory,
)

# Events that are not a change to a row: in ``additional_data["event"]``.
LOGIN, LOGOUT, LOGIN_FAILED = "login", "logout", "login_failed"

# What is recorded of each model, and under which kind of event it is filtered.
_DEVICE_FIELDS = ["user", "name", "confirmed"]  # never the key, the counters or the last use
RECORDED: list[tuple[type[models.Model], dict[str, list[str]], Kind]] = [
    (User, {"exclude_fields": ["password", "last_login"]}, Kind.ACCOUNT),
    (TOTPDevice, {"include_fields": _DEVICE_FIELDS}, Kind.ACCOUNT),
    (StaticDevice, {"include_fields": _DEVICE_FIELDS}, Kind.ACCOUNT),  # not its tokens
    (Organisation, {"exclude_fields": ["created_at"]}, Kind.ORGANISATION),
    (Person, {"exclude_fields": ["created_at"]}, Kind.ORGANISATION),
    (Membership, {"exclude_fields": ["created_at"]}, Kind.ACCESS),
    # The link's token is stored as a hash only; it is left out all the same.
    (Invitation, {"exclude_fields": ["created_at", "token_hash"]}, Kind.ACCESS),
    (ProgrammeTemplate, {"exclude_fields": ["created_at"]}, Kind.CATALOGUE),
    (Trajectory, {"exclude_fields": ["created_at"]}, Kind.TRAJECTORY),
    # Modules are made with their trajectory (its entry says so): only a theme choice is logged.
    (Module, {"include_fields": ["theme"]}, Kind.TRAJECTORY),
    (Enrolment, {"exclude_fields": ["created_at"]}, Kind.ENROLMENT),
    # Planning: when and where, a cancellation, and the reason a conflict was accepted.
    (
        Meeting,
        {
            "include_fields": [
                "date",
                "part_of_day",
                "starts_at_time",
                "ends_at_time",
                "location",
                "cancelled_at",
                "override_reason",
            ]
        },
        Kind.TRAJECTORY,
    ),
    (Guest, {"exclude_fields": ["created_at"]}, Kind.TRAJECTORY),
    # Attendance: who marked whom present, late or absent, and when; never the reason of an
    # absence ("sick" is health data, AVG art. 9): not recorded, so never in the trail, its
    # export or anyone's view of it.
    (
        Attendance,
        {"include_fields": ["meeting", "person", "status", "recorded_by", "recorded_at"]},
        Kind.ENROLMENT,
    ),
    # Quotes and invoices: what was agreed and billed, and who accepted it.
    (
        Quote,
        {
            "include_fields": [
                "number",
                "version",
                "state",
                "total_excluding_vat",
                "total_including_vat",
                "sent_at",
                "accepted_at",
                "accepted_by",
                "declined_at",
            ]
        },
        Kind.ORGANISATION,
    ),
    (
        Invoice,
        {
            "include_fields": [
                "number",
                "kind",
                "state",
                "total_including_vat",
                "sent_at",
                "paid_on",
                "credited_at",
            ]
        },
        Kind.ORGANISATION,
    ),
    # Recruitment: a call opened and closed, and each decision — never the motivation.
    (Call, {"include_fields": ["round", "deadline", "opened_by", "closed_at"]}, Kind.ENROLMENT),
    (
        Application,
        {"include_fields": ["decision", "decided_at", "decided_by", "enrolment"]},
        Kind.ENROLMENT,
    ),
    # Coaching: who coaches whom, locked and published; of a coaching conversation only that
    # it took place (its topics and notes are the pair's own); private notes never.
    (
        CoachPair,
        {"include_fields": ["round", "trainer", "participant", "locked", "published_at"]},
        Kind.ENROLMENT,
    ),
    (CoachingMeeting, {"include_fields": ["pair", "date"]}, Kind.ENROLMENT),
    # An X-factor: only the trainer's consent to share it beyond the organisation.
    (Profile, {"include_fields": ["shared_at"]}, Kind.ORGANISATION),
]
KINDS: dict[str, Kind] = {model._meta.label_lower: kind for model, _, kind in RECORDED}

# The row auditlog is about to log, between its ``pre_log`` signal and the entry's save.
_logging: ContextVar[models.Model | None] = ContextVar("audit_logging", default=None)
# The actor of work done outside a request (``acting_as``).
_acting: ContextVar[Actor | None] = ContextVar("audit_acting", default=None)


def register() -> None:
    """Register the recorded models with auditlog and connect the receivers (once, at start)."""
    for model, options, _kind in RECORDED:
        # auditlog records a new row's reverse relations too ("trajectories.Round.None").
        reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
        exclude = [*options.get("exclude_fields", []), *reverse]
        auditlog.register(model, **{**options, "exclude_fields": exclude})
    pre_log.connect(_remember_instance, dispatch_uid="audit.remember_instance")
    pre_save.connect(_complete_entry, sender=LogEntry, dispatch_uid="audit.complete_entry")
    post_save.connect(_put_on_trails, sender=LogEntry, dispatch_uid="audit.put_on_trails")
    user_logged_in.connect(_logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(_logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(_login_failed, dispatch_uid="audit.login_failed")


@contextmanager
def acting_as(actor: Actor, *, address: str | None = None) -> Iterator[None]:
    """Record what happens inside as done by ``actor`` (the ``by=`` of the services called).

    In a request the middleware and the gate say this already; the worker, a command or the
    demo builder says it with this (auditlog's ``set_actor``, plus the organisation acted in
    and the role there).
    """
    token = _acting.set(actor)
    try:
        with set_actor(actor.user, remote_addr=address):
            yield
    finally:
        _acting.reset(token)


# --- The organisation an entry belongs to -------------------------------------------------


def _acting_actor() -> Actor | None:
    """The actor of the request being answered (once a gate has set it), or of ``acting_as``."""
    request = current_request()
    actor: Actor | None = getattr(request, "actor", None) if request is not None else None
    return actor if actor is not None else _acting.get()


def _user_organisations(user_id: int) -> dict[int, str]:
    """The organisations the user belongs to (not deactivated), with their role there."""
    return dict(
        Membership.objects.filter(user_id=user_id, deactivated_at__isnull=True).values_list(
            "organisation_id", "role"
        )
    )


def organisations_of(instance: models.Model) -> list[int]:
    """The organisations a change to this row belongs to (none for the catalogue)."""
    if isinstance(instance, Organisation):
        return [instance.pk]
    organisation_id = getattr(instance, "organisation_id", None)
    if organisation_id is not None:
        return [organisation_id]
    user_id = instance.pk if isinstance(instance, User) else getattr(instance, "user_id", None)
    if user_id is None:
        return []
    actor = _acting_actor()
    if actor is not None and actor.organisation is not None:
        return [actor.organisation.pk]
    return sorted(_user_organisations(user_id))


# --- Labels of the foreign keys that changed ----------------------------------------------


def _labels(instance: models.Model, changes: dict[str, Any]) -> dict[str, list[str | None]]:
    """For each changed foreign key (but the organisation): the names before and after."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    fields: dict[str, models.ForeignKey[Any, Any]] = {}
    known: dict[tuple[type[models.Model], str], str] = {}
    for name in changes:
        field = _foreign_key(instance, name)
        if field is None:
            continue
        fields[name] = field
        related: type[models.Model] = field.related_model
        if field.is_cached(instance) and (cached := field.get_cached_value(instance)) is not None:
            known[(related, str(cached.pk))] = str(cached)
        for value in changes[name]:
            if value not in (None, "None") and (related, str(value)) not in known:
                wanted[related].add(str(value))
    for related, pks in wanted.items():
        for pk, row in related._base_manager.in_bulk(list(pks)).items():
            known[(related, str(pk))] = str(row)
    return {
        name: [
            None if value in (None, "None") else known.get((field.related_model, str(value)))
            for value in changes[name]
        ]
        for name, field in fields.items()
    }


def _foreign_key(instance: models.Model, name: str) -> models.ForeignKey[Any, Any] | None:
    if name == "organisation":
        return None
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.ForeignKey) else None


# --- The receivers ------------------------------------------------------------------------


def _remember_instance(
    sender: Any, instance: models.Model, action: int, **kwargs: Any
) -> bool | None:
    """auditlog is about to log this row: keep it for the entry's ``pre_save``.

    A new module is not logged (False tells auditlog so): it is made with its trajectory, and
    its empty theme would read as a change.
    """
    if isinstance(instance, Module) and action == LogEntry.Action.CREATE:
        return False
    _logging.set(instance)
    return None


def _complete_entry(sender: Any, instance: LogEntry, **kwargs: Any) -> None:
    """Before an entry is stored: refuse a change to a stored one; add the organisation."""
    if not instance._state.adding:
        raise ValueError("Audit log entries are never changed once written.")
    data = instance.additional_data if isinstance(instance.additional_data, dict) else {}
    if "organisation_ids" in data:
        return  # written here, for a login or logout
    row = _logging.get()
    _logging.set(None)
    if row is None or not _is_about(instance, row):
        return
    if isinstance(row, Membership):
        instance.object_repr = str(row.user)  # its own name ends in the organisation's key
    data = {**data, "organisation_ids": organisations_of(row)}
    labels = _labels(row, instance.changes or {})
    if labels:
        data["labels"] = labels
    instance.additional_data = data


def _is_about(entry: LogEntry, row: models.Model) -> bool:
    model = entry.content_type.model_class()
    return model is not None and isinstance(row, model) and str(row.pk) == str(entry.object_pk)


def _put_on_trails(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """After an entry is stored: put it on the trail of each organisation it belongs to."""
    if not created:
        return
    data = instance.additional_data if isinstance(instance.additional_data, dict) else {}
    organisation_ids = [int(pk) for pk in data.get("organisation_ids", [])]
    if not organisation_ids:
        return
    model = instance.content_type.model_class()
    kind = (
        Kind.SESSION
        if "event" in data
        else KINDS.get(model._meta.label_lower if model else "", Kind.ORGANISATION)
    )
    roles = _roles_of_actor(instance, organisation_ids)
    TrailEntry.objects.bulk_create(
        TrailEntry(
            log_entry=instance,
            organisation_id=pk,
            kind=kind,
            actor_role=roles.get(pk, ""),
        )
        for pk in organisation_ids
    )


def _roles_of_actor(entry: LogEntry, organisation_ids: list[int]) -> dict[int, str]:
    """The actor's role at each organisation, when it happened."""
    if entry.actor_id is None:
        return {}
    known: dict[int, str] | None = getattr(entry, "_audit_roles", None)
    if known is not None:
        return known
    actor = _acting_actor()
    if (
        actor is not None
        and actor.organisation is not None
        and actor.user.pk == entry.actor_id
        and organisation_ids == [actor.organisation.pk]
    ):
        return {actor.organisation.pk: actor.role}
    return dict(
        Membership.objects.filter(
            user_id=entry.actor_id, organisation_id__in=organisation_ids
        ).values_list("organisation_id", "role")
    )


def _record_event(
    event: str,
    request: Any,
    *,
    user: User | None,
    email: str = "",
) -> None:
    if auditlog_disabled.get():  # auditlog's ``disable_auditlog()``: nothing is recorded
        return
    organisations = _user_organisations(user.pk) if user is not None else {}
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk) if user is not None else "",
        object_id=user.pk if user is not None else None,
        object_repr=str(user) if user is not None else email,
        action=LogEntry.Action.ACCESS,
        actor=user if event != LOGIN_FAILED else None,
        actor_email=user.email if user is not None and event != LOGIN_FAILED else None,
        remote_addr=address_of(request) if request is not None else None,
        additional_data={
            "event": event,
            "organisation_ids": sorted(organisations),
            **({"email": email} if event == LOGIN_FAILED else {}),
        },
    )
    if event != LOGIN_FAILED:
        entry._audit_roles = organisations  # the user's own roles there
    entry.save()


def _logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    _record_event(LOGIN, request, user=user)


def _logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        _record_event(LOGOUT, request, user=user)


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    """The e-mail address tried (never the password), and whose login it is, if anyone's."""
    email = str(credentials.get("username") or credentials.get("email") or "").strip().lower()
    user = User.objects.filter(email=email).first() if email else None
    _record_event(LOGIN_FAILED, request, user=user, email=email)
