"""Password guessing is stopped per e-mail address and address, and per address overall,
without anyone being able to lock out a colleague — also behind our proxy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.core.models import RateLimitHit
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Te vaak geprobeerd in te loggen"
ADDRESS_LOCKED = "Te vaak geprobeerd vanaf dit adres"


def attempt(client, email: str, password: str, **meta):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **meta)


def test_guessing_from_elsewhere_does_not_lock_out_the_real_person(client, settings):
    UserFactory(email="ans@test.example")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "ans@test.example", f"fout-{n}", REMOTE_ADDR="10.0.0.66")
    stopped = attempt(client, "ans@test.example", PASSWORD, REMOTE_ADDR="10.0.0.66")
    assert stopped.status_code == 429 and LOCKED in stopped.content.decode()
    assert attempt(client, "ans@test.example", PASSWORD, REMOTE_ADDR="10.0.0.7").status_code == 302


def test_behind_our_proxy_the_real_client_address_counts(client, settings):
    """Every request comes from the proxy; the address it forwards tells them apart."""
    settings.TRUSTED_PROXIES = 1
    UserFactory(email="ans@test.example")
    proxy = {"REMOTE_ADDR": "172.16.0.1"}
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "ans@test.example", f"fout-{n}", HTTP_X_FORWARDED_FOR="10.0.0.66", **proxy)
    stopped = attempt(
        client, "ans@test.example", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.66", **proxy
    )
    assert stopped.status_code == 429
    colleague = attempt(
        client, "ans@test.example", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.7", **proxy
    )
    assert colleague.status_code == 302


def test_a_forged_forwarded_for_header_is_ignored_without_a_proxy(client, settings):
    settings.TRUSTED_PROXIES = 0
    UserFactory(email="ans@test.example")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client,
            "ans@test.example",
            f"fout-{n}",
            REMOTE_ADDR="10.0.0.66",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",  # a new "address" each time
        )
    stopped = attempt(
        client,
        "ans@test.example",
        PASSWORD,
        REMOTE_ADDR="10.0.0.66",
        HTTP_X_FORWARDED_FOR="1.1.1.1",
    )
    assert stopped.status_code == 429 and LOCKED in stopped.content.decode()


def test_a_forged_entry_before_the_proxys_own_is_ignored(client, settings):
    settings.TRUSTED_PROXIES = 1
    UserFactory(email="ans@test.example")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client,
            "ans@test.example",
            f"fout-{n}",
            REMOTE_ADDR="172.16.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 10.0.0.66",  # forged, then what the proxy saw
        )
    stopped = attempt(
        client,
        "ans@test.example",
        PASSWORD,
        REMOTE_ADDR="172.16.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9, 10.0.0.66",
    )
    assert stopped.status_code == 429


def test_one_address_cannot_try_many_passwords_over_many_accounts(client, settings):
    """32 wrong passwords over 8 addresses: each pair stays under its limit, the address not."""
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    emails = [UserFactory(email=f"collega{n}@test.example").email for n in range(9)]
    statuses = [
        attempt(client, email, f"fout-{n}", REMOTE_ADDR="10.0.0.66").status_code
        for n in range(4)
        for email in emails[:8]
    ]
    assert statuses[:20] == [200] * 20  # the form again, "e-mail address or password wrong"
    assert statuses[20:] == [429] * 12
    refused = attempt(client, emails[8], PASSWORD, REMOTE_ADDR="10.0.0.66")
    assert refused.status_code == 429 and ADDRESS_LOCKED in refused.content.decode()
    # Counted in the database, so every server process sees the same count.
    assert RateLimitHit.objects.filter(key="login-failure:10.0.0.66").count() == 20
    # Someone at another address is not hindered.
    assert attempt(client, emails[8], PASSWORD, REMOTE_ADDR="10.0.0.7").status_code == 302


def test_a_forwarded_value_that_is_no_address_falls_back_to_the_proxy(client, settings):
    """'unknown' (what some proxies write) is not stored as an address, nor is it a 500."""
    settings.TRUSTED_PROXIES = 1
    UserFactory(email="ans@test.example")
    response = attempt(
        client,
        "ans@test.example",
        "fout",
        REMOTE_ADDR="172.16.0.1",
        HTTP_X_FORWARDED_FOR="unknown",
    )
    assert response.status_code == 200
    assert RateLimitHit.objects.get().key == "login-failure:172.16.0.1"
