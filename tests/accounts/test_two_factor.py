"""Two-step login: required for advisers and project leaders, offered to everyone."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(user) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def wait_out_the_throttle(device: TOTPDevice) -> None:
    """After a wrong code django-otp makes the next try wait a moment; let that pass."""
    device.refresh_from_db()
    device.throttle_reset()


def test_a_project_leader_must_set_it_up_when_it_is_required(world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = log_in(world.users["project_leader"])
    page = client.get(world.org.get_absolute_url())
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:two-factor-setup"))
    setup = client.get(page["Location"]).content.decode()
    assert "Je rol geeft je toegang tot persoonsgegevens van veel mensen." in setup
    assert "<svg" in setup  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=world.users["project_leader"], confirmed=False)
    wrong = client.post(page["Location"], {"code": "000000"})
    assert "Deze code klopt niet." in wrong.content.decode()
    wait_out_the_throttle(device)
    done = client.post(page["Location"], {"code": code(device)})
    assert done.status_code == 302 and done["Location"].startswith(
        reverse("accounts:two-factor-codes")
    )
    codes = client.get(done["Location"]).content.decode()
    shown = re.findall(r"<code>([a-z0-9]+)</code>", codes)
    assert len(shown) == 10
    assert set(shown) == set(StaticToken.objects.values_list("token", flat=True))
    assert client.get(world.org.get_absolute_url()).status_code == 200
    # Shown once: going back to the page shows them no more.
    assert client.get(reverse("accounts:two-factor-codes")).status_code == 302


def test_whoever_has_set_it_up_gives_a_code_at_every_login(world, settings):
    settings.TWO_FACTOR_REQUIRED = False
    trainer = world.users["trainer"]
    device = TOTPDevice.objects.create(user=trainer, name="telefoon", confirmed=True)
    client = log_in(trainer)
    page = client.get(world.org.get_absolute_url())
    assert page["Location"].startswith(reverse("accounts:two-factor-verify"))
    wrong = client.post(page["Location"], {"code": "123456"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet of is niet meer geldig." in wrong.content.decode()
    wait_out_the_throttle(device)
    right = client.post(page["Location"], {"code": code(device)})
    assert right.status_code == 302 and right["Location"] == world.org.get_absolute_url()
    assert client.get(world.org.get_absolute_url()).status_code == 200


def test_a_recovery_code_works_once(world, settings, client_as):
    user = world.users["manager"]
    client = log_in(user)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:two-factor-setup"), {"code": code(device)})
    recovery = StaticToken.objects.filter(device__user=user).first().token
    again = log_in(user)
    verify = reverse("accounts:two-factor-verify")
    assert again.post(verify, {"code": recovery}).status_code == 302
    third = log_in(user)
    assert third.post(verify, {"code": recovery}).status_code == 200  # used up


def test_without_the_requirement_nobody_is_asked(world, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client = log_in(world.users["project_leader"])
    assert client.get(world.org.get_absolute_url()).status_code == 200


def test_a_required_login_cannot_turn_it_off(world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    leader = world.users["project_leader"]
    client = log_in(leader)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=leader)
    client.post(reverse("accounts:two-factor-setup"), {"code": code(device)})
    response = client.post(reverse("accounts:two-factor-off"))
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=leader, confirmed=True).exists()


def test_a_participant_may_turn_it_off_again(world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = world.users["participant"]
    client = log_in(user)
    assert client.get(world.org.get_absolute_url()).status_code == 200  # not required
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:two-factor-setup"), {"code": code(device)})
    assert "Tweestapsverificatie uitzetten?" in (
        client.get(reverse("accounts:two-factor-off")).content.decode()
    )
    client.post(reverse("accounts:two-factor-off"))
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_guessing_codes_is_slowed_down(world):
    """Right after a wrong code, even the right one is refused for a moment (django-otp)."""
    trainer = world.users["trainer"]
    device = TOTPDevice.objects.create(user=trainer, name="telefoon", confirmed=True)
    client = log_in(trainer)
    verify = reverse("accounts:two-factor-verify")
    client.post(verify, {"code": "123456"})
    assert client.post(verify, {"code": code(device)}).status_code == 200
