"""Core's entries in the privacy register (core's own models; core knows no domain app)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, Erase, declare

declare(
    "core.FormSubmission",
    fields={
        "id": NOT_PERSONAL,
        "token": NOT_PERSONAL,  # a random one-time token
        "user": NOT_PERSONAL,
        "result_url": NOT_PERSONAL,  # an address inside Binnenuit, made of record keys
        "created_at": NOT_PERSONAL,
    },
    purpose=_("Making a form that is sent twice (a double click) count once."),
    subject="user",
    retention=_("Deleted when the login is anonymised."),
    erase=Erase.DELETE,
    hidden=["token"],
)

declare(
    "core.RateLimitHit",
    fields={
        "id": NOT_PERSONAL,
        "key": Category.IDENTIFYING,  # what is counted, with a client's IP address in it
        "at": NOT_PERSONAL,
    },
    purpose=_("Security: counting wrong passwords per client address, to stop guessing."),
    retention=_("Removed after one day."),
)
