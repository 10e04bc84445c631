"""The organisations app's entries in the privacy register: organisations, the logins'
memberships, employees and invitations."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import (
    NOT_PERSONAL,
    Category,
    Replace,
    Subject,
    declare,
    retention_after,
)
from binnenuit.organisations.models import Invitation


def invitations_of(subject: Subject) -> QuerySet[Invitation]:
    """Invitations sent to the subject's addresses (the employee link is found by path)."""
    emails = set(subject.emails) | {p.email.lower() for p in subject.persons if p.email}
    if not emails:
        return Invitation.objects.none()
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    return Invitation.objects.filter(match)


def _revoke_if_pending(invitation: Any, now: datetime.datetime) -> datetime.datetime | None:
    """A pending invitation is revoked; an accepted or revoked one keeps its dates."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        return now
    revoked_at: datetime.datetime | None = invitation.revoked_at
    return revoked_at


declare(
    "organisations.Organisation",
    fields={
        "id": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "slug": NOT_PERSONAL,
        "cbs_code": NOT_PERSONAL,
        "brand_colour": NOT_PERSONAL,
        "logo": NOT_PERSONAL,
        "email_domains": NOT_PERSONAL,
        "morning_starts": NOT_PERSONAL,
        "morning_ends": NOT_PERSONAL,
        "afternoon_starts": NOT_PERSONAL,
        "afternoon_ends": NOT_PERSONAL,
        "evening_starts": NOT_PERSONAL,
        "evening_ends": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "archived_at": NOT_PERSONAL,
    },
    purpose=_("The client municipalities that run the programme."),
    retention=_("Archived, never deleted: an organisation's history is kept."),
)

declare(
    "organisations.Membership",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "user": NOT_PERSONAL,
        "role": NOT_PERSONAL,  # what the login may do; anonymous once the login is
        "deactivated_at": NOT_PERSONAL,
    },
    purpose=_("Access: which login may open which organisation, in which role."),
    subject="user",
    retention=_("Kept with the login; deactivated when the login is anonymised."),
    anonymise={"deactivated_at": Replace.NOW_IF_EMPTY},
)

declare(
    "organisations.Person",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "full_name": Category.IDENTIFYING,
        "email": Category.IDENTIFYING,
        "job_title": Category.HR,
        "function_category": Category.HR,
        "department": Category.HR,
        "team": Category.HR,
        "line_manager": Category.HR,
        "user": NOT_PERSONAL,  # the link to the login; cut when the employee is anonymised
        "left_on": NOT_PERSONAL,  # kept, so an anonymised leaver stays a leaver
    },
    purpose=_(
        "Running the programme: who may take part, with their department, team and line "
        "manager, to plan the rounds."
    ),
    subject="self",
    retention=retention_after(
        _("Anonymised %(days)s days after the employee left, or earlier on request."),
        "PRIVACY_LEFT_DAYS",
    ),
    anonymise={"user": None},
)

declare(
    "organisations.Invitation",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "email": Category.IDENTIFYING,
        "full_name": Category.IDENTIFYING,
        "role": NOT_PERSONAL,
        "person": NOT_PERSONAL,
        "token_hash": NOT_PERSONAL,  # a hash of a random token; never exported
        "invited_by": NOT_PERSONAL,
        "sent_at": NOT_PERSONAL,
        "expires_at": NOT_PERSONAL,
        "accepted_at": NOT_PERSONAL,
        "revoked_at": NOT_PERSONAL,
    },
    purpose=_("Inviting people to log in to an organisation with a role."),
    subject="person",
    find=invitations_of,
    retention=retention_after(
        _("Anonymised %(days)s days after it expired unused; otherwise with the employee's data."),
        "PRIVACY_INVITATION_DAYS",
    ),
    anonymise={"revoked_at": _revoke_if_pending},
    hidden=["token_hash"],
)

declare(
    "organisations.Location",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "address": NOT_PERSONAL,  # a building's address, not a person's
        "rooms": NOT_PERSONAL,
        "capacity": NOT_PERSONAL,
        "accessibility": NOT_PERSONAL,
        "route": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
    },
    purpose=_("The places where the organisation's meetings are held."),
    retention=_("Kept with the organisation."),
)
