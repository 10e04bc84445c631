from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import formats
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


MINIMUM_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
LOGO_MAX_BYTES = 2 * 1024 * 1024
PNG_OR_JPEG_START = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _check_brand_colour(organisation: Organisation) -> None:
    colour = organisation.brand_colour
    if colour and len(colour) == 7 and contrast_with_white(colour) < MINIMUM_CONTRAST:
        raise ValidationError(
            {
                "brand_colour": _(
                    "This colour is too light for white text (contrast %(ratio)s:1, at least "
                    "%(minimum)s:1 is needed). Choose a darker colour."
                )
                % {
                    "ratio": formats.number_format(contrast_with_white(colour), 1),
                    "minimum": formats.number_format(MINIMUM_CONTRAST, 1),
                }
            }
        )


def _check_logo(logo: Any) -> None:
    """An uploaded logo must really be a PNG, JPEG or WebP image of at most 2 MB."""
    if not isinstance(logo, UploadedFile):
        return  # unchanged, or cleared
    if (logo.size or 0) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("The logo is larger than 2 MB. Choose a smaller image.")})
    logo.seek(0)
    head = logo.read(16)
    logo.seek(0)
    is_webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if not is_webp and not head.startswith(PNG_OR_JPEG_START):
        raise ValidationError(
            {"logo": _("This file is not a PNG, JPEG or WebP image. Choose an image file.")}
        )


@transaction.atomic
def organisation_create(*, by: User, name: str, cbs_code: str, **fields: Any) -> Organisation:
    """A new client organisation; the adviser who creates it is assigned to it."""
    _check_logo(fields.get("logo"))
    organisation = Organisation(name=name, cbs_code=cbs_code, slug=_unique_slug(name), **fields)
    organisation.full_clean()
    _check_brand_colour(organisation)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # the same organisation, added at the same moment elsewhere
        raise ValidationError(
            {"cbs_code": _("An organisation with this CBS code already exists.")}
        ) from exc
    Membership.objects.create(organisation=organisation, user=by, role=Role.ADVISER)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields: Any) -> Organisation:
    _check_logo(fields.get("logo"))
    if fields.get("logo") is False:  # the form's "clear" box
        fields["logo"] = ""
    # As saved: a bound form has already put its values on the instance.
    old_logo = Organisation.objects.values_list("logo", flat=True).get(pk=organisation.pk)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    _check_brand_colour(organisation)
    organisation.save()
    if old_logo and organisation.logo.name != old_logo:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
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
    if person.pk and person.pk in _managers_above(manager):
        raise ValidationError(
            {
                "line_manager": _(
                    "%(name)s is managed by this employee (directly or through others), so "
                    "cannot be their line manager."
                )
                % {"name": manager.full_name}
            }
        )


def _managers_above(person: Person) -> set[int]:
    """The person and everyone above them in the line, in one query."""
    manager_of = dict(
        Person.objects.for_org(person.organisation_id).values_list("pk", "line_manager_id")
    )
    chain: set[int] = set()
    current: int | None = person.pk
    while current is not None and current not in chain:
        chain.add(current)
        current = manager_of.get(current)
    return chain


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
