from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from binnenuit.demo.builder import demo_build
from binnenuit.organisations.models import Organisation

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_passwords_and_scratch_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(db) -> dict[str, Organisation]:
    """The two demo organisations, built exactly as `./dev demo` builds them."""
    demo_build()
    return {o.slug: o for o in Organisation.objects.all()}


@pytest.fixture
def client_as(db) -> Callable[[str], Client]:
    """A test client logged in as the user with this e-mail address."""

    def make(email: str) -> Client:
        from binnenuit.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(email=email))
        return client

    return make
