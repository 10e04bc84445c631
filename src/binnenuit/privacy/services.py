"""The AVG rights and retention: export, erasure, and the scheduled anonymisation."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from typing import Any

from auditlog.context import auditlog_value, set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.accounts.models import User
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.privacy import REGISTER, Subject
from binnenuit.organisations.models import Invitation, Person
from binnenuit.privacy import anonymise, selectors
from binnenuit.privacy.export import export_of
from binnenuit.trajectories.models import Guest


def subject_export(*, by: Actor, person: Person) -> dict[str, Any]:
    """Everything held about an employee (and their login, if it is theirs alone)."""
    require(by, "privacy.export", person)
    return export_of(
        selectors.subject_for_person(person),
        name=person.full_name,
        organisation=person.organisation.name,
    )


def own_export(*, by: Actor) -> dict[str, Any]:
    """Everything held about the logged-in user, in every organisation ("my data")."""
    require(by, "privacy.own_data")
    return export_of(selectors.subject_for_user(by.user), name=by.user.full_name)


@transaction.atomic
def subject_erase(*, by: Actor, person: Person) -> Person:
    """Anonymise everything about an employee; their rows stay, so every count stays right."""
    require(by, "privacy.erase", person)
    # One erasure at a time per employee: a second waits, then finds it done.
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=person.pk)
    )
    if selectors.is_anonymised(person):
        raise ServiceError(_("This employee's data has been anonymised already."))
    if person.user_id is not None and person.user_id == by.user.pk:
        raise ServiceError(_("You cannot erase your own data. Ask another organiser to do it."))
    with acting(by.user):
        anonymise.erase(selectors.subject_for_person(person))
    person.refresh_from_db()
    return person


@contextlib.contextmanager
def acting(user: Any) -> Iterator[None]:
    """The audit trail records the erasure as the user's, from the request's address."""
    previous = auditlog_value.get(None)
    same = isinstance(previous, dict) and previous.get("actor") == user
    address = previous.get("remote_addr") if same and previous else None
    port = previous.get("remote_port") if same and previous else None
    try:
        with set_actor(user, remote_addr=address, remote_port=port):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)  # the request's own recording goes on


# --- Retention: the scheduled job (no actor: the periods in the settings decide) ----------


def _erase_one(subject: Subject, now: datetime.datetime) -> None:
    with transaction.atomic():
        anonymise.erase(subject, now=now)


def retention_run(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> selectors.RetentionDue:
    """Anonymise what the retention periods say should go, and remove old login records.

    Employees who left (with their login, if it is theirs alone), invitations never used,
    logins unused for too long (their employee records stay), guests of meetings long past,
    login attempts and ended sessions. Each person in their own transaction, so one failure
    stops nobody else's. With ``dry_run`` nothing changes: the report says what would go.
    """
    now = now or timezone.now()
    due = selectors.retention_due(now=now)
    if dry_run:
        return due
    for person in Person.objects.filter(pk__in=due.people_who_left).select_related(
        "organisation", "user"
    ):
        _erase_one(selectors.subject_for_person(person), now)
    invitation_declaration = REGISTER["organisations.Invitation"]
    for invitation in Invitation.objects.filter(pk__in=due.unused_invitations):
        found = [selectors.Found(invitation_declaration, Invitation, [invitation])]
        with transaction.atomic():
            anonymise.erase_rows(found, Subject(number=invitation.pk), now=now)
    for user in User.objects.filter(pk__in=due.stale_logins):
        _erase_one(selectors.subject_for_stale_login(user), now)
    guest_declaration = REGISTER["trajectories.Guest"]
    for guest in Guest.objects.filter(pk__in=due.past_guests):
        found = [selectors.Found(guest_declaration, Guest, [guest])]
        with transaction.atomic():
            anonymise.erase_rows(found, Subject(number=guest.pk), now=now)
    with transaction.atomic():
        for rows in selectors.old_login_records(now):
            rows.delete()
        selectors.ended_sessions(now).delete()
    return due
