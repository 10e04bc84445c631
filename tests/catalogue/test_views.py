from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.catalogue import services
from binnenuit.catalogue.models import ProgrammeTemplate, Theme
from binnenuit.core.exceptions import ServiceError
from tests.pages import field_error

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


@pytest.mark.parametrize(
    "page", ["template-publish", "theme-create", "theme-update", "step-update"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_published_version_is_read_only_and_says_so(demo, client_as, page, method):
    template = ProgrammeTemplate.objects.get(version=1)
    pk = {
        "template-publish": template.pk,
        "theme-create": template.pk,
        "theme-update": template.themes.get(code="vindingrijkheid").pk,
        "step-update": template.steps.first().pk,
    }[page]
    data = {"code": "vindingrijkheid", "name": "Anders", "description": "Anders.", "title": "X"}
    client = client_as(ADVISER)
    response = getattr(client, method)(reverse(f"catalogue:{page}", kwargs={"pk": pk}), data)
    assert response["Location"] == template.get_absolute_url()
    shown = client.get(response["Location"]).content.decode()
    assert "Versie 1 kan niet meer worden gewijzigd." in shown
    assert template.themes.get(code="vindingrijkheid").name == "Vindingrijkheid"
    assert not template.themes.filter(name="Anders").exists()
    assert not template.steps.filter(title="X").exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("vindingrijkheid", "Deze versie heeft al een thema met deze code."),
        ("Met spaties!", "Gebruik alleen kleine letters, cijfers en streepjes"),
    ],
)
def test_a_bad_theme_code_is_refused_beside_the_field(demo, client_as, code, message):
    client = client_as(ADVISER)
    client.post(reverse("catalogue:template-draft-create"))
    draft = ProgrammeTemplate.objects.get(status="draft")
    response = client.post(
        reverse("catalogue:theme-create", kwargs={"pk": draft.pk}),
        {"code": code, "name": "Dubbel", "description": "Dubbel."},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "code").startswith(message)
    assert 'value="Dubbel"' in response.content.decode()
    assert not draft.themes.filter(name="Dubbel").exists()


def test_a_version_published_meanwhile_can_no_longer_be_changed(demo):
    draft = services.template_draft_create()
    stale = ProgrammeTemplate.objects.get(pk=draft.pk)  # loaded by a slower request, as a draft
    services.template_publish(template=draft)
    theme = stale.themes.first()
    theme.template = stale
    with pytest.raises(ServiceError, match="conceptversie"):
        services.theme_update(theme=theme, name="Te laat")
    assert not Theme.objects.filter(name="Te laat").exists()
