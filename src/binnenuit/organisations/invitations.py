"""Who has access to an organisation: invitations, roles and deactivation.

An organiser (an adviser, or the organisation's project leader) invites a person by e-mail
with a role. The mail holds a single-use link, valid for a week, to choose a password — or,
for someone who already has a login (at another organisation), to add this organisation to
it. Only the link's SHA-256 hash is stored. Roles change and logins are deactivated here too,
never for oneself and never so that the organisation is left without a project leader.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.accounts import two_factor
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import save_or_refuse, validate
from binnenuit.mail.services import mail_queue
from binnenuit.organisations.models import Invitation, Membership, Person, Role

INVITATION_VALID = datetime.timedelta(days=7)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _roles_for(by: Actor) -> list[Role]:
    """The roles this organiser may give: advisers are the provider's, only they add them."""
    return [r for r in Role if r != Role.ADVISER or by.role == Role.ADVISER]


def invitable_roles(*, by: Actor) -> list[tuple[str, str]]:
    return [(r.value, str(r.label)) for r in _roles_for(by)]


def _send(invitation: Invitation, by: Actor) -> None:
    """A new link (a new token, valid a week from now) and the mail that carries it."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + INVITATION_VALID
    link = settings.SITE_URL + reverse("organisations:invitation-accept", kwargs={"token": token})
    mail_queue(
        to=invitation.email,
        template="invitation",
        context={
            "name": invitation.full_name,
            "organisation": invitation.organisation.name,
            "role": invitation.get_role_display(),
            "inviter": by.user.full_name,
            "url": link,
            "expires_at": invitation.expires_at,
        },
        key=f"invitation-{invitation.token_hash[:16]}",
    )


@transaction.atomic
def invitation_create(
    *, by: Actor, email: str, full_name: str, role: Role, person: Person | None = None
) -> Invitation:
    """Invite a person to log in to the actor's organisation with a role, by e-mail."""
    require(by, "access.manage")
    organisation = by.organisation
    email = email.strip().lower()
    if role not in _roles_for(by):
        raise ServiceError(fields={"role": _("Only an adviser can invite an adviser.")})
    if Membership.objects.filter(
        organisation=organisation, user__email=email, deactivated_at__isnull=True
    ).exists():
        raise ServiceError(fields={"email": _("This person already has access.")})
    already = _("This person has already been invited. Send the invitation again from the list.")
    if Invitation.objects.for_org(organisation).pending().filter(email=email).exists():
        raise ServiceError(fields={"email": already})
    if person is None:
        person = Person.objects.for_org(organisation).filter(email=email).first()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        full_name=full_name,
        role=role,
        person=person,
        invited_by=by.user,
    )
    _send(invitation, by)  # the token's hash and the expiry
    validate(invitation, exclude=["token_hash"])
    save_or_refuse(
        invitation,
        field="email",
        message=_("This person has already been invited. Send the invitation again from the list."),
    )
    return invitation


@transaction.atomic
def invitation_resend(*, by: Actor, invitation: Invitation) -> Invitation:
    """A new link for a pending invitation (the old one stops working), valid a week again."""
    require(by, "access.manage", invitation)
    if invitation.accepted_at or invitation.revoked_at:
        raise ServiceError(_("This invitation is no longer open."))
    _send(invitation, by)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    return invitation


@transaction.atomic
def invitation_revoke(*, by: Actor, invitation: Invitation) -> Invitation:
    require(by, "access.manage", invitation)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


class LinkState(StrEnum):
    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Link:
    state: LinkState
    invitation: Invitation | None = None
    existing_user: Any = None  # the login the invited address already has, if any


def invitation_link(token: str) -> Link:
    """What an invitation link leads to; never an error, whatever was typed."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=_hash(token)).first()
    )
    if invitation is None:
        return Link(LinkState.UNKNOWN)
    if invitation.accepted_at:
        return Link(LinkState.USED, invitation)
    if invitation.revoked_at:
        return Link(LinkState.REVOKED, invitation)
    if invitation.expires_at <= timezone.now():
        return Link(LinkState.EXPIRED, invitation)
    user = get_user_model().objects.filter(email=invitation.email).first()
    return Link(LinkState.VALID, invitation, user)


@transaction.atomic
def invitation_accept(*, token: str, user: Any = None, password: str = "") -> Any:
    """Accept an invitation: a new login with this password, or the signed-in existing one.

    The invitation's row is locked: a double click, or the link opened twice, accepts once.
    """
    link = invitation_link(token)
    if link.state != LinkState.VALID or link.invitation is None:
        raise ServiceError(_("This invitation link can no longer be used."))
    invitation = Invitation.objects.select_for_update().get(pk=link.invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ServiceError(_("This invitation link can no longer be used."))
    existing = link.existing_user
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise ServiceError(
                _("Log in as %(email)s to accept this invitation.") % {"email": existing.email}
            )
        login = existing
    else:
        login = get_user_model()(
            email=invitation.email,
            full_name=invitation.full_name,
            is_provider_staff=invitation.role == Role.ADVISER,
        )
        try:
            validate_password(password, login)
        except ValidationError as error:
            raise ServiceError(fields={"new_password1": list(error.messages)}) from error
        login.set_password(password)
        validate(login)
        login.save()
    membership = Membership.objects.filter(
        organisation=invitation.organisation, user=login
    ).first() or Membership(organisation=invitation.organisation, user=login)
    membership.role, membership.deactivated_at = invitation.role, None
    validate(membership, exclude=["user", "organisation"] if membership.pk else None)
    membership.save()
    if not login.is_active:
        login.is_active = True
        login.save(update_fields=["is_active"])
    person = invitation.person or (
        Person.objects.for_org(invitation.organisation).filter(email=invitation.email).first()
    )
    if person is not None and person.user_id is None:
        person.user = login
        person.save(update_fields=["user"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return login


# --- Roles and deactivation ---------------------------------------------------------------


def _check_change(by: Actor, membership: Membership, *, new_role: str | None) -> None:
    """Nobody changes their own access, and a project leader always remains."""
    if membership.user_id == by.user.pk:
        raise ServiceError(_("You cannot change or deactivate your own access."))
    if membership.role == Role.ADVISER and by.role != Role.ADVISER:
        raise ServiceError(_("Only an adviser can change an adviser's access."))
    if new_role == Role.ADVISER and by.role != Role.ADVISER:
        raise ServiceError(fields={"role": _("Only an adviser can make someone an adviser.")})
    leaving_leadership = membership.role == Role.PROJECT_LEADER and new_role != (
        Role.PROJECT_LEADER
    )
    if leaving_leadership and not (
        Membership.objects.for_org(membership.organisation_id)
        .select_for_update()
        .filter(role=Role.PROJECT_LEADER, deactivated_at__isnull=True)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ServiceError(
            _(
                "%(name)s is the organisation's only project leader. Make someone else "
                "project leader first."
            )
            % {"name": membership.user.full_name}
        )


@transaction.atomic
def membership_set_role(*, by: Actor, membership: Membership, role: Role) -> Membership:
    require(by, "access.manage", membership)
    _check_change(by, membership, new_role=role)
    membership.role = role
    validate(membership)
    membership.save(update_fields=["role"])
    if role == Role.ADVISER and not membership.user.is_provider_staff:
        membership.user.is_provider_staff = True
        membership.user.save(update_fields=["is_provider_staff"])
    return membership


@transaction.atomic
def membership_deactivate(*, by: Actor, membership: Membership) -> Membership:
    """The login no longer opens this organisation (nor any, when it was the last one);
    everything it did stays."""
    require(by, "access.manage", membership)
    _check_change(by, membership, new_role=None)
    if membership.deactivated_at is None:
        membership.deactivated_at = timezone.now()
        membership.save(update_fields=["deactivated_at"])
    user = membership.user
    still = Membership.objects.filter(user=user, deactivated_at__isnull=True).exists()
    if not still and not user.is_provider_staff and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return membership


@transaction.atomic
def membership_reactivate(*, by: Actor, membership: Membership) -> Membership:
    require(by, "access.manage", membership)
    if membership.user_id == by.user.pk:
        raise ServiceError(_("You cannot change or deactivate your own access."))
    if membership.role == Role.ADVISER and by.role != Role.ADVISER:
        raise ServiceError(_("Only an adviser can change an adviser's access."))
    membership.deactivated_at = None
    membership.save(update_fields=["deactivated_at"])
    if not membership.user.is_active:
        membership.user.is_active = True
        membership.user.save(update_fields=["is_active"])
    return membership


@transaction.atomic
def two_factor_reset(*, by: Actor, membership: Membership) -> int:
    """For a lost phone: the login's two-step login is removed, to be set up again."""
    require(by, "access.reset_two_factor", membership)
    if membership.user_id == by.user.pk:
        raise ServiceError(_("Ask another adviser to reset your own two-step login."))
    return two_factor.remove_devices(membership.user)
