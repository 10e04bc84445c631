"""Helpers every service uses: validation that raises the one service error, saving that
turns a lost race on a unique key into that error instead of a 500."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from binnenuit.core.exceptions import Message, ServiceError


def validate(instance: models.Model, *, exclude: Iterable[str] | None = None) -> None:
    """``full_clean`` the instance; its errors become a ServiceError with field messages."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ServiceError.from_validation_error(error) from error


def save_or_refuse(
    instance: models.Model,
    *,
    field: str | None,
    message: Message,
    update_fields: Iterable[str] | None = None,
) -> None:
    """Save in a savepoint; a unique key another request took meanwhile is refused politely.

    ``full_clean`` checks uniqueness before saving, but two requests can both pass that check
    (a double click, two tabs): the database's constraint decides, and the loser gets the
    message beside ``field`` (or on top of the form when ``field`` is None).
    """
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError as exc:
        if field is None:
            raise ServiceError(message) from exc
        raise ServiceError(fields={field: message}) from exc
