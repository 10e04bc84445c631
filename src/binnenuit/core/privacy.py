"""The privacy register in code: what personal data every model holds, and why.

Each app declares its models in its own ``privacy.py`` (imported by its ``AppConfig.ready``),
third-party models included where the app uses them, with :func:`declare`: every concrete
field is either a personal-data category or ``NOT_PERSONAL``. A test fails when any model
gains a field that nobody classified. The AVG export and erasure, the retention job and the
processing register (art. 30) are all generated from this one register
(``binnenuit.privacy``).

What to classify. A field is personal data here when its *value* identifies or describes a
person: a name, an e-mail address, a job title, a note. Keys, statuses and the dates of a
record (an enrolment's round and status, a membership's role) say something about a person
only through the row's subject; they are ``NOT_PERSONAL``, they stay when the subject is
anonymised, and so counts and aggregates stay correct (a round still had 13 participants).
An auto-created primary key may be left out; every other field must be listed.

How a row is about a person. ``subject`` is the path from the model to the person it is
about, in the ORM's ``__`` notation:

- to an employee record (``organisations.Person``): ``"person"``, or ``"self"`` on Person;
- to a login (``accounts.User``): ``"user"``, ``"device__user"``, or ``"self"`` on User;
- to a text field holding an e-mail address: ``"recipient"``, ``"username"`` — rows whose
  value is one of the person's addresses (case-insensitive).

Where a path cannot say it (sessions keep the login inside their data), ``find`` is a
function from the :class:`Subject` to a queryset of the rows about them; both may be given.
Erasure anonymises a row's classified fields (see :class:`Replace` for the defaults and
``anonymise`` to say otherwise per field) or, with ``erase=Erase.DELETE``, deletes the rows
(sessions, two-factor devices). ``hidden`` fields (password hashes, secrets) are listed in
an export without their value.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What kind of personal data a field holds."""

    IDENTIFYING = "identifying", _("Identifying (name, e-mail address, account, address)")
    CONTACT = "contact", _("Contact details")
    HR = "hr", _("Work and HR (job, department, team, line manager, role)")
    FREE_TEXT = "free_text", _("Free text (may contain anything)")
    SPECIAL = "special", _("Special category (AVG art. 9)")


NOT_PERSONAL = None  # a field that holds no personal data (a key, a date of the record, …)

# What an anonymised row holds instead: a name with a number, an address on the reserved
# top-level domain .invalid (RFC 2606), which no mail server accepts. These are data, not
# screen text: they are stored in Dutch whatever language the eraser reads.
ANONYMOUS_NAME = "Geanonimiseerde medewerker {number}"
ANONYMOUS_DOMAIN = "geanonimiseerd.invalid"


def anonymous_email(kind: str, number: object) -> str:
    """A unique address for an anonymised row: ``person-17@geanonimiseerd.invalid``."""
    return f"{kind}-{number}@{ANONYMOUS_DOMAIN}"


def is_anonymous_email(email: str | None) -> bool:
    return bool(email) and str(email).lower().endswith("@" + ANONYMOUS_DOMAIN)


def _with_days(text: str | Promise, setting: str) -> str:
    return str(text) % {"days": getattr(settings, setting)}


def retention_after(text: str | Promise, setting: str) -> str:
    """A retention text with a period from the settings (``%(days)s``), read when shown."""
    return lazy(_with_days, str)(text, setting)


class Erase(StrEnum):
    """What erasure does with the rows about a person."""

    ANONYMISE = "anonymise"  # the row stays; its classified fields get anonymous values
    DELETE = "delete"  # the row goes (sessions, two-factor devices, login records)


class Replace(StrEnum):
    """An anonymous value, for ``declare(anonymise={field: ...})``.

    Without a word about a classified field erasure picks by the field: an e-mail field gets
    ``EMAIL``, other identifying text ``NAME``, other text ``""``, a nullable field ``None``,
    a field with choices its default, a many-to-many field is cleared.
    """

    NAME = "name"  # "Geanonimiseerde medewerker <n>"
    EMAIL = "email"  # a unique address on the reserved domain .invalid
    EMPTY = "empty"  # "" for text, None where the column allows it
    DEFAULT = "default"  # the field's default
    UNUSABLE_PASSWORD = "unusable_password"  # noqa: S105 (a word, not a password: nobody can log in)
    NOW_IF_EMPTY = "now_if_empty"  # the moment of erasure, unless a date is there already


# An anonymous value: a Replace, a fixed value, or a function of the row and the moment.
type Anonymiser = Replace | Callable[[Any, datetime.datetime], Any] | object


@dataclass(frozen=True)
class Subject:
    """The person an export or erasure is about: their employee records and logins.

    ``organisation`` set: only the rows of that organisation (an organiser's request);
    rows that belong to no organisation are reached only through ``users`` and ``emails``,
    which then hold only what no other organisation shares. ``number`` is the ``<n>`` of
    their anonymous name. ``detach`` are logins kept (another organisation uses them) but
    cut loose from ``organisation``.
    """

    persons: tuple[Any, ...] = ()  # organisations.Person rows
    users: tuple[Any, ...] = ()  # accounts.User rows
    emails: frozenset[str] = frozenset()
    organisation: Any = None
    number: int = 0
    detach: tuple[Any, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.persons or self.users or self.emails)


type Finder = Callable[[Subject], "models.QuerySet[Any]"]


@dataclass(frozen=True)
class Declaration:
    """One model's entry in the register."""

    model: str  # "app_label.ModelName"
    fields: Mapping[str, Category | None]
    purpose: str | Promise  # why it is processed (the processing register)
    subject: str | None = None  # the path to the person it is about: "person", "user", "self"
    retention: str | Promise = ""  # how long it is kept (the processing register)
    extra: Mapping[str, object] = field(default_factory=dict)
    find: Finder | None = None  # the rows about a subject, where a path cannot say it
    erase: Erase = Erase.ANONYMISE
    anonymise: Mapping[str, Anonymiser] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()  # exported without their value (secrets)
    name: str | Promise = ""  # what the rows are called, where the model's name is not ours
    about: str | Promise = ""  # whom the rows are about, where the subject path cannot say

    @property
    def personal_fields(self) -> dict[str, Category]:
        return {name: cat for name, cat in self.fields.items() if cat is not None}

    @property
    def is_about_people(self) -> bool:
        return self.subject is not None or self.find is not None


REGISTER: dict[str, Declaration] = {}
_EXTENSIONS: dict[str, dict[str, Category | None]] = {}


def declare(
    model: str,
    *,
    fields: Mapping[str, Category | None],
    purpose: str | Promise,
    subject: str | None = None,
    retention: str | Promise = "",
    find: Finder | None = None,
    erase: Erase = Erase.ANONYMISE,
    anonymise: Mapping[str, Anonymiser] | None = None,
    hidden: Iterable[str] = (),
    name: str | Promise = "",
    about: str | Promise = "",
) -> None:
    """Put one model in the register; declaring a model twice is a programming error.

    ``model`` is "app_label.ModelName"; ``fields`` classifies every field; ``subject`` (a
    path) and/or ``find`` say which rows are about a person; ``erase``, ``anonymise`` and
    ``hidden`` say what erasure and export do (see the module's docstring). ``name`` and
    ``about`` are for the processing register: what the rows are called (for a third-party
    model without a Dutch name) and whom they are about (where no path says it).
    """
    if model in REGISTER:
        raise KeyError(f"{model} is in the privacy register already.")
    REGISTER[model] = Declaration(
        model=model,
        fields={**dict(fields), **_EXTENSIONS.pop(model, {})},
        purpose=purpose,
        subject=subject,
        retention=retention,
        find=find,
        erase=erase,
        anonymise=dict(anonymise or {}),
        hidden=frozenset(hidden),
        name=name,
        about=about,
    )


def extend(model: str, *, fields: Mapping[str, Category | None]) -> None:
    """Classify fields another app added to a model declared elsewhere.

    For an app that adds fields to a model it does not own; works whichever ``ready()``
    runs first. A field classified twice is a programming error.
    """
    known = REGISTER[model].fields if model in REGISTER else _EXTENSIONS.get(model, {})
    twice = sorted(set(known) & set(fields))
    if twice:
        raise KeyError(f"{model}: {', '.join(twice)} classified already.")
    if model in REGISTER:
        REGISTER[model] = replace(REGISTER[model], fields={**known, **fields})
    else:
        _EXTENSIONS[model] = {**known, **fields}


def pending_extensions() -> dict[str, list[str]]:
    """Fields extended for models nobody declared (the register's test reports them)."""
    return {model: sorted(fields) for model, fields in _EXTENSIONS.items()}
