"""Reading the privacy register: who a request is about, and which rows are about them.

Every model in the register that names a ``subject`` path or a ``find`` function is searched;
nothing here knows a model by name but the two roots a subject is made of, the employee
record (``organisations.Person``) and the login (``accounts.User``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from binnenuit.accounts.models import User
from binnenuit.core.access import Actor, fetch
from binnenuit.core.privacy import (
    ANONYMOUS_DOMAIN,
    REGISTER,
    Category,
    Declaration,
    Subject,
    is_anonymous_email,
)
from binnenuit.organisations.models import Invitation, Membership, Organisation, Person
from binnenuit.trajectories.models import Guest

AUDIT_LOG = "auditlog.LogEntry"  # read through privacy.audit_trail, never as rows of their own
ANONYMOUS_SUFFIX = "@" + ANONYMOUS_DOMAIN


def person_for(actor: Actor, pk: int, action: str = "privacy.export") -> Person:
    return fetch(Person.objects.select_related("organisation", "user"), actor, action, pk=pk)


def is_anonymised(person: Person) -> bool:
    return is_anonymous_email(person.email)


# --- Who a request is about ---------------------------------------------------------------


def _used_elsewhere(
    organisation: Organisation, *, user: User | None = None, email: str = ""
) -> bool:
    """Whether another organisation knows this login or e-mail address."""
    if user is not None:
        return (
            Membership.objects.filter(user=user).exclude(organisation=organisation).exists()
            or Person.objects.filter(user=user).exclude(organisation=organisation).exists()
        )
    return (
        Person.objects.filter(email__iexact=email).exclude(organisation=organisation).exists()
        or Membership.objects.filter(user__email__iexact=email)
        .exclude(organisation=organisation)
        .exists()
    )


def subject_for_person(person: Person) -> Subject:
    """An employee as their organisation sees them: the record, and the login if it is theirs.

    A login that another organisation also uses (an adviser, someone working for two
    municipalities) is not this organisation's to export or erase: it is only cut loose.
    """
    organisation = person.organisation
    user = person.user
    own_login = user is not None and not _used_elsewhere(organisation, user=user)
    addresses = {person.email, user.email if own_login and user is not None else ""}
    emails = frozenset(
        a.lower() for a in addresses if a and not _used_elsewhere(organisation, email=a)
    )
    return Subject(
        persons=(person,),
        users=(user,) if own_login and user is not None else (),
        emails=emails,
        organisation=organisation,
        number=person.pk,
        detach=(user,) if user is not None and not own_login else (),
    )


def subject_for_user(user: User) -> Subject:
    """A login with everything about it: its employee records in every organisation."""
    persons = tuple(Person.objects.filter(user=user).select_related("organisation"))
    emails = {user.email.lower()} | {p.email.lower() for p in persons if p.email}
    return Subject(persons=persons, users=(user,), emails=frozenset(emails), number=user.pk)


def subject_for_stale_login(user: User) -> Subject:
    """A login unused for too long: the login goes, its employee records stay.

    Its address is searched only when no current employee record has it (their mail and
    invitations are the employee's, not only the login's).
    """
    shared = Person.objects.filter(email__iexact=user.email, left_on__isnull=True).exists()
    emails = frozenset() if shared else frozenset({user.email.lower()})
    return Subject(users=(user,), emails=emails, number=user.pk)


# --- The rows about a subject -------------------------------------------------------------


def model_of(declaration: Declaration) -> type[models.Model]:
    return apps.get_model(declaration.model)


def people_declarations() -> list[Declaration]:
    """The declarations whose rows can be about a person, in a fixed order."""
    return sorted(
        (d for d in REGISTER.values() if d.is_about_people and d.model != AUDIT_LOG),
        key=lambda d: d.model,
    )


def subject_target(
    model: type[models.Model], path: str
) -> type[models.Model] | models.Field[Any, Any]:
    """Where a subject path leads: a model (Person, User), or the text field at its end."""
    if path == "self":
        return model
    current: type[models.Model] = model
    parts = path.split("__")
    for position, part in enumerate(parts):
        try:
            found = current._meta.get_field(part)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(
                f"{model._meta.label}: no field {part!r} in {path!r}"
            ) from error
        if found.is_relation and found.related_model is not None:
            current = found.related_model
        elif position == len(parts) - 1 and isinstance(found, models.Field):
            return found
        else:
            raise ImproperlyConfigured(f"{model._meta.label}: {path!r} does not lead anywhere")
    return current


def _path_condition(model: type[models.Model], path: str, subject: Subject) -> Q:
    target = subject_target(model, path)
    key = "pk" if path == "self" else path
    nothing = Q(pk__in=[])
    if target is Person:
        return Q(**{f"{key}__in": [p.pk for p in subject.persons]}) if subject.persons else nothing
    if target is User:
        return Q(**{f"{key}__in": [u.pk for u in subject.users]}) if subject.users else nothing
    if isinstance(target, (models.CharField, models.TextField)):
        condition = nothing
        for email in sorted(subject.emails):
            condition |= Q(**{f"{key}__iexact": email})
        return condition
    raise ImproperlyConfigured(
        f"{model._meta.label}: the subject {path!r} leads to neither an employee, a login nor "
        "an e-mail address"
    )


def has_organisation(model: type[models.Model]) -> bool:
    try:
        found = model._meta.get_field("organisation")
    except FieldDoesNotExist:
        return False
    return found.related_model is Organisation


def rows_about(declaration: Declaration, subject: Subject) -> QuerySet[Any]:
    """The rows of one model that are about the subject (of their organisation, if set)."""
    model = model_of(declaration)
    manager = model._default_manager
    condition = Q(pk__in=[])
    if declaration.subject:
        condition = _path_condition(model, declaration.subject, subject)
    if declaration.find is not None and not subject.is_empty:
        condition |= Q(pk__in=list(declaration.find(subject).values_list("pk", flat=True)))
    rows = manager.filter(condition)
    if subject.organisation is not None and has_organisation(model):
        rows = rows.filter(organisation=subject.organisation)
    return rows.order_by("pk")


@dataclass
class Found:
    """The rows of one model about a subject."""

    declaration: Declaration
    model: type[models.Model]
    rows: list[Any]


def everything_about(subject: Subject) -> Iterator[Found]:
    """Every model's rows about the subject, models without any left out."""
    for declaration in people_declarations():
        rows = list(rows_about(declaration, subject))
        if rows:
            yield Found(declaration, model_of(declaration), rows)


# --- Retention ----------------------------------------------------------------------------


@dataclass
class RetentionDue:
    """What the retention job would anonymise or remove now (keys only, never names)."""

    people_who_left: list[int] = field(default_factory=list)  # Person keys
    unused_invitations: list[int] = field(default_factory=list)  # Invitation keys
    stale_logins: list[int] = field(default_factory=list)  # User keys
    past_guests: list[int] = field(default_factory=list)  # Guest keys
    login_records: int = 0  # django-axes rows past their period
    ended_sessions: int = 0

    @property
    def total(self) -> int:
        return (
            len(self.people_who_left)
            + len(self.unused_invitations)
            + len(self.stale_logins)
            + len(self.past_guests)
            + self.login_records
            + self.ended_sessions
        )


def _days_ago(now: datetime.datetime, setting: str) -> datetime.datetime:
    return now - datetime.timedelta(days=int(getattr(settings, setting)))


def people_who_left(now: datetime.datetime) -> QuerySet[Person]:
    cutoff = timezone.localdate(_days_ago(now, "PRIVACY_LEFT_DAYS"))
    return Person.objects.filter(left_on__lt=cutoff).exclude(email__iendswith=ANONYMOUS_SUFFIX)


def unused_invitations(now: datetime.datetime) -> QuerySet[Invitation]:
    cutoff = _days_ago(now, "PRIVACY_INVITATION_DAYS")
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff).exclude(
        email__iendswith=ANONYMOUS_SUFFIX
    )


def past_guests(now: datetime.datetime) -> QuerySet[Guest]:
    """Guests of meetings held more than the guests' period ago (unplanned meetings: never)."""
    cutoff = timezone.localdate(_days_ago(now, "PRIVACY_GUEST_DAYS"))
    return Guest.objects.filter(meeting__date__lt=cutoff).exclude(email__iendswith=ANONYMOUS_SUFFIX)


def stale_logins(now: datetime.datetime) -> QuerySet[User]:
    cutoff = _days_ago(now, "PRIVACY_STALE_LOGIN_DAYS")
    return User.objects.filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    ).exclude(email__iendswith=ANONYMOUS_SUFFIX)


def login_record_models() -> list[type[models.Model]]:
    """django-axes's records of login attempts, each with its ``attempt_time``."""
    return [
        apps.get_model(label)
        for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")
    ]


def old_login_records(now: datetime.datetime) -> list[QuerySet[Any]]:
    cutoff = _days_ago(now, "PRIVACY_LOGIN_LOG_DAYS")
    return [m._default_manager.filter(attempt_time__lt=cutoff) for m in login_record_models()]


def ended_sessions(now: datetime.datetime) -> QuerySet[Any]:
    session = apps.get_model("sessions", "Session")
    return session._default_manager.filter(expire_date__lt=now)


def retention_due(*, now: datetime.datetime | None = None) -> RetentionDue:
    """What the retention periods say should go now."""
    now = now or timezone.now()
    left = list(people_who_left(now).order_by("pk").values_list("pk", flat=True))
    left_logins = set(
        Person.objects.filter(pk__in=left, user__isnull=False).values_list("user_id", flat=True)
    )
    return RetentionDue(
        people_who_left=left,
        unused_invitations=list(
            unused_invitations(now).order_by("pk").values_list("pk", flat=True)
        ),
        # A login that goes with an employee who left is counted there, not twice.
        stale_logins=[
            pk
            for pk in stale_logins(now).order_by("pk").values_list("pk", flat=True)
            if pk not in left_logins
        ],
        past_guests=list(past_guests(now).order_by("pk").values_list("pk", flat=True)),
        login_records=sum(rows.count() for rows in old_login_records(now)),
        ended_sessions=ended_sessions(now).count(),
    )


# --- The processing register (art. 30) -----------------------------------------------------


@dataclass
class RegisterEntry:
    """One model in the processing register."""

    name: str
    purpose: str
    subjects: str
    retention: str
    categories: list[tuple[str, list[str]]]  # category label, the fields' names


def record_name(declaration: Declaration, model: type[models.Model]) -> str:
    """What the rows are called: the declaration's name, or the model's own."""
    return capfirst(str(declaration.name or model._meta.verbose_name_plural))


def _subjects_label(declaration: Declaration) -> str:
    if declaration.about:
        return str(declaration.about)
    if declaration.model == AUDIT_LOG:
        return _("Logins, and everyone whose records changed")
    if not declaration.is_about_people:
        return _("Not linked to one person")
    target: object = None
    if declaration.subject:
        target = subject_target(model_of(declaration), declaration.subject)
    if target is Person:
        return _("Employees of client organisations")
    if target is User:
        return _("Logins: advisers and employees")
    return _("Anyone whose e-mail address it holds")


def processing_register() -> tuple[list[RegisterEntry], list[str]]:
    """The models that hold personal data, described; and the names of those that hold none."""
    entries: list[RegisterEntry] = []
    without: list[str] = []
    for declaration in sorted(REGISTER.values(), key=lambda d: d.model):
        model = model_of(declaration)
        name = record_name(declaration, model)
        personal = declaration.personal_fields
        if not personal:
            without.append(name)
            continue
        categories = [
            (
                str(category.label),
                [
                    str(getattr(model._meta.get_field(f), "verbose_name", f))
                    for f, c in personal.items()
                    if c == category
                ],
            )
            for category in Category
            if category in personal.values()
        ]
        entries.append(
            RegisterEntry(
                name=name,
                purpose=str(declaration.purpose),
                subjects=_subjects_label(declaration),
                retention=str(declaration.retention),
                categories=categories,
            )
        )
    return sorted(entries, key=lambda e: e.name), sorted(without)
