"""Writing an X-factor profile and sharing it: only ever by the trainer it is about."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binnenuit.catalogue.models import Competence
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.images import clean_image
from binnenuit.core.services import save_or_refuse, validate
from binnenuit.organisations.models import Person
from binnenuit.profiles import selectors
from binnenuit.profiles.models import MAX_STRENGTHS, Profile

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 4000  # pixels: a phone photo, not a poster-sized scan


def _strengths(person: Person, chosen: Iterable[Competence]) -> list[Competence]:
    strengths = list(chosen)
    if len(strengths) > MAX_STRENGTHS:
        raise ServiceError(
            fields={
                "strengths": ngettext(
                    "Choose at most %(max)s strength.",
                    "Choose at most %(max)s strengths: the ones that make the difference.",
                    MAX_STRENGTHS,
                )
                % {"max": MAX_STRENGTHS}
            }
        )
    allowed = set(selectors.strength_choices(person).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in strengths):
        raise ServiceError(
            fields={"strengths": _("Choose strengths from the competence framework shown.")}
        )
    return strengths


@transaction.atomic
def profile_save(
    *,
    by: Actor,
    person: Person,
    story: str,
    difference: str,
    value_society: str = "",
    value_organisation: str = "",
    strengths: Iterable[Competence] = (),
    photo: Any = None,
) -> Profile:
    """Write or rewrite the trainer's own profile; ``photo`` False removes it, None keeps it."""
    require(by, "xfactor.write", person)
    chosen = _strengths(person, strengths)
    if isinstance(photo, UploadedFile):
        photo = clean_image(
            photo, field="photo", max_bytes=PHOTO_MAX_BYTES, max_side=PHOTO_MAX_SIDE
        )
    profile = Profile.objects.select_for_update().filter(person=person).first() or Profile(
        organisation=person.organisation, person=person
    )
    old_photo = profile.photo.name if profile.photo else ""
    profile.story, profile.difference = story, difference
    profile.value_society, profile.value_organisation = value_society, value_organisation
    if photo is False:
        profile.photo = ""
    elif photo:
        profile.photo = photo
    validate(profile, exclude=["photo", "share_token", "person"])
    save_or_refuse(
        profile,
        field=None,
        message=_("Your profile was saved in another window at the same moment. Open it again."),
    )
    profile.strengths.set(chosen)
    if old_photo and profile.photo.name != old_photo:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return profile


@transaction.atomic
def profile_share(*, by: Actor, profile: Profile, share: bool) -> Profile:
    """Give or take back the consent to show the story beyond the organisation.

    Sharing makes a new secret address; taking it back makes the old address show nothing,
    at once. Only the trainer it is about decides.
    """
    require(by, "xfactor.write", profile)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if share and profile.shared_at is None:
        profile.shared_at = timezone.now()
        profile.share_token = secrets.token_urlsafe(32)
    elif not share:
        profile.shared_at, profile.share_token = None, None
    profile.save(update_fields=["shared_at", "share_token", "updated_at"])
    return profile
