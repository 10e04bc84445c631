from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from binnenuit.organisations.models import Membership, Organisation, Person, Role

if TYPE_CHECKING:
    from binnenuit.accounts.models import User


def _unique_slug(name: str) -> str:
    base = slugify(name.removeprefix("Gemeente ").removeprefix("gemeente ")) or "organisatie"
    base = base[:50]
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def _check_brand_colour(organisation: Organisation) -> None:
    colour = organisation.brand_colour
    if colour and len(colour) == 7 and contrast_with_white(colour) < 4.5:
        raise ValidationError(
            {
                "brand_colour": _(
                    "This colour is too light for white text (contrast %(ratio).1f:1, at least "
                    "4.5:1 is needed). Choose a darker colour."
                )
                % {"ratio": contrast_with_white(colour)}
            }
        )


@transaction.atomic
def organisation_create(*, by: User, name: str, cbs_code: str, **fields: Any) -> Organisation:
    """A new client organisation; the adviser who creates it is assigned to it."""
    organisation = Organisation(name=name, cbs_code=cbs_code, slug=_unique_slug(name), **fields)
    organisation.full_clean()
    _check_brand_colour(organisation)
    organisation.save()
    Membership.objects.create(organisation=organisation, user=by, role=Role.ADVISER)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields: Any) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    _check_brand_colour(organisation)
    organisation.save()
    return organisation


def _check_line_manager(person: Person) -> None:
    manager = person.line_manager
    if manager is None:
        return
    if manager.organisation_id != person.organisation_id:
        raise ValidationError(
            {"line_manager": _("The line manager must work for the same organisation.")}
        )
    if person.pk and manager.pk == person.pk:
        raise ValidationError({"line_manager": _("An employee cannot be their own line manager.")})


@transaction.atomic
def person_create(*, organisation: Organisation, **fields: Any) -> Person:
    person = Person(organisation=organisation, **fields)
    person.email = person.email.lower()
    person.full_clean()
    _check_line_manager(person)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, **fields: Any) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    person.email = person.email.lower()
    person.full_clean()
    _check_line_manager(person)
    person.save()
    return person
