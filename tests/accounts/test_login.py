from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binnenuit.accounts.middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_by_email_case_insensitive(client):
    UserFactory(email="ans@test.example")
    response = client.post(
        reverse("accounts:login"), {"username": "ANS@test.example", "password": "geheim-wachtwoord"}
    )
    assert response.status_code == 302


def test_wrong_password_gives_a_dutch_message_and_keeps_email(client):
    UserFactory(email="ans@test.example")
    response = client.post(
        reverse("accounts:login"), {"username": "ans@test.example", "password": "fout"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Het e-mailadres of wachtwoord klopt niet" in content
    assert 'value="ans@test.example"' in content


def test_production_hashes_passwords_with_argon2():
    assert (
        settings.PASSWORD_HASHERS
    )  # the test suite swaps in a fast hasher; check the real setting
    from binnenuit.config import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=real_settings.PASSWORD_HASHERS):
        user = UserFactory()
        assert identify_hasher(user.password).algorithm == "argon2"


def test_sessions_expire_after_30_idle_minutes_and_are_renewed_once_a_minute(client):
    """A request renews the idle limit, but writes the session at most once a minute."""
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(UserFactory())
    url = reverse("dashboard:organisation-list")
    client.get(url)
    key = client.session.session_key

    def expiry():
        return Session.objects.get(session_key=key).expire_date

    first = expiry()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not any("django_session" in q["sql"] and "UPDATE" in q["sql"] for q in queries)
    assert expiry() == first  # within the minute: nothing written
    session = client.session
    session[SESSION_SEEN_AT] = time.time() - settings.SESSION_RENEW_AFTER - 1
    session.save()
    saved = expiry()
    time.sleep(0.01)
    client.get(url)
    assert expiry() > saved  # a minute later: renewed for another 30 minutes


def test_session_ends_12_hours_after_login_however_active(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("dashboard:organisation-list")
    assert client.get(url).status_code == 200
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - 12 * 60 * 60 - 1
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_password_guessing_is_stopped_for_a_while(client, settings):
    UserFactory(email="ans@test.example")
    url = reverse("accounts:login")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        wrong = {"username": "ANS@test.example" if attempt % 2 else "ans@test.example"}
        client.post(url, {**wrong, "password": f"fout-{attempt}"})
    right = {"username": "ans@test.example", "password": "geheim-wachtwoord"}
    response = client.post(url, right)
    assert response.status_code == 429
    content = response.content.decode()
    assert "Te vaak geprobeerd in te loggen" in content and "Wacht 15 minuten" in content
    assert "_auth_user_id" not in client.session
    # Someone else, elsewhere, is not stopped by it.
    assert client.post(url, right, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, settings):
    UserFactory(email="ans@test.example")
    url = reverse("accounts:login")
    right = {"username": "ans@test.example", "password": "geheim-wachtwoord"}
    for _ in range(2):
        for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            client.post(url, {"username": "ans@test.example", "password": f"fout-{attempt}"})
        assert client.post(url, right).status_code == 302
        client.post(reverse("accounts:logout"))
