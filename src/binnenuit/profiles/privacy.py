"""The X-factor profiles in the privacy register: a trainer's own story, photo and strengths."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, Replace, declare

declare(
    "profiles.Profile",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "person": NOT_PERSONAL,  # the key; the person's own fields are declared with Person
        "story": Category.FREE_TEXT,
        "difference": Category.FREE_TEXT,
        "value_society": Category.FREE_TEXT,
        "value_organisation": Category.FREE_TEXT,
        "strengths": Category.HR,
        "photo": Category.IDENTIFYING,
        "shared_at": NOT_PERSONAL,  # when the trainer consented to sharing, kept as the record
        "share_token": NOT_PERSONAL,  # a random key of the shared page; never exported
    },
    purpose=_(
        "The trainer's X-factor profile (module 1): their story, strengths and added value, "
        "read by colleagues and, only with the trainer's consent, beyond the organisation."
    ),
    subject="person",
    retention=_("Kept while the trainer is employed; erased with the employee's data."),
    # Erased: the texts, photo (its file too) and strengths go, and sharing stops.
    anonymise={"shared_at": Replace.EMPTY, "share_token": Replace.EMPTY},
    hidden=["share_token"],
)
