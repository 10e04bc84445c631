from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.images import clean_image
from binnenuit.core.services import save_or_refuse, validate
from binnenuit.organisations.models import (
    FunctionCategory,
    Location,
    Membership,
    Organisation,
    Person,
    Role,
)
from binnenuit.organisations.selectors import person_email_taken


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
LOGO_MAX_SIDE = 2000  # pixels: a header logo is shown at most a few hundred wide


def _check_brand_colour(organisation: Organisation) -> None:
    colour = organisation.brand_colour
    if colour and len(colour) == 7 and contrast_with_white(colour) < MINIMUM_CONTRAST:
        raise ServiceError(
            fields={
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


def _clean_logo(logo: Any) -> Any:
    """A new logo, decoded and re-encoded (``core.images``); anything else as it came."""
    if not isinstance(logo, UploadedFile):
        return logo  # unchanged (None) or cleared (False)
    return clean_image(logo, field="logo", max_bytes=LOGO_MAX_BYTES, max_side=LOGO_MAX_SIDE)


@transaction.atomic
def organisation_create(
    *,
    by: Actor,
    name: str,
    cbs_code: str,
    brand_colour: str = "",
    logo: Any = None,
    email_domains: str = "",
) -> Organisation:
    """A new client organisation; the adviser who creates it is assigned to it."""
    require(by, "organisation.create")
    logo = _clean_logo(logo)
    organisation = Organisation(
        name=name,
        cbs_code=cbs_code,
        slug=_unique_slug(name),
        brand_colour=brand_colour,
        email_domains=email_domains,
    )
    if logo:
        organisation.logo = logo
    validate(organisation)
    _check_brand_colour(organisation)
    # The same organisation, added at the same moment elsewhere, is refused by its CBS code.
    save_or_refuse(
        organisation,
        field="cbs_code",
        message=_("An organisation with this CBS code already exists."),
    )
    membership = Membership(organisation=organisation, user=by.user, role=Role.ADVISER)
    validate(membership)
    membership.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    by: Actor,
    organisation: Organisation,
    name: str,
    cbs_code: str,
    brand_colour: str,
    logo: Any,
    email_domains: str | None = None,
) -> Organisation:
    """Change the organisation's details; ``logo`` False clears it, None leaves it."""
    require(by, "organisation.edit", organisation)
    logo = _clean_logo(logo)
    # As saved: a bound form has already put its values on the instance.
    old_logo = Organisation.objects.values_list("logo", flat=True).get(pk=organisation.pk)
    organisation.name, organisation.cbs_code, organisation.brand_colour = (
        name,
        cbs_code,
        brand_colour,
    )
    if email_domains is not None:
        organisation.email_domains = email_domains
    if logo is False:  # the form's "clear" box
        organisation.logo = ""
    elif logo:
        organisation.logo = logo
    validate(organisation)
    _check_brand_colour(organisation)
    save_or_refuse(
        organisation,
        field="cbs_code",
        message=_("An organisation with this CBS code already exists."),
    )
    if old_logo and organisation.logo.name != old_logo:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


@transaction.atomic
def organisation_archive(*, by: Actor, organisation: Organisation) -> Organisation:
    """Hide the organisation from everyone but its advisers; nothing of its history goes."""
    require(by, "organisation.archive", organisation)
    if organisation.archived_at is None:
        organisation.archived_at = timezone.now()
        organisation.save(update_fields=["archived_at"])
    return organisation


@transaction.atomic
def organisation_restore(*, by: Actor, organisation: Organisation) -> Organisation:
    require(by, "organisation.archive", organisation)
    organisation.archived_at = None
    organisation.save(update_fields=["archived_at"])
    return organisation


def _check_line_manager(person: Person) -> None:
    manager = person.line_manager
    if manager is None:
        return
    if manager.organisation_id != person.organisation_id:
        raise ServiceError(
            fields={"line_manager": _("The line manager must work for the same organisation.")}
        )
    if person.pk and manager.pk == person.pk:
        raise ServiceError(
            fields={"line_manager": _("An employee cannot be their own line manager.")}
        )
    if person.pk and person.pk in _managers_above(manager):
        raise ServiceError(
            fields={
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


def _save_person(person: Person) -> Person:
    person.email = person.email.strip().lower()
    taken = _("Another employee of this organisation already has this e-mail address.")
    if person.email and person_email_taken(
        organisation=person.organisation, email=person.email, exclude_pk=person.pk
    ):
        raise ServiceError(fields={"email": taken})
    validate(person)
    _check_line_manager(person)
    # Two requests adding the same e-mail address at once: the database keeps one.
    save_or_refuse(person, field="email", message=taken)
    return person


@transaction.atomic
def person_create(
    *,
    by: Actor,
    full_name: str,
    email: str = "",
    job_title: str = "",
    function_category: FunctionCategory = FunctionCategory.OTHER,
    department: str = "",
    team: str = "",
    line_manager: Person | None = None,
) -> Person:
    require(by, "people.manage")
    person = Person(
        organisation=by.organisation,
        full_name=full_name,
        email=email,
        job_title=job_title,
        function_category=function_category,
        department=department,
        team=team,
        line_manager=line_manager,
    )
    return _save_person(person)


@transaction.atomic
def person_update(
    *,
    by: Actor,
    person: Person,
    full_name: str,
    email: str,
    job_title: str,
    function_category: FunctionCategory,
    department: str,
    team: str,
    line_manager: Person | None,
) -> Person:
    require(by, "people.manage", person)
    person.full_name, person.email, person.job_title = full_name, email, job_title
    person.function_category, person.department, person.team = function_category, department, team
    person.line_manager = line_manager
    return _save_person(person)


# --- Parts of the day and locations --------------------------------------------------------

PARTS_OF_DAY = ("morning", "afternoon", "evening")


@transaction.atomic
def organisation_set_day_parts(
    *, by: Actor, organisation: Organisation, times: dict[str, datetime.time]
) -> Organisation:
    """Set when the morning, afternoon and evening start and end (``morning_starts`` ...)."""
    require(by, "organisation.edit", organisation)
    fields = [f"{part}_{edge}" for part in PARTS_OF_DAY for edge in ("starts", "ends")]
    for name in fields:
        setattr(organisation, name, times[name])
    wrong = {
        f"{part}_ends": _("The end must be later than the start.")
        for part in PARTS_OF_DAY
        if times[f"{part}_ends"] <= times[f"{part}_starts"]
    }
    if wrong:
        raise ServiceError(fields=wrong)
    organisation.save(update_fields=fields)
    return organisation


def _save_location(location: Location) -> Location:
    taken = _("This organisation already has a location with this name.")
    others = Location.objects.for_org(location.organisation).filter(name__iexact=location.name)
    if others.exclude(pk=location.pk).exists():
        raise ServiceError(fields={"name": taken})
    validate(location)
    # Two requests adding the same name at once: the database keeps one.
    save_or_refuse(location, field="name", message=taken)
    return location


@transaction.atomic
def location_create(
    *,
    by: Actor,
    name: str,
    address: str = "",
    rooms: str = "",
    capacity: int | None = None,
    accessibility: str = "",
    route: str = "",
) -> Location:
    require(by, "locations.manage")
    location = Location(
        organisation=by.organisation,
        name=name,
        address=address,
        rooms=rooms,
        capacity=capacity,
        accessibility=accessibility,
        route=route,
    )
    return _save_location(location)


@transaction.atomic
def location_update(
    *,
    by: Actor,
    location: Location,
    name: str,
    address: str,
    rooms: str,
    capacity: int | None,
    accessibility: str,
    route: str,
) -> Location:
    require(by, "locations.manage", location)
    location.name, location.address, location.rooms = name, address, rooms
    location.capacity, location.accessibility, location.route = capacity, accessibility, route
    return _save_location(location)
