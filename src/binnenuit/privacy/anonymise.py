"""Erasure (AVG art. 17), generated from the register: every row about a person is found
through its declaration and anonymised field by field, or deleted where it says so.

Rows stay, so counts and aggregates stay correct (a round still had 13 participants); what
made them about someone is gone. Rows are saved one by one, so the audit trail records the
erasure (who, when) like any change; then the trail's entries are redacted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.core.privacy import (
    ANONYMOUS_NAME,
    Category,
    Declaration,
    Erase,
    Replace,
    Subject,
    anonymous_email,
)
from binnenuit.organisations.models import Membership, Person
from binnenuit.privacy import audit_trail
from binnenuit.privacy.selectors import Found, everything_about

KEEP = object()  # the field keeps its value


def _text(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, (models.CharField, models.TextField))


def default_replacement(field: models.Field[Any, Any], category: Category) -> Replace:
    """How erasure replaces a classified field that its declaration says nothing about."""
    if isinstance(field, models.EmailField):
        return Replace.EMAIL
    if field.choices and not (field.blank and _text(field)):
        return Replace.DEFAULT if field.has_default() else Replace.EMPTY
    if _text(field) and category == Category.IDENTIFYING:
        return Replace.NAME
    return Replace.EMPTY


def _empty(field: models.Field[Any, Any], label: str) -> Any:
    if field.null:
        return None
    if _text(field) or isinstance(field, models.FileField):
        return ""
    if isinstance(field, models.BinaryField):
        return b""
    if isinstance(field, models.JSONField):
        return {}
    if field.has_default():
        return field.get_default()
    raise ImproperlyConfigured(
        f"{label}.{field.name} cannot be emptied: say in its declaration how to anonymise it"
    )


def anonymous_value(
    declaration: Declaration,
    field: models.Field[Any, Any],
    row: models.Model,
    subject: Subject,
    now: datetime.datetime,
) -> Any:
    """The value the field gets when the row is anonymised (``KEEP``: it keeps its own)."""
    label = declaration.model
    if field.name in declaration.anonymise:
        spec = declaration.anonymise[field.name]
    else:
        category = declaration.fields.get(field.name)
        if category is None:
            return KEEP
        spec = default_replacement(field, category)
    if not isinstance(spec, Replace):
        return spec(row, now) if callable(spec) else spec
    match spec:
        case Replace.NAME:
            name = ANONYMOUS_NAME.format(number=subject.number or row.pk)
            return name[: field.max_length] if field.max_length else name
        case Replace.EMAIL:
            return anonymous_email(row._meta.model_name or "row", row.pk)
        case Replace.EMPTY:
            return _empty(field, label)
        case Replace.DEFAULT:
            if not field.has_default():
                raise ImproperlyConfigured(f"{label}.{field.name} has no default")
            return field.get_default()
        case Replace.UNUSABLE_PASSWORD:
            return make_password(None)
        case Replace.NOW_IF_EMPTY:
            return getattr(row, field.attname) or now
    raise ImproperlyConfigured(f"{label}.{field.name}: unknown replacement {spec!r}")


def fields_to_anonymise(declaration: Declaration, model: type[models.Model]) -> list[Any]:
    """The model's fields that erasure replaces: the personal ones and those it names."""
    names = set(declaration.personal_fields) | set(declaration.anonymise)
    return [model._meta.get_field(name) for name in declaration.fields if name in names]


def _delete_on_commit(storage: Any, name: str) -> None:
    """The file of an anonymised field goes once the erasure is committed."""
    transaction.on_commit(lambda: storage.delete(name))


def anonymise_row(
    declaration: Declaration, row: models.Model, subject: Subject, now: datetime.datetime
) -> None:
    changed: list[str] = []
    for field in fields_to_anonymise(declaration, type(row)):
        if field.many_to_many:
            getattr(row, field.name).clear()
            continue
        value = anonymous_value(declaration, field, row, subject, now)
        if value is KEEP:
            continue
        old = getattr(row, field.attname)
        if isinstance(field, models.FileField) and old:
            _delete_on_commit(old.storage, old.name)
        if old != value:
            setattr(row, field.attname, value)
            changed.append(field.name)
    if changed:
        row.save(update_fields=changed)


def _quoted(found: Iterable[Found]) -> set[str]:
    """The person's names and addresses as they were: searched for in the audit trail."""
    texts: set[str] = set()
    for item in found:
        for name, category in item.declaration.personal_fields.items():
            field: Any = item.model._meta.get_field(name)
            if (
                category != Category.IDENTIFYING
                or not _text(field)
                or name in item.declaration.hidden
            ):
                continue
            for row in item.rows:
                value = getattr(row, field.attname)
                if isinstance(value, str) and value.strip():
                    texts.add(value.strip())
    return texts


def erase(subject: Subject, *, now: datetime.datetime | None = None) -> list[Found]:
    """Anonymise (or delete) every row about the subject, and redact the audit trail.

    Runs inside the caller's transaction. Returns what was found.
    """
    now = now or timezone.now()
    found = list(everything_about(subject))
    erase_rows(found, subject, now=now)
    return found


def erase_rows(found: list[Found], subject: Subject, *, now: datetime.datetime) -> None:
    """Anonymise or delete these rows, cut the subject's shared logins loose, redact the trail."""
    quoted = _quoted(found)
    for item in found:
        if item.declaration.erase == Erase.DELETE:
            pks = [row.pk for row in item.rows]
            for row in item.model._default_manager.filter(pk__in=pks):
                row.delete()  # one by one: the trail records each, as a change would be
        else:
            for row in item.rows:
                anonymise_row(item.declaration, row, subject, now)
    for membership in Membership.objects.filter(
        user__in=subject.detach, organisation=subject.organisation, deactivated_at__isnull=True
    ):
        membership.deactivated_at = now
        membership.save(update_fields=["deactivated_at"])
    actors = {user.pk for user in subject.users}
    for item in found:
        audit_trail.redact_rows(
            item.declaration, item.model, [row.pk for row in item.rows], actors=actors
        )
    for user in subject.users:
        user.refresh_from_db()
        audit_trail.redact_actor(user)
    audit_trail.redact_quotes(quoted - _still_held(quoted))


def _still_held(texts: set[str]) -> set[str]:
    """Names and addresses that an employee record or login still holds after the erasure:
    a namesake's, or the record a stale login leaves. The trail keeps quoting those."""
    held = set()
    for text in texts:
        match = Q(full_name__iexact=text) | Q(email__iexact=text)
        if Person.objects.filter(match).exists() or User.objects.filter(match).exists():
            held.add(text)
    return held
