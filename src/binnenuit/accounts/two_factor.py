"""Two-step login: a code from an authenticator app (TOTP), with recovery codes (django-otp).

Required for the people who see many people's data — advisers and project leaders — when
``TWO_FACTOR_REQUIRED`` is on (the default in production; the demo switches it off), and
offered to everyone. Whoever has set it up gives a code at every login, required or not.
Who must use it is decided by the organisations app, which knows the roles: it registers a
check with :func:`register_requirement`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
SESSION_REQUIRED = "binnenuit_two_factor_required"
_requirement: list[Callable[[Any], bool]] = []


def register_requirement(check: Callable[[Any], bool]) -> None:
    """Set who must use two-step login (beyond those who chose to)."""
    _requirement[:] = [check]


def required_for(user: Any) -> bool:
    """Whether this login must set up two-step login before going on."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return any(check(user) for check in _requirement)


def remember_requirement(request: HttpRequest) -> None:
    """Decide once per login (kept in the session) whether two-step login is needed."""
    user = request.user
    request.session[SESSION_REQUIRED] = bool(user_has_device(user) or required_for(user))


def needs_second_step(request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)  # set by django-otp's middleware
    if not user.is_authenticated or verified():
        return False
    if SESSION_REQUIRED not in request.session:
        remember_requirement(request)
    return bool(request.session[SESSION_REQUIRED])


def has_device(user: Any) -> bool:
    return bool(user_has_device(user))


def setup_device(user: Any) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device, made once, until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// link as a QR code, drawn here as inline SVG (no script)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000000", light="#ffffff", omitsize=False
    )
    return mark_safe(svg)  # noqa: S308 (segno's own SVG of our own URL, no user input)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing into an app that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_device(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; its recovery codes, or None if wrong."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(device.user)
    otp_login(request, device)
    request.session[SESSION_REQUIRED] = True
    return codes


@transaction.atomic
def new_recovery_codes(user: Any) -> list[str]:
    """Ten single-use codes for a lost phone; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic  # the devices are locked while the code is checked (and used up)
def verify(request: HttpRequest, code: str) -> bool:
    """Check a code (from the app, or a recovery code) and complete the login with it."""
    code = code.replace(" ", "").strip()
    for device in devices_for_user(request.user, for_verify=True):
        if device.verify_token(code):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def remove_devices(user: Any) -> int:
    """Turn two-step login off for a login (lost phone): every device and code goes."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    return removed
