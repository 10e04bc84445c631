"""The competence framework: version 1 as data, kept by advisers in draft versions only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.catalogue import framework_v1, services
from binnenuit.catalogue.models import Competence, Principle, ProgrammeTemplate, Theme
from binnenuit.core.exceptions import ServiceError
from tests.pages import field_error, fresh_token, seen

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def version_1() -> ProgrammeTemplate:
    return ProgrammeTemplate.objects.get(version=1)


def test_version_1_holds_the_framework_under_the_five_principles():
    template = version_1()
    assert list(template.principles.values_list("code", flat=True)) == [
        code for code, _name, _description in framework_v1.PRINCIPLES
    ]
    competences = list(template.competences.select_related("principle"))
    assert 10 <= len(competences) <= 16
    assert len({c.code for c in competences}) == len(competences)
    for competence in competences:
        assert competence.description and len(competence.indicator_list) >= 2, competence.code
    trains = {
        t.code: sorted(t.competences.values_list("code", flat=True)) for t in template.themes.all()
    }
    assert trains == {code: sorted(codes) for code, codes in framework_v1.THEME_COMPETENCES.items()}


def test_a_draft_copies_the_framework_and_the_links_of_its_themes(world):
    draft = services.template_draft_create(by=world.outside("adviser"))
    assert draft.principles.count() == version_1().principles.count()
    assert draft.competences.count() == version_1().competences.count()
    theme = draft.themes.get(code="juiste-houding")
    assert sorted(theme.competences.values_list("code", flat=True)) == ["HOU", "LUI", "ROL"]
    assert all(c.template_id == draft.pk for c in theme.competences.all())
    # The published version's rows stay its own.
    assert not Competence.objects.filter(template=version_1(), themes__template=draft).exists()


def test_a_published_version_cannot_be_changed(world):
    competence = version_1().competences.first()
    with pytest.raises(ServiceError):
        services.competence_update(
            by=world.outside("adviser"),
            competence=competence,
            principle=competence.principle,
            code=competence.code,
            name="Anders",
            description=competence.description,
            indicators=competence.indicators,
        )
    competence.refresh_from_db()
    assert competence.name != "Anders"


def test_a_code_twice_in_one_version_is_refused_beside_the_code(world):
    draft = services.template_draft_create(by=world.outside("adviser"))
    with pytest.raises(ServiceError) as refused:
        services.competence_create(
            by=world.outside("adviser"),
            template=draft,
            principle=draft.principles.first(),
            code="ROL",
            name="Nog een rol",
            description="Dubbel.",
            indicators="Iets.",
        )
    assert "code" in refused.value.field_errors


def test_a_principle_or_competence_of_another_version_is_refused(world):
    adviser = world.outside("adviser")
    draft = services.template_draft_create(by=adviser)
    foreign = version_1().principles.first()
    with pytest.raises(ServiceError) as refused:
        services.competence_create(
            by=adviser,
            template=draft,
            principle=foreign,
            code="NIEUW",
            name="Nieuw",
            description="Nieuw.",
            indicators="Iets.",
        )
    assert "principle" in refused.value.field_errors
    theme = draft.themes.first()
    with pytest.raises(ServiceError) as refused:
        services.theme_update(
            by=adviser,
            theme=theme,
            code=theme.code,
            name=theme.name,
            description=theme.description,
            competences=[version_1().competences.first()],
        )
    assert "competences" in refused.value.field_errors


def test_publishing_needs_10_to_16_competences_and_a_competence_for_every_theme(world):
    adviser = world.outside("adviser")
    draft = services.template_draft_create(by=adviser)
    principle = draft.principles.first()
    for i in range(16 - draft.competences.count()):
        services.competence_create(
            by=adviser,
            template=draft,
            principle=principle,
            code=f"EXTRA{'ABCDEFGH'[i]}",
            name=f"Extra {i}",
            description="Extra.",
            indicators="Iets.",
        )
    with pytest.raises(ServiceError, match="hoogstens 16|at most 16"):
        services.competence_create(
            by=adviser,
            template=draft,
            principle=principle,
            code="TEVEEL",
            name="Te veel",
            description="Te veel.",
            indicators="Iets.",
        )
    theme = draft.themes.get(code="vindingrijkheid")
    services.theme_update(
        by=adviser,
        theme=theme,
        code=theme.code,
        name=theme.name,
        description=theme.description,
        competences=[],
    )
    with pytest.raises(ServiceError, match=theme.name):
        services.template_publish(by=adviser, template=draft)
    services.theme_update(
        by=adviser,
        theme=theme,
        code=theme.code,
        name=theme.name,
        description=theme.description,
        competences=list(draft.competences.filter(code="VIN")),
    )
    Competence.objects.filter(template=draft, code__startswith="EXTRA").delete()
    Competence.objects.filter(template=draft, code__in=["ROL", "HOU", "LUI", "KRA", "EEN"]).delete()
    assert draft.competences.count() == 9
    with pytest.raises(ServiceError, match="10"):
        services.template_publish(by=adviser, template=draft)
    assert ProgrammeTemplate.objects.get(pk=draft.pk).status == "draft"


def test_adviser_adds_and_edits_a_competence_on_the_draft_page(world, client_as):
    adviser = client_as(world.users["adviser"])
    draft = services.template_draft_create(by=world.outside("adviser"))
    principle = draft.principles.get(code="moed")
    create_url = reverse("catalogue:competence-create", kwargs={"pk": draft.pk})
    empty = adviser.post(
        create_url,
        {"principle": principle.pk, "submission_token": fresh_token(text(adviser.get(create_url)))},
    )
    assert empty.status_code == 200
    assert field_error(text(empty), "code") and field_error(text(empty), "indicators")
    bad = adviser.post(
        create_url,
        {
            "principle": principle.pk,
            "code": "rol",
            "name": "Grenzen stellen",
            "description": "Zegt nee waar dat nodig is.",
            "indicators": "Legt uit waarom iets niet kan.",
            "submission_token": fresh_token(text(adviser.get(create_url))),
        },
    )
    assert "hoofdletters" in field_error(text(bad), "code")
    assert "Grenzen stellen" in text(bad), "what was typed is kept"
    done = adviser.post(
        create_url,
        {
            "principle": principle.pk,
            "code": "GRE",
            "name": "Grenzen stellen",
            "description": "Zegt nee waar dat nodig is.",
            "indicators": "Legt uit waarom iets niet kan.\nBiedt een alternatief.",
            "submission_token": fresh_token(text(adviser.get(create_url))),
        },
    )
    assert done.status_code == 302
    page = seen(adviser, done)
    created = Competence.objects.get(template=draft, code="GRE")
    assert created.indicator_list == ["Legt uit waarom iets niet kan.", "Biedt een alternatief."]
    assert "Grenzen stellen" in page and "Biedt een alternatief." in page

    theme = draft.themes.get(code="omgaan-met-dilemmas")
    update_url = reverse("catalogue:theme-update", kwargs={"pk": theme.pk})
    form = adviser.get(update_url)
    assert "Grenzen stellen" in text(form)
    assert "Rolbewustzijn" in text(form)
    saved = adviser.post(
        update_url,
        {
            "code": theme.code,
            "name": theme.name,
            "description": theme.description,
            "competences": [created.pk],
            "submission_token": fresh_token(text(form)),
        },
    )
    assert saved.status_code == 302
    assert list(theme.competences.all()) == [created]


def test_the_published_version_shows_the_framework_without_edit_links(world, client_as):
    page = client_as(world.users["adviser"]).get(
        reverse("catalogue:template-detail", kwargs={"pk": version_1().pk})
    )
    html = page.content.decode()
    assert "Competentiekader" in html
    for principle in Principle.objects.filter(template=version_1()):
        assert principle.name in html
    assert "Rolbewustzijn" in html and "De juiste houding" in html
    assert reverse("catalogue:competence-update", kwargs={"pk": 1}).rsplit("/", 3)[0] not in html


def test_the_catalogue_seed_gives_a_flushed_database_the_framework():
    ProgrammeTemplate.objects.all().delete()
    assert Theme.objects.count() == 0
    template = services.catalogue_seed()
    assert template.competences.count() == len(framework_v1.COMPETENCES)
    assert template.themes.get(code="vindingrijkheid").competences.count() == 2
