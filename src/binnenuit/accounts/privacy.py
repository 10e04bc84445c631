"""The accounts app's entries in the privacy register: logins, their sessions, two-factor
devices and the records of login attempts (django-axes)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import (
    NOT_PERSONAL,
    Category,
    Erase,
    Replace,
    Subject,
    declare,
    retention_after,
)


def sessions_of(subject: Subject) -> QuerySet[Session]:
    """The sessions of the subject's logins: the login is inside the session's data."""
    user_ids = {str(user.pk) for user in subject.users}
    if not user_ids:
        return Session.objects.none()
    keys = [
        session.session_key
        for session in Session.objects.all()
        if str(session.get_decoded().get("_auth_user_id", "")) in user_ids
    ]
    return Session.objects.filter(session_key__in=keys)


declare(
    "accounts.User",
    fields={
        "id": NOT_PERSONAL,
        "password": Category.IDENTIFYING,  # a hash; never exported
        "last_login": Category.IDENTIFYING,
        "is_superuser": NOT_PERSONAL,
        "email": Category.IDENTIFYING,
        "full_name": Category.IDENTIFYING,
        "is_provider_staff": NOT_PERSONAL,
        "is_active": NOT_PERSONAL,
        "is_staff": NOT_PERSONAL,
        "date_joined": NOT_PERSONAL,
        "groups": NOT_PERSONAL,
        "user_permissions": NOT_PERSONAL,
    },
    purpose=_("Logging in: who may open Binnenuit, with which e-mail address and password."),
    subject="self",
    retention=retention_after(
        _(
            "Anonymised after %(days)s days without a login, and when the employee's data "
            "is erased or anonymised."
        ),
        "PRIVACY_STALE_LOGIN_DAYS",
    ),
    anonymise={
        "password": Replace.UNUSABLE_PASSWORD,
        "is_active": False,
        "is_staff": False,
        "is_superuser": False,
        "is_provider_staff": False,
    },
    hidden=["password"],
)

declare(
    "sessions.Session",
    fields={
        "session_key": Category.IDENTIFYING,  # opens the session; never exported
        "session_data": Category.IDENTIFYING,  # the login, and when it logged in
        "expire_date": NOT_PERSONAL,
    },
    purpose=_("Keeping a login logged in between pages."),
    find=sessions_of,
    retention=_(
        "Until the session ends (30 minutes without a page, 12 hours at most); ended sessions "
        "are removed daily."
    ),
    erase=Erase.DELETE,
    hidden=["session_key", "session_data"],
    name=_("sessions"),
    about=_("Logins: advisers and employees"),
)

_LOGIN_RECORD: dict[str, Any] = {
    "id": NOT_PERSONAL,
    "user_agent": Category.IDENTIFYING,
    "ip_address": Category.IDENTIFYING,
    "username": Category.IDENTIFYING,  # the e-mail address that was tried
    "http_accept": NOT_PERSONAL,
    "path_info": NOT_PERSONAL,
    "attempt_time": NOT_PERSONAL,
}
_LOGIN_RECORD_RETENTION = retention_after(
    _("Removed after %(days)s days."), "PRIVACY_LOGIN_LOG_DAYS"
)

declare(
    "axes.AccessAttempt",
    fields={
        **_LOGIN_RECORD,
        "get_data": Category.FREE_TEXT,
        "post_data": Category.FREE_TEXT,  # the login form without its password
        "failures_since_start": NOT_PERSONAL,
    },
    purpose=_("Slowing down password guessing: failed logins per e-mail and IP address."),
    subject="username",
    retention=_LOGIN_RECORD_RETENTION,
    erase=Erase.DELETE,
    name=_("failed logins being counted"),
)
declare(
    "axes.AccessAttemptExpiration",
    fields={"access_attempt": NOT_PERSONAL, "expires_at": NOT_PERSONAL},
    purpose=_("When a wait after failed logins ends."),
    retention=_("As long as the failed logins it belongs to."),
    name=_("waits after failed logins"),
)
declare(
    "axes.AccessLog",
    fields={**_LOGIN_RECORD, "logout_time": NOT_PERSONAL, "session_hash": Category.IDENTIFYING},
    purpose=_("Security: the record of successful logins."),
    subject="username",
    retention=_LOGIN_RECORD_RETENTION,
    erase=Erase.DELETE,
    name=_("records of logins"),
)
declare(
    "axes.AccessFailureLog",
    fields={**_LOGIN_RECORD, "locked_out": NOT_PERSONAL},
    purpose=_("Security: the record of failed logins."),
    subject="username",
    retention=_LOGIN_RECORD_RETENTION,
    erase=Erase.DELETE,
    name=_("records of failed logins"),
)

_DEVICE: dict[str, Any] = {
    "id": NOT_PERSONAL,
    "user": NOT_PERSONAL,
    "name": Category.FREE_TEXT,  # the device's name, as its owner typed it
    "confirmed": NOT_PERSONAL,
    "throttling_failure_timestamp": NOT_PERSONAL,
    "throttling_failure_count": NOT_PERSONAL,
    "created_at": NOT_PERSONAL,
    "last_used_at": NOT_PERSONAL,
}
_DEVICE_RETENTION = _("Deleted when the login is anonymised.")

declare(
    "otp_totp.TOTPDevice",
    fields={
        **_DEVICE,
        "key": Category.IDENTIFYING,  # the shared secret; never exported
        "step": NOT_PERSONAL,
        "t0": NOT_PERSONAL,
        "digits": NOT_PERSONAL,
        "tolerance": NOT_PERSONAL,
        "drift": NOT_PERSONAL,
        "last_t": NOT_PERSONAL,
    },
    purpose=_("Two-step login: the authenticator app that gives the login's codes."),
    subject="user",
    retention=_DEVICE_RETENTION,
    erase=Erase.DELETE,
    hidden=["key"],
    name=_("authenticator apps"),
)
declare(
    "otp_static.StaticDevice",
    fields=_DEVICE,
    purpose=_("Two-step login: the login's recovery codes."),
    subject="user",
    retention=_DEVICE_RETENTION,
    erase=Erase.DELETE,
    name=_("sets of recovery codes"),
)
declare(
    "otp_static.StaticToken",
    fields={"id": NOT_PERSONAL, "device": NOT_PERSONAL, "token": Category.IDENTIFYING},
    purpose=_("Two-step login: one recovery code."),
    subject="device__user",
    retention=_DEVICE_RETENTION,
    erase=Erase.DELETE,
    hidden=["token"],
    name=_("recovery codes"),
)
