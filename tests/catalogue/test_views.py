from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.catalogue.models import ProgrammeTemplate, Theme

pytestmark = pytest.mark.django_db
ADVISER = "adviseur@binnenuit.example"


def test_adviser_makes_edits_and_publishes_a_new_version(demo, client_as):
    client = client_as(ADVISER)
    response = client.post(reverse("catalogue:template-draft-create"))
    draft = ProgrammeTemplate.objects.get(status="draft")
    assert response["Location"] == draft.get_absolute_url()
    theme = draft.themes.get(code="vindingrijkheid")
    client.post(
        reverse("catalogue:theme-update", kwargs={"pk": theme.pk}),
        {"code": "vindingrijkheid", "name": "Vindingrijk werken", "description": "Omwegen zoeken."},
    )
    client.post(
        reverse("catalogue:theme-create", kwargs={"pk": draft.pk}),
        {"code": "storytelling", "name": "Storytelling", "description": "Het verhaal vertellen."},
    )
    client.post(reverse("catalogue:template-publish", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.status == "published"
    assert set(draft.themes.values_list("name", flat=True)) >= {
        "Vindingrijk werken",
        "Storytelling",
    }
    assert Theme.objects.get(template__version=1, code="vindingrijkheid").name == "Vindingrijkheid"


def test_published_theme_cannot_be_edited(demo, client_as):
    theme = Theme.objects.get(template__version=1, code="vindingrijkheid")
    response = client_as(ADVISER).post(
        reverse("catalogue:theme-update", kwargs={"pk": theme.pk}),
        {"code": "vindingrijkheid", "name": "Anders", "description": "Anders."},
    )
    assert response.status_code == 200
    theme.refresh_from_db()
    assert theme.name == "Vindingrijkheid"


def test_duplicate_theme_code_is_refused(demo, client_as):
    client = client_as(ADVISER)
    client.post(reverse("catalogue:template-draft-create"))
    draft = ProgrammeTemplate.objects.get(status="draft")
    response = client.post(
        reverse("catalogue:theme-create", kwargs={"pk": draft.pk}),
        {"code": "vindingrijkheid", "name": "Dubbel", "description": "Dubbel."},
    )
    assert response.status_code == 200
    assert not draft.themes.filter(name="Dubbel").exists()
