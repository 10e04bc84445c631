"""Selection criteria are catalogue data: seeded for version 1, copied into a new draft,
shown on the version's page and reworded there while it is a draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.catalogue import programme_v1
from binnenuit.catalogue.models import ProgrammeTemplate, SelectionCriterion, Stage
from binnenuit.catalogue.services import catalogue_seed, template_draft_create
from tests.pages import field_error

pytestmark = pytest.mark.django_db

ROUND_1 = [
    "Ervaring in de praktijk",
    "Houding en vaardigheden",
    "Kennis delen",
    "Tijd, ook voor coaching",
]
ROUND_2 = ["Wil zelf meedoen", "Staat open voor nieuwe dingen", "Samen leren"]


def names(template, stage) -> list[str]:
    return list(
        SelectionCriterion.objects.filter(template=template, stage=stage)
        .order_by("position")
        .values_list("name", flat=True)
    )


def version_1() -> ProgrammeTemplate:
    return ProgrammeTemplate.objects.get(version=1)


def test_version_1_has_the_criteria_of_both_rounds():
    template = version_1()
    assert names(template, Stage.ROUND_1) == ROUND_1
    assert names(template, Stage.ROUND_2) == ROUND_2
    time = SelectionCriterion.objects.get(template=template, name="Tijd, ook voor coaching")
    assert "persoonlijke coach" in time.description


def test_seeding_again_changes_nothing_and_a_flush_gets_them_back():
    assert (
        programme_v1.seed_criteria(
            template_model=ProgrammeTemplate, criterion_model=SelectionCriterion
        )
        == 0
    )
    assert SelectionCriterion.objects.count() == len(programme_v1.CRITERIA)
    SelectionCriterion.objects.all().delete()
    catalogue_seed()
    assert names(version_1(), Stage.ROUND_1) == ROUND_1


def test_a_new_draft_copies_the_criteria(world):
    draft = template_draft_create(by=world.outside("adviser"))
    assert names(draft, Stage.ROUND_1) == ROUND_1
    assert names(draft, Stage.ROUND_2) == ROUND_2
    assert (
        not SelectionCriterion.objects.filter(template=draft)
        .filter(pk__in=version_1().criteria.values("pk"))
        .exists()
    )


def test_the_version_page_shows_them_and_a_draft_can_reword_them(world, client_as):
    client = client_as(world.users["adviser"])
    published = client.get(reverse("catalogue:template-detail", kwargs={"pk": version_1().pk}))
    content = published.content.decode()
    assert "Selectiecriteria" in content and "Samen leren" in content
    assert reverse("catalogue:criterion-update", kwargs={"pk": 1}) not in content
    draft = template_draft_create(by=world.outside("adviser"))
    criterion = draft.criteria.get(stage=Stage.ROUND_2, position=3)
    url = reverse("catalogue:criterion-update", kwargs={"pk": criterion.pk})
    assert url in client.get(draft.get_absolute_url()).content.decode()
    empty = client.post(url, {"name": "", "description": ""})
    assert empty.status_code == 200
    assert field_error(empty.content.decode(), "name") == "Dit veld is verplicht."
    response = client.post(url, {"name": "Samen leren en delen", "description": "Met collega's."})
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    criterion.refresh_from_db()
    assert criterion.name == "Samen leren en delen"
    assert names(version_1(), Stage.ROUND_2)[2] == "Samen leren"  # the published one stays


def test_a_published_versions_criteria_cannot_change(world, client_as):
    criterion = version_1().criteria.first()
    url = reverse("catalogue:criterion-update", kwargs={"pk": criterion.pk})
    response = client_as(world.users["adviser"]).post(url, {"name": "Anders", "description": "x"})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.name == "Ervaring in de praktijk"


def test_only_the_providers_advisers_edit_the_catalogue(world, client_as):
    draft = template_draft_create(by=world.outside("adviser"))
    url = reverse("catalogue:criterion-update", kwargs={"pk": draft.criteria.first().pk})
    assert client_as(world.users["project_leader"]).get(url).status_code == 403
