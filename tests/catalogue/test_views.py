"""The programme catalogue: its pages for the provider's advisers, and its services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from binnenuit.catalogue import programme_v1, services
from binnenuit.catalogue.models import ProgrammeTemplate, Stage, Step, StepKind, Theme
from binnenuit.core.exceptions import ServiceError
from tests.pages import field_error, fresh_token, messages_of, seen, token

pytestmark = pytest.mark.django_db

FORBIDDEN = "Je hebt geen toegang tot deze pagina"
EXPIRED = "Dit formulier is verlopen. Controleer wat je hebt ingevuld en verstuur het opnieuw."
SENT_TWICE = "Dit is twee keer verstuurd; het is één keer opgeslagen."
DRAFT_MADE = "Er is een nieuwe conceptversie gemaakt. Wijzig haar en publiceer haar daarna."
DRAFT_EXISTS = "Er is al een conceptversie. Publiceer of wijzig die."
ONLY_A_DRAFT = (
    "Alleen een conceptversie kan worden gewijzigd. Begin een nieuwe versie om iets te veranderen."
)
CODE_TAKEN = "Deze versie heeft al een thema met deze code."
NOT_PROVIDER_STAFF = ("project_leader", "manager", "trainer", "participant", "outsider")


def text(response) -> str:
    return response.content.decode()


def version_1() -> ProgrammeTemplate:
    return ProgrammeTemplate.objects.get(version=1)


@pytest.fixture
def adviser(world, client_as):
    """A client logged in as an adviser of the training provider."""
    return client_as(world.users["adviser"])


def make_draft(adviser) -> ProgrammeTemplate:
    """Start a new version the way the catalogue page does it."""
    page = adviser.get(reverse("catalogue:template-list"))
    response = adviser.post(
        reverse("catalogue:template-draft-create"), {"submission_token": fresh_token(text(page))}
    )
    assert response.status_code == 302
    seen(adviser, response)
    return ProgrammeTemplate.objects.get(status=ProgrammeTemplate.Status.DRAFT)


# --- Making and publishing a new version ---------------------------------------------------


def test_adviser_makes_edits_and_publishes_a_new_version(adviser):
    page = adviser.get(reverse("catalogue:template-list"))
    response = adviser.post(
        reverse("catalogue:template-draft-create"), {"submission_token": fresh_token(text(page))}
    )
    draft = ProgrammeTemplate.objects.get(status="draft")
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert messages_of(response) == [DRAFT_MADE]
    assert (draft.version, draft.steps.count(), draft.themes.count()) == (2, 12, 8)
    seen(adviser, response)

    theme = draft.themes.get(code="vindingrijkheid")
    update_url = reverse("catalogue:theme-update", kwargs={"pk": theme.pk})
    updated = adviser.post(
        update_url,
        {
            "code": "vindingrijkheid",
            "name": "Vindingrijk werken",
            "description": "Omwegen zoeken.",
            "competences": [draft.competences.get(code="VIN").pk],
            "submission_token": fresh_token(text(adviser.get(update_url))),
        },
    )
    assert updated.status_code == 302 and updated["Location"] == draft.get_absolute_url()
    create_url = reverse("catalogue:theme-create", kwargs={"pk": draft.pk})
    created = adviser.post(
        create_url,
        {
            "code": "storytelling",
            "name": "Storytelling",
            "description": "Het verhaal vertellen.",
            "competences": [draft.competences.get(code="VER").pk],
            "submission_token": fresh_token(text(adviser.get(create_url))),
        },
    )
    assert created.status_code == 302 and created["Location"] == draft.get_absolute_url()
    publish_url = reverse("catalogue:template-publish", kwargs={"pk": draft.pk})
    published = adviser.post(
        publish_url, {"submission_token": fresh_token(text(adviser.get(publish_url)))}
    )
    assert published.status_code == 302 and published["Location"] == draft.get_absolute_url()
    assert messages_of(published) == [
        "Versie 2 is gepubliceerd. Nieuwe trajecten beginnen met deze versie."
    ]
    draft.refresh_from_db()
    assert draft.status == "published"
    assert set(draft.themes.values_list("name", flat=True)) >= {
        "Vindingrijk werken",
        "Storytelling",
    }
    assert version_1().status == "retired"
    assert Theme.objects.get(template__version=1, code="vindingrijkheid").name == "Vindingrijkheid"


def test_a_new_version_posted_twice_with_one_token_is_made_once(adviser):
    data = {"submission_token": token()}
    first = adviser.post(reverse("catalogue:template-draft-create"), data)
    draft = ProgrammeTemplate.objects.get(status="draft")
    assert first.status_code == 302 and first["Location"] == draft.get_absolute_url()
    seen(adviser, first)

    second = adviser.post(reverse("catalogue:template-draft-create"), data, follow=True)
    assert second.redirect_chain == [(draft.get_absolute_url(), 302)]
    assert second.status_code == 200
    assert SENT_TWICE in text(second)
    assert DRAFT_EXISTS not in text(second)
    assert ProgrammeTemplate.objects.count() == 2
    assert ProgrammeTemplate.objects.filter(status="draft").get() == draft


def test_a_second_new_version_is_refused_while_there_is_a_draft(adviser):
    draft = make_draft(adviser)
    response = adviser.post(
        reverse("catalogue:template-draft-create"), {"submission_token": token()}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:template-list")
    assert messages_of(response) == [DRAFT_EXISTS]
    assert list(ProgrammeTemplate.objects.filter(status="draft")) == [draft]
    assert ProgrammeTemplate.objects.count() == 2


@pytest.mark.parametrize("sent", [None, "", "geen-token"])
def test_a_new_version_without_a_fresh_token_is_refused_as_expired(adviser, sent):
    data = {} if sent is None else {"submission_token": sent}
    response = adviser.post(reverse("catalogue:template-draft-create"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:template-list")
    assert messages_of(response) == [EXPIRED]
    assert not ProgrammeTemplate.objects.filter(status="draft").exists()


def test_publishing_without_a_fresh_token_is_refused_as_expired(adviser):
    draft = make_draft(adviser)
    response = adviser.post(reverse("catalogue:template-publish", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert messages_of(response) == [EXPIRED]
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert version_1().status == "published"


def test_publishing_a_version_without_themes_is_refused(adviser):
    draft = make_draft(adviser)
    draft.themes.all().delete()
    response = adviser.post(
        reverse("catalogue:template-publish", kwargs={"pk": draft.pk}),
        {"submission_token": token()},
    )
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert messages_of(response) == [
        "Een versie heeft minstens één thema nodig voordat je haar kunt publiceren."
    ]
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert version_1().status == "published"


@pytest.mark.parametrize("sent", [None, "", "geen-token"])
def test_a_theme_without_a_fresh_token_is_refused_as_expired(adviser, sent):
    draft = make_draft(adviser)
    data = {"code": "storytelling", "name": "Storytelling", "description": "Verhalen."}
    if sent is not None:
        data["submission_token"] = sent
    create_url = reverse("catalogue:theme-create", kwargs={"pk": draft.pk})
    response = adviser.post(create_url, data)
    assert response.status_code == 200
    assert EXPIRED in text(response)
    assert 'value="Storytelling"' in text(response)
    assert not draft.themes.filter(code="storytelling").exists()
    # The form is shown again with a fresh token: sending it again works.
    again = adviser.post(create_url, {**data, "submission_token": fresh_token(text(response))})
    assert again.status_code == 302
    assert draft.themes.filter(code="storytelling").count() == 1


def test_a_theme_posted_twice_with_one_token_is_added_once(adviser):
    draft = make_draft(adviser)
    data = {
        "code": "storytelling",
        "name": "Storytelling",
        "description": "Verhalen.",
        "submission_token": token(),
    }
    create_url = reverse("catalogue:theme-create", kwargs={"pk": draft.pk})
    first = adviser.post(create_url, data)
    assert first.status_code == 302
    seen(adviser, first)
    second = adviser.post(create_url, data)
    assert second.status_code == 302 and second["Location"] == draft.get_absolute_url()
    assert messages_of(second) == [SENT_TWICE]
    assert draft.themes.filter(code="storytelling").count() == 1


@pytest.mark.parametrize(
    "page", ["template-publish", "theme-create", "theme-update", "step-update"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_published_version_is_read_only_and_says_so(adviser, page, method):
    template = version_1()
    pk = {
        "template-publish": template.pk,
        "theme-create": template.pk,
        "theme-update": template.themes.get(code="vindingrijkheid").pk,
        "step-update": template.steps.first().pk,
    }[page]
    data = {
        "code": "vindingrijkheid",
        "name": "Anders",
        "description": "Anders.",
        "title": "X",
        "submission_token": token(),
    }
    response = getattr(adviser, method)(reverse(f"catalogue:{page}", kwargs={"pk": pk}), data)
    assert response.status_code == 302
    assert response["Location"] == template.get_absolute_url()
    assert messages_of(response) == [
        "Versie 1 kan niet meer worden gewijzigd. Begin op de cataloguspagina een nieuwe versie "
        "om iets te veranderen."
    ]
    assert "Versie 1 kan niet meer worden gewijzigd." in seen(adviser, response)
    template.refresh_from_db()
    assert template.status == "published"
    assert template.themes.get(code="vindingrijkheid").name == "Vindingrijkheid"
    assert not template.themes.filter(name="Anders").exists()
    assert not template.steps.filter(title="X").exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("vindingrijkheid", CODE_TAKEN),
        (
            "Met spaties!",
            "Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld "
            "omgaan-met-dilemmas.",
        ),
    ],
)
def test_a_bad_theme_code_is_refused_beside_the_field(adviser, code, message):
    draft = make_draft(adviser)
    response = adviser.post(
        reverse("catalogue:theme-create", kwargs={"pk": draft.pk}),
        {"code": code, "name": "Dubbel", "description": "Dubbel.", "submission_token": token()},
    )
    assert response.status_code == 200
    assert field_error(text(response), "code") == message
    assert 'value="Dubbel"' in text(response)
    assert not draft.themes.filter(name="Dubbel").exists()


def test_a_step_of_the_draft_is_changed(adviser):
    draft = make_draft(adviser)
    step = draft.steps.get(stage=Stage.ROUND_1, position=1)
    response = adviser.post(
        reverse("catalogue:step-update", kwargs={"pk": step.pk}),
        {"title": "Je eigen kracht", "description": "Anders gezegd."},
    )
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    step.refresh_from_db()
    assert (step.title, step.description) == ("Je eigen kracht", "Anders gezegd.")
    assert version_1().steps.get(stage=Stage.ROUND_1, position=1).title == "Je X-factor in beeld"


# --- Who may keep the catalogue ------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_PROVIDER_STAFF)
def test_the_catalogue_pages_refuse_who_is_not_the_providers_staff(world, client_as, role):
    client = client_as(world.users[role])
    template = version_1()
    for response in (
        client.get(reverse("catalogue:template-list")),
        client.get(template.get_absolute_url()),
        client.post(reverse("catalogue:template-draft-create"), {"submission_token": token()}),
    ):
        assert response.status_code == 403
        assert FORBIDDEN in text(response)
    assert not ProgrammeTemplate.objects.filter(status="draft").exists()


def test_the_catalogue_services_refuse_who_is_not_the_providers_staff(world):
    draft = services.template_draft_create(by=world.outside("adviser"))
    theme, step = draft.themes.first(), draft.steps.first()
    calls = {
        "template_draft_create": lambda by: services.template_draft_create(by=by),
        "template_publish": lambda by: services.template_publish(by=by, template=draft),
        "step_update": lambda by: services.step_update(
            by=by, step=step, title="Anders", description="Anders."
        ),
        "theme_create": lambda by: services.theme_create(
            by=by, template=draft, code="nieuw", name="Nieuw", description="Nieuw."
        ),
        "theme_update": lambda by: services.theme_update(
            by=by, theme=theme, code=theme.code, name="Anders", description="Anders."
        ),
    }

    def snapshot():
        return (
            list(ProgrammeTemplate.objects.order_by("pk").values_list("pk", "status")),
            list(Step.objects.order_by("pk").values_list("pk", "title", "description")),
            list(Theme.objects.order_by("pk").values_list("pk", "code", "name", "description")),
        )

    before = snapshot()
    for role in NOT_PROVIDER_STAFF:
        # Outside any organisation, as the catalogue is kept, and inside their own.
        for actor in (world.outside(role), world.actor(role)):
            for name, call in calls.items():
                with pytest.raises(PermissionDenied):
                    call(actor)
                assert snapshot() == before, (role, name)


def test_a_version_published_meanwhile_can_no_longer_be_changed(world):
    adviser = world.outside("adviser")
    draft = services.template_draft_create(by=adviser)
    stale = ProgrammeTemplate.objects.get(pk=draft.pk)  # loaded by a slower request, as a draft
    services.template_publish(by=adviser, template=draft)
    theme = stale.themes.first()
    theme.template = stale
    with pytest.raises(ServiceError) as refused:
        services.theme_update(
            by=adviser, theme=theme, code=theme.code, name="Te laat", description="Te laat."
        )
    assert refused.value.messages == [ONLY_A_DRAFT]
    assert not Theme.objects.filter(name="Te laat").exists()


def test_a_theme_code_taken_is_refused_beside_the_code(world):
    adviser = world.outside("adviser")
    draft = services.template_draft_create(by=adviser)
    with pytest.raises(ServiceError) as refused:
        services.theme_create(
            by=adviser, template=draft, code="vindingrijkheid", name="Dubbel", description="Dubbel."
        )
    assert refused.value.message == ""
    assert refused.value.field_errors == {"code": [CODE_TAKEN]}
    assert draft.themes.filter(code="vindingrijkheid").count() == 1


# --- Version 1, put back after a flush -----------------------------------------------------


def catalogue_rows() -> tuple[list[object], ...]:
    return (
        list(ProgrammeTemplate.objects.values_list("version", "name", "status")),
        list(Step.objects.order_by("stage", "position").values_list("stage", "kind", "title")),
        list(Theme.objects.order_by("position").values_list("code", "name")),
    )


def test_catalogue_seed_is_idempotent_and_recreates_version_1():
    as_migrated = catalogue_rows()
    assert services.catalogue_seed() == version_1()
    assert catalogue_rows() == as_migrated

    Theme.objects.all().delete()
    Step.objects.all().delete()
    ProgrammeTemplate.objects.all().delete()
    assert catalogue_rows() == ([], [], [])

    seeded = services.catalogue_seed()
    assert (seeded.version, seeded.status) == (1, ProgrammeTemplate.Status.PUBLISHED)
    assert seeded.name == programme_v1.NAME and seeded.published_at is not None
    assert seeded.steps.count() == 12 and seeded.themes.count() == 8
    assert catalogue_rows() == as_migrated
    kinds = list(seeded.steps.order_by("stage", "position").values_list("stage", "kind"))
    assert kinds.count((Stage.ROUND_2, StepKind.THEME_SLOT)) == 4
    assert services.catalogue_seed() == seeded  # and again: nothing doubles
    assert catalogue_rows() == as_migrated
