"""The demo's X-factors: all twelve Voorbeeld trainers wrote theirs, the trainer login's is
shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from binnenuit.profiles.models import Profile

pytestmark = pytest.mark.django_db


def test_all_twelve_trainers_have_written_their_x_factor_and_one_shares_it(demo, client_as):
    profiles = Profile.objects.filter(organisation=demo["voorbeeld"])
    assert profiles.count() == 12
    assert all(1 <= p.strengths.count() <= 5 and p.story for p in profiles)
    shared = profiles.get(share_token__isnull=False)
    assert shared.person.user.email == "trainer@voorbeeld.example"
    page = Client().get(reverse("profiles:shared", kwargs={"token": shared.share_token}))
    assert page.status_code == 200 and "Populierenlaan" in page.content.decode()

    slug = demo["voorbeeld"].slug
    trainer = client_as("trainer@voorbeeld.example")
    assert trainer.get(reverse("profiles:edit", kwargs={"org_slug": slug})).status_code == 200
    leader = client_as("projectleider@voorbeeld.example")
    strengths = leader.get(reverse("profiles:strengths", kwargs={"org_slug": slug}))
    html = strengths.content.decode()
    assert "Luisteren en ophalen" in html and "Nog geen kracht van een trainer" in html
    gallery = client_as("deelnemer@voorbeeld.example").get(
        reverse("profiles:gallery", kwargs={"org_slug": slug})
    )
    assert gallery.content.decode().count("De X-factor van") == 12
