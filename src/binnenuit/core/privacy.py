"""The privacy register in code: what personal data every model holds, and why.

Each app declares its models in its own ``privacy.py`` (imported by its ``AppConfig.ready``),
third-party models included where the app uses them, with :func:`declare`: every concrete
field is either a personal-data category or ``NOT_PERSONAL``. A test fails when any model
gains a field that nobody classified. The AVG export and erasure, the retention job and the
processing register (art. 30) are all generated from this one register.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What kind of personal data a field holds."""

    IDENTIFYING = "identifying", _("Identifying (name, e-mail address, account, address)")
    CONTACT = "contact", _("Contact details")
    HR = "hr", _("Work and HR (job, department, team, line manager, role)")
    FREE_TEXT = "free_text", _("Free text (may contain anything)")
    SPECIAL = "special", _("Special category (AVG art. 9)")


NOT_PERSONAL = None  # a field that holds no personal data (a key, a date of the record, …)


@dataclass(frozen=True)
class Declaration:
    """One model's entry in the register."""

    model: str  # "app_label.ModelName"
    fields: Mapping[str, Category | None]
    purpose: str | Promise  # why it is processed (the processing register)
    subject: str | None = None  # the path to the person it is about: "person", "user", "self"
    retention: str | Promise = ""  # how long it is kept (the processing register)
    extra: Mapping[str, object] = field(default_factory=dict)


REGISTER: dict[str, Declaration] = {}


def declare(
    model: str,
    *,
    fields: Mapping[str, Category | None],
    purpose: str | Promise,
    subject: str | None = None,
    retention: str | Promise = "",
) -> None:
    """Put one model in the register; declaring a model twice is a programming error."""
    if model in REGISTER:
        raise KeyError(f"{model} is in the privacy register already.")
    REGISTER[model] = Declaration(
        model=model, fields=dict(fields), purpose=purpose, subject=subject, retention=retention
    )
