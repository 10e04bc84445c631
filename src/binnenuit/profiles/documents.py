"""The X-factor poster: one A4 page, a tagged PDF, to print and hang up."""

from __future__ import annotations

import base64

from django.conf import settings
from django.utils.text import slugify

from binnenuit.core.pdf import render_pdf
from binnenuit.profiles.models import Profile


def _photo_data_uri(profile: Profile) -> str:
    """The photo inline (it was re-encoded on upload), so the renderer fetches nothing."""
    if not profile.photo:
        return ""
    with profile.photo.open("rb") as file:
        data = file.read()
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg" if data[:2] == b"\xff\xd8" else "webp"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def poster_pdf(profile: Profile, *, language: str = "nl") -> bytes:
    context = {
        "profile": profile,
        "person": profile.person,
        "organisation": profile.organisation,
        "photo": _photo_data_uri(profile),
        "provider": settings.PROVIDER,
    }
    return render_pdf("profiles/pdf/poster.html", context, language=language)


def poster_filename(profile: Profile) -> str:
    return f"x-factor-{slugify(profile.person.full_name)}.pdf"
