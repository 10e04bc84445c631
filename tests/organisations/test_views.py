"""The organisation and employee pages, on the small ``world`` (see ``tests/conftest.py``).

The organisation list and the organisation overview are the dashboard's: ``tests/dashboard``.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binnenuit.demo.images import tiny_png
from binnenuit.organisations.models import Organisation, Person
from tests.factories import MembershipFactory, PersonFactory
from tests.pages import field_error, token

pytestmark = pytest.mark.django_db

BRAND = "#1a5e8c"
# The Dutch of core.submissions and core.forms (msgids "This form has expired. ..." and
# "This was sent twice; it has been saved once.").
EXPIRED = "Dit formulier is verlopen. Controleer wat je hebt ingevuld en verstuur het opnieuw."
SENT_TWICE = "Dit is twee keer verstuurd; het is één keer opgeslagen."
BAD_CBS_CODE = "Vul een CBS-gemeentecode in: GM gevolgd door vier cijfers, bijvoorbeeld GM0163."


@pytest.fixture
def org(world):
    """The world's organisation with a brand colour and a logo."""
    world.org.brand_colour = BRAND
    world.org.logo.save("logo.png", ContentFile(tiny_png()), save=False)
    world.org.save()
    return world.org


def org_url(name: str, org: Organisation, **kwargs: object) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": org.slug, **kwargs})


def org_data(org: Organisation, **overrides: object) -> dict[str, object]:
    """The organisation form as it is filled in now, with a fresh token."""
    data: dict[str, object] = {
        "name": org.name,
        "cbs_code": org.cbs_code,
        "brand_colour": org.brand_colour,
        "submission_token": token(),
    }
    data.update(overrides)
    return data


# --- Adding and editing an organisation ---------------------------------------------------


def test_adviser_creates_organisation_and_is_assigned(world, client_as):
    client = client_as(world.users["adviser"])
    response = client.post(
        reverse("organisations:organisation-create"),
        {"name": "Gemeente Hellendoorn", "cbs_code": "gm0163", "submission_token": token()},
    )
    org = Organisation.objects.get(cbs_code="GM0163")
    assert response.status_code == 302
    assert response["Location"] == org.get_absolute_url()
    assert client.get(org.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("0163", BAD_CBS_CODE),
        ("GM163", BAD_CBS_CODE),
        ("GM01634", BAD_CBS_CODE),
        ("XX0163", BAD_CBS_CODE),
        ("", "Vul de CBS-code in, bijvoorbeeld GM0163."),
    ],
)
def test_invalid_cbs_code_is_refused_with_dutch_message(world, client_as, code, message):
    response = client_as(world.users["adviser"]).post(
        reverse("organisations:organisation-create"),
        {"name": "Gemeente Nergens", "cbs_code": code, "submission_token": token()},
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Gemeente Nergens").exists()
    content = response.content.decode()
    assert "GM gevolgd door vier cijfers" in content or "Dit veld is verplicht" in content
    assert field_error(content, "cbs_code") == message
    assert 'value="Gemeente Nergens"' in content  # nothing typed is lost


def test_duplicate_cbs_code_is_refused(world, client_as):
    response = client_as(world.users["adviser"]).post(
        reverse("organisations:organisation-create"),
        {"name": "Tweede Testdorp", "cbs_code": world.org.cbs_code, "submission_token": token()},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "bestaat al een organisatie met deze CBS-code" in content
    assert field_error(content, "cbs_code") == "Er bestaat al een organisatie met deze CBS-code."
    assert Organisation.objects.filter(cbs_code=world.org.cbs_code).count() == 1


def test_cbs_code_typed_with_spaces_and_lower_case_is_accepted(world, client_as):
    response = client_as(world.users["adviser"]).post(
        reverse("organisations:organisation-create"),
        {"name": "Gemeente Hellendoorn", "cbs_code": " gm 0163 ", "submission_token": token()},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Gemeente Hellendoorn").cbs_code == "GM0163"


def test_organisation_without_name_gets_a_clear_message(world, client_as):
    response = client_as(world.users["adviser"]).post(
        reverse("organisations:organisation-create"),
        {"name": "", "cbs_code": "GM0163", "submission_token": token()},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert field_error(content, "name") == "Vul de naam van de organisatie in."
    assert 'value="GM0163"' in content
    assert not Organisation.objects.filter(cbs_code="GM0163").exists()


def test_too_light_brand_colour_is_refused(org, world, client_as):
    response = client_as(world.users["project_leader"]).post(
        org_url("organisation-update", org), org_data(org, brand_colour="#ffee88")
    )
    assert response.status_code == 200
    assert "te licht" in response.content.decode()
    assert Organisation.objects.get(slug=org.slug).brand_colour == BRAND


def test_contrast_is_written_the_dutch_way(org, world, client_as):
    response = client_as(world.users["project_leader"]).post(
        org_url("organisation-update", org), org_data(org, brand_colour="#ffee88")
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "brand_colour") == (
        "Deze kleur is te licht voor witte tekst (contrast 1,1:1, minstens 4,5:1 is nodig). "
        "Kies een donkerdere kleur."
    )


def test_brand_colour_is_applied_with_csp_nonce(org, world, client_as):
    response = client_as(world.users["project_leader"]).get(org.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    csp = response["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in content
    assert f"--binnenuit-brand-colour: {BRAND}" in content
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_a_refused_edit_leaves_the_header_as_saved(org, world, client_as):
    response = client_as(world.users["project_leader"]).post(
        org_url("organisation-update", org),
        org_data(org, name="Gemeente Anders", brand_colour="#ffee88"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert field_error(content, "brand_colour").startswith("Deze kleur is te licht")
    assert 'value="Gemeente Anders"' in content  # the form keeps what was typed
    assert f"--binnenuit-brand-colour: {BRAND}" in content  # the header shows what is saved
    assert '<span class="bu-brand__org">· Gemeente Testdorp</span>' in content
    assert Organisation.objects.get(slug=org.slug).name == "Gemeente Testdorp"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"just text, not an image",
            "Dit bestand is geen PNG-, JPEG- of WebP-afbeelding. Kies een afbeelding.",
        ),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024),
            "De afbeelding is groter dan 2 MB. Kies een kleinere afbeelding.",
        ),
    ],
)
def test_a_logo_must_be_a_small_image(org, world, client_as, content, message):
    logo = SimpleUploadedFile("logo.png", content, content_type="image/png")
    before = Organisation.objects.get(slug=org.slug).logo.name
    response = client_as(world.users["project_leader"]).post(
        org_url("organisation-update", org), org_data(org, logo=logo)
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "logo") == message
    assert Organisation.objects.get(slug=org.slug).logo.name == before


def test_a_webp_logo_needs_its_riff_header(org, world, client_as):
    fake = SimpleUploadedFile("logo.webp", b"XXXX\x00\x00\x00\x00WEBPVP8 ", "image/webp")
    before = Organisation.objects.get(slug=org.slug).logo.name
    response = client_as(world.users["project_leader"]).post(
        org_url("organisation-update", org), org_data(org, logo=fake)
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "logo") == (
        "Dit bestand is geen PNG-, JPEG- of WebP-afbeelding. Kies een afbeelding."
    )
    assert Organisation.objects.get(slug=org.slug).logo.name == before


def test_a_real_png_logo_is_accepted(org, world, client_as):
    logo = SimpleUploadedFile("nieuw.png", tiny_png(), content_type="image/png")
    response = client_as(world.users["project_leader"]).post(
        org_url("organisation-update", org), org_data(org, logo=logo)
    )
    assert response.status_code == 302
    assert "nieuw" in Organisation.objects.get(slug=org.slug).logo.name


def test_a_logo_can_be_cleared_and_its_file_goes(
    org, world, client_as, django_capture_on_commit_callbacks
):
    storage, old = org.logo.storage, org.logo.name
    assert storage.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(world.users["project_leader"]).post(
            org_url("organisation-update", org), org_data(org, **{"logo-clear": "on"})
        )
    assert response.status_code == 302
    assert not Organisation.objects.get(slug=org.slug).logo
    assert not storage.exists(old)


# --- Employees ----------------------------------------------------------------------------


def person_data(**overrides):
    data = {
        "full_name": "Joyce Vermeer",
        "email": "joyce.vermeer@testdorp.example",
        "job_title": "Wijkcoördinator",
        "function_category": "field_service",
        "department": "Openbare Ruimte",
        "team": "Wijkbeheer",
        "line_manager": "",
        "submission_token": token(),
    }
    data.update(overrides)
    return data


def test_project_leader_adds_employee(world, client_as):
    manager = world.person(full_name="Sandra Visser")
    response = client_as(world.users["project_leader"]).post(
        org_url("person-create", world.org), person_data(line_manager=manager.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == org_url("person-list", world.org)
    person = Person.objects.get(email="joyce.vermeer@testdorp.example")
    assert person.organisation == world.org
    assert person.line_manager == manager


def test_person_without_name_is_refused_and_input_kept(world, client_as):
    response = client_as(world.users["project_leader"]).post(
        org_url("person-create", world.org), person_data(full_name="")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vul de naam van de medewerker in." in content
    assert field_error(content, "full_name") == "Vul de naam van de medewerker in."
    assert 'value="joyce.vermeer@testdorp.example"' in content
    assert not Person.objects.filter(email="joyce.vermeer@testdorp.example").exists()


def test_duplicate_email_within_organisation_is_refused(world, client_as):
    trainer = world.people["trainer"]
    response = client_as(world.users["project_leader"]).post(
        org_url("person-create", world.org), person_data(email=trainer.email.title())
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "heeft dit e-mailadres al" in content
    assert field_error(content, "email") == (
        "Een andere medewerker van deze organisatie heeft dit e-mailadres al."
    )
    assert Person.objects.for_org(world.org).filter(email__iexact=trainer.email).count() == 1


def test_same_email_in_another_organisation_is_allowed(world, client_as):
    response = client_as(world.users["outsider"]).post(
        org_url("person-create", world.other_org),
        person_data(email=world.people["trainer"].email),
    )
    assert response.status_code == 302
    assert (
        Person.objects.for_org(world.other_org).filter(email=world.people["trainer"].email).exists()
    )


def test_line_manager_from_another_organisation_is_refused(world, client_as):
    foreign = PersonFactory(organisation=world.other_org)
    response = client_as(world.users["project_leader"]).post(
        org_url("person-create", world.org), person_data(line_manager=foreign.pk)
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kies een leidinggevende van deze organisatie." in content
    assert field_error(content, "line_manager") == "Kies een leidinggevende van deze organisatie."
    assert not Person.objects.filter(email="joyce.vermeer@testdorp.example").exists()


def test_person_cannot_be_own_line_manager(world, client_as):
    person = world.person(full_name="Ben Jansen")
    response = client_as(world.users["project_leader"]).post(
        org_url("person-update", world.org, pk=person.pk),
        person_data(full_name="Ben Jansen", email="", line_manager=person.pk),
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "line_manager") == (
        "Kies een leidinggevende van deze organisatie."
    )
    person.refresh_from_db()
    assert person.line_manager_id != person.pk


def test_line_manager_loops_are_refused(world, client_as):
    director = world.person(full_name="Marjolein de Wit")  # top of the line
    sandra = world.person(full_name="Sandra Visser", line_manager=director)
    below = world.person(full_name="Ben Jansen", line_manager=sandra)
    response = client_as(world.users["project_leader"]).post(
        org_url("person-update", world.org, pk=director.pk),
        person_data(full_name=director.full_name, email=director.email, line_manager=below.pk),
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "line_manager") == (
        "Ben Jansen valt (direct of via anderen) onder deze medewerker en kan dus niet de "
        "leidinggevende zijn."
    )
    director.refresh_from_db()
    assert director.line_manager is None


def test_edit_heading_keeps_the_saved_name_while_the_form_keeps_the_typed_one(world, client_as):
    person = world.person(full_name="Ben Jansen")
    response = client_as(world.users["project_leader"]).post(
        org_url("person-update", world.org, pk=person.pk),
        person_data(full_name="Benjamin Jansen", email="not-an-email"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert field_error(content, "email") == "Voer een geldig e-mailadres in."
    assert "Ben Jansen bewerken</h1>" in content
    assert 'value="Benjamin Jansen"' in content
    person.refresh_from_db()
    assert person.full_name == "Ben Jansen"


def test_line_manager_choice_starts_empty_in_dutch(world, client_as):
    page = client_as(world.users["project_leader"]).get(org_url("person-create", world.org))
    assert page.status_code == 200
    assert "— geen leidinggevende —" in page.content.decode()
    assert "Select an option" not in page.content.decode()


# --- The one-time token on the employee form ----------------------------------------------


def test_the_same_form_sent_twice_adds_one_employee_and_lands_in_the_same_place(world, client_as):
    client = client_as(world.users["project_leader"])
    data = person_data()
    first = client.post(org_url("person-create", world.org), data)
    second = client.post(org_url("person-create", world.org), data)
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"] == org_url("person-list", world.org)
    assert Person.objects.filter(email="joyce.vermeer@testdorp.example").count() == 1


def test_the_second_sending_is_explained_in_dutch(world, client_as):
    client = client_as(world.users["project_leader"])
    data = person_data()
    first = client.post(org_url("person-create", world.org), data)
    client.get(first["Location"])  # the first sending's own message is shown and gone
    second = client.post(org_url("person-create", world.org), data)
    assert second.status_code == 302
    page = client.get(second["Location"]).content.decode()
    assert re.search(
        r'utrecht-alert--info">\s*<p class="utrecht-paragraph">' + re.escape(SENT_TWICE), page
    )
    assert Person.objects.filter(email="joyce.vermeer@testdorp.example").count() == 1


@pytest.mark.parametrize("sent", [None, "", "not-a-token"], ids=["missing", "empty", "garbled"])
def test_a_form_without_a_valid_token_is_refused_as_expired(world, client_as, sent):
    data = person_data()
    if sent is None:
        del data["submission_token"]
    else:
        data["submission_token"] = sent
    response = client_as(world.users["project_leader"]).post(
        org_url("person-create", world.org), data
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert EXPIRED in content
    assert 'value="joyce.vermeer@testdorp.example"' in content  # nothing typed is lost
    assert not Person.objects.filter(email="joyce.vermeer@testdorp.example").exists()


# --- The employee list --------------------------------------------------------------------


def test_person_list_search_and_htmx_fragment(world, client_as):
    world.person(full_name="Ben Jansen")
    world.person(full_name="Fatima Ouali")
    url = org_url("person-list", world.org)
    client = client_as(world.users["project_leader"])
    response = client.get(url, {"zoek": "jansen"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ben Jansen" in page and "Fatima Ouali" not in page
    response = client.get(url, {"zoek": "ouali"}, headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<div id="results">')
    assert 'id="results"' in fragment and "Fatima Ouali" in fragment
    assert "Ben Jansen" not in fragment


def test_the_search_uses_the_valid_data_hx_attributes(world, client_as):
    url = org_url("person-list", world.org)
    page = client_as(world.users["project_leader"]).get(url).content.decode()
    assert f'data-hx-get="{url}"' in page
    assert 'data-hx-target="#results"' in page
    assert " hx-get=" not in page
    assert not re.search(r"\shx-[a-z-]+=", page)  # no bare htmx attribute at all


def test_person_list_is_paginated(world, client_as):
    existing = Person.objects.for_org(world.org).count()
    PersonFactory.create_batch(2 * settings.PAGE_SIZE + 1 - existing, organisation=world.org)
    url = org_url("person-list", world.org)
    response = client_as(world.users["project_leader"]).get(url)
    content = response.content.decode()
    total = Person.objects.for_org(world.org).count()
    assert response.status_code == 200
    assert f"{total} medewerkers" in content
    assert "Pagina 1 van 3" in content
    assert "?pagina=2" in content


def test_pages_of_a_search_keep_the_search_term_intact(world, client_as):
    PersonFactory.create_batch(
        settings.PAGE_SIZE + 5, organisation=world.org, department="Zorg & Welzijn"
    )
    url = org_url("person-list", world.org)
    content = (
        client_as(world.users["project_leader"]).get(url, {"zoek": "Zorg & Welzijn"}).content
    ).decode()
    assert "?pagina=2&amp;zoek=Zorg%20%26%20Welzijn" in content


def test_empty_person_list_explains_what_to_do(client_as):
    membership = MembershipFactory(role="project_leader")
    response = client_as(membership.user).get(org_url("person-list", membership.organisation))
    assert response.status_code == 200
    assert "Nog geen medewerkers" in response.content.decode()


def test_a_search_matching_more_than_the_cap_is_not_counted_whole(world, client_as):
    from binnenuit.organisations.views import SEARCH_COUNT_CAP
    from tests.factories import PersonFactory

    PersonFactory.create_batch(SEARCH_COUNT_CAP + 5, organisation=world.org, team="Wijkteam")
    url = reverse("organisations:person-list", kwargs={"org_slug": world.org.slug})
    content = client_as(world.users["project_leader"]).get(url, {"zoek": "wijkteam"}).content
    page = content.decode()
    assert (
        f"Meer dan {SEARCH_COUNT_CAP} medewerkers passen bij de zoekopdracht: de eerste "
        f"{SEARCH_COUNT_CAP} staan hier. Verfijn de zoekopdracht om iemand te vinden."
    ) in page
    assert f"Pagina 1 van {SEARCH_COUNT_CAP // 25}" in page
