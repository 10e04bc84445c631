from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binnenuit.demo.images import tiny_png
from binnenuit.organisations.models import Organisation, Person
from binnenuit.trajectories.models import Trajectory
from tests.factories import PersonFactory
from tests.pages import field_error

ADVISER = "adviseur@binnenuit.example"
PROJECT_LEADER = "projectleider@voorbeeld.example"

pytestmark = pytest.mark.django_db


def test_adviser_creates_organisation_and_is_assigned(demo, client_as):
    client = client_as(ADVISER)
    response = client.post(
        reverse("organisations:organisation-create"),
        {"name": "Gemeente Hellendoorn", "cbs_code": "gm0163"},
    )
    org = Organisation.objects.get(cbs_code="GM0163")
    assert response.status_code == 302
    assert response["Location"] == org.get_absolute_url()
    assert client.get(org.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("code", ["0163", "GM163", "GM01634", "XX0163", ""])
def test_invalid_cbs_code_is_refused_with_dutch_message(demo, client_as, code):
    response = client_as(ADVISER).post(
        reverse("organisations:organisation-create"), {"name": "Gemeente Nergens", "cbs_code": code}
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Gemeente Nergens").exists()
    content = response.content.decode()
    assert "GM gevolgd door vier cijfers" in content or "Dit veld is verplicht" in content
    assert 'value="Gemeente Nergens"' in content  # nothing typed is lost


def test_duplicate_cbs_code_is_refused(demo, client_as):
    response = client_as(ADVISER).post(
        reverse("organisations:organisation-create"),
        {"name": "Tweede Voorbeeld", "cbs_code": "GM9001"},
    )
    assert response.status_code == 200
    assert "bestaat al een organisatie met deze CBS-code" in response.content.decode()
    assert Organisation.objects.filter(cbs_code="GM9001").count() == 1


def test_too_light_brand_colour_is_refused(demo, client_as):
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    response = client_as(PROJECT_LEADER).post(
        url, {"name": "Gemeente Voorbeeld", "cbs_code": "GM9001", "brand_colour": "#ffee88"}
    )
    assert response.status_code == 200
    assert "te licht" in response.content.decode()
    assert Organisation.objects.get(slug="voorbeeld").brand_colour == "#1a5e8c"


def test_brand_colour_is_applied_with_csp_nonce(demo, client_as):
    response = client_as(PROJECT_LEADER).get(
        reverse("organisations:organisation-detail", kwargs={"org_slug": "voorbeeld"})
    )
    content = response.content.decode()
    csp = response["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in content
    assert "--binnenuit-brand-colour: #1a5e8c" in content
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def person_data(**overrides):
    data = {
        "full_name": "Joyce Vermeer",
        "email": "joyce.vermeer@voorbeeld.example",
        "job_title": "Wijkcoördinator",
        "function_category": "field_service",
        "department": "Openbare Ruimte",
        "team": "Wijkbeheer",
        "line_manager": "",
    }
    data.update(overrides)
    return data


def test_project_leader_adds_employee(demo, client_as):
    manager = Person.objects.get(full_name="Sandra Visser")
    response = client_as(PROJECT_LEADER).post(
        reverse("organisations:person-create", kwargs={"org_slug": "voorbeeld"}),
        person_data(line_manager=manager.pk),
    )
    assert response.status_code == 302
    person = Person.objects.get(email="joyce.vermeer@voorbeeld.example")
    assert person.organisation.slug == "voorbeeld"
    assert person.line_manager == manager


def test_person_without_name_is_refused_and_input_kept(demo, client_as):
    response = client_as(PROJECT_LEADER).post(
        reverse("organisations:person-create", kwargs={"org_slug": "voorbeeld"}),
        person_data(full_name=""),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vul de naam van de medewerker in." in content
    assert 'value="joyce.vermeer@voorbeeld.example"' in content
    assert not Person.objects.filter(email="joyce.vermeer@voorbeeld.example").exists()


def test_duplicate_email_within_organisation_is_refused(demo, client_as):
    response = client_as(PROJECT_LEADER).post(
        reverse("organisations:person-create", kwargs={"org_slug": "voorbeeld"}),
        person_data(email="Trainer@Voorbeeld.example"),
    )
    assert response.status_code == 200
    assert "heeft dit e-mailadres al" in response.content.decode()


def test_same_email_in_another_organisation_is_allowed(demo, client_as):
    response = client_as("projectleider@anderstad.example").post(
        reverse("organisations:person-create", kwargs={"org_slug": "anderstad"}),
        person_data(email="trainer@voorbeeld.example"),
    )
    assert response.status_code == 302


def test_line_manager_from_another_organisation_is_refused(demo, client_as):
    foreign = Person.objects.for_org(demo["anderstad"]).first()
    response = client_as(PROJECT_LEADER).post(
        reverse("organisations:person-create", kwargs={"org_slug": "voorbeeld"}),
        person_data(line_manager=foreign.pk),
    )
    assert response.status_code == 200
    assert "Kies een leidinggevende van deze organisatie." in response.content.decode()
    assert not Person.objects.filter(email="joyce.vermeer@voorbeeld.example").exists()


def test_person_cannot_be_own_line_manager(demo, client_as):
    person = Person.objects.get(full_name="Ben Jansen")
    url = reverse("organisations:person-update", kwargs={"org_slug": "voorbeeld", "pk": person.pk})
    response = client_as(PROJECT_LEADER).post(
        url, person_data(full_name="Ben Jansen", email="", line_manager=person.pk)
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.line_manager_id != person.pk


def test_person_list_search_and_htmx_fragment(demo, client_as):
    url = reverse("organisations:person-list", kwargs={"org_slug": "voorbeeld"})
    client = client_as(PROJECT_LEADER)
    page = client.get(url, {"zoek": "jansen"}).content.decode()
    assert "Ben Jansen" in page and "Fatima Ouali" not in page
    fragment = client.get(url, {"zoek": "ouali"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert 'id="results"' in fragment and "Fatima Ouali" in fragment


def test_person_list_is_paginated(demo, client_as):
    PersonFactory.create_batch(30, organisation=demo["voorbeeld"])
    url = reverse("organisations:person-list", kwargs={"org_slug": "voorbeeld"})
    content = client_as(PROJECT_LEADER).get(url).content.decode()
    total = Person.objects.for_org(demo["voorbeeld"]).count()
    assert f"{total} medewerkers" in content
    assert "Pagina 1 van 3" in content
    assert "?pagina=2" in content


def test_empty_states_explain_what_to_do(db, client_as):
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role="project_leader")
    client = client_as(membership.user.email)
    slug = membership.organisation.slug
    people = client.get(
        reverse("organisations:person-list", kwargs={"org_slug": slug})
    ).content.decode()
    assert "Nog geen medewerkers" in people
    overview = client.get(
        reverse("organisations:organisation-detail", kwargs={"org_slug": slug})
    ).content.decode()
    assert "Nog geen traject" in overview
    assert not Trajectory.objects.exists()


def test_organisation_list_shows_the_trajectories_an_adviser_advises(demo, client_as):
    page = client_as(ADVISER).get(reverse("organisations:organisation-list")).content.decode()
    for trajectory in Trajectory.objects.all():
        assert trajectory.get_absolute_url() in page
        assert f"({trajectory.get_phase_display()})" in page


def test_organisation_list_hides_trajectories_from_trainers(demo, client_as):
    page = client_as("trainer@voorbeeld.example").get(reverse("organisations:organisation-list"))
    content = page.content.decode()
    assert "Gemeente Voorbeeld" in content
    assert "/trajecten/" not in content
    assert "Gemeente Anderstad" not in content


def test_cbs_code_typed_with_spaces_and_lower_case_is_accepted(demo, client_as):
    response = client_as(ADVISER).post(
        reverse("organisations:organisation-create"),
        {"name": "Gemeente Hellendoorn", "cbs_code": " gm 0163 "},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Gemeente Hellendoorn").cbs_code == "GM0163"


def test_organisation_without_name_gets_a_clear_message(demo, client_as):
    response = client_as(ADVISER).post(
        reverse("organisations:organisation-create"), {"name": "", "cbs_code": "GM0163"}
    )
    content = response.content.decode()
    assert field_error(content, "name") == "Vul de naam van de organisatie in."
    assert 'value="GM0163"' in content
    assert not Organisation.objects.filter(cbs_code="GM0163").exists()


def test_contrast_is_written_the_dutch_way(demo, client_as):
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    response = client_as(PROJECT_LEADER).post(
        url, {"name": "Gemeente Voorbeeld", "cbs_code": "GM9001", "brand_colour": "#ffee88"}
    )
    assert field_error(response.content.decode(), "brand_colour") == (
        "Deze kleur is te licht voor witte tekst (contrast 1,1:1, minstens 4,5:1 is nodig). "
        "Kies een donkerdere kleur."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text, not an image", "Dit bestand is geen PNG-, JPEG- of WebP-afbeelding."),
        (b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024), "Het logo is groter dan 2 MB."),
    ],
)
def test_a_logo_must_be_a_small_image(demo, client_as, content, message):
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    logo = SimpleUploadedFile("logo.png", content, content_type="image/png")
    before = Organisation.objects.get(slug="voorbeeld").logo.name
    response = client_as(PROJECT_LEADER).post(
        url, {"name": "Gemeente Voorbeeld", "cbs_code": "GM9001", "logo": logo}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "logo").startswith(message)
    assert Organisation.objects.get(slug="voorbeeld").logo.name == before


def test_a_real_png_logo_is_accepted(demo, client_as):
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    logo = SimpleUploadedFile("nieuw.png", tiny_png(), content_type="image/png")
    response = client_as(PROJECT_LEADER).post(
        url, {"name": "Gemeente Voorbeeld", "cbs_code": "GM9001", "logo": logo}
    )
    assert response.status_code == 302
    assert "nieuw" in Organisation.objects.get(slug="voorbeeld").logo.name


def test_line_manager_loops_are_refused(demo, client_as):
    director = Person.objects.get(full_name="Marjolein de Wit")  # top of the line
    below = Person.objects.get(full_name="Ben Jansen")  # Sandra Visser → Marjolein de Wit
    url = reverse(
        "organisations:person-update", kwargs={"org_slug": "voorbeeld", "pk": director.pk}
    )
    response = client_as(PROJECT_LEADER).post(
        url,
        person_data(full_name=director.full_name, email=director.email, line_manager=below.pk),
    )
    assert field_error(response.content.decode(), "line_manager") == (
        "Ben Jansen valt (direct of via anderen) onder deze medewerker en kan dus niet de "
        "leidinggevende zijn."
    )
    director.refresh_from_db()
    assert director.line_manager is None


def test_edit_heading_keeps_the_saved_name_while_the_form_keeps_the_typed_one(demo, client_as):
    person = Person.objects.get(full_name="Ben Jansen")
    url = reverse("organisations:person-update", kwargs={"org_slug": "voorbeeld", "pk": person.pk})
    content = (
        client_as(PROJECT_LEADER)
        .post(url, person_data(full_name="Benjamin Jansen", email="not-an-email"))
        .content.decode()
    )
    assert "Ben Jansen bewerken</h1>" in content
    assert 'value="Benjamin Jansen"' in content


def test_line_manager_choice_starts_empty_in_dutch(demo, client_as):
    page = client_as(PROJECT_LEADER).get(
        reverse("organisations:person-create", kwargs={"org_slug": "voorbeeld"})
    )
    assert "— geen leidinggevende —" in page.content.decode()
    assert "Select an option" not in page.content.decode()


def test_pages_of_a_search_keep_the_search_term_intact(demo, client_as):
    PersonFactory.create_batch(30, organisation=demo["voorbeeld"], department="Zorg & Welzijn")
    url = reverse("organisations:person-list", kwargs={"org_slug": "voorbeeld"})
    content = client_as(PROJECT_LEADER).get(url, {"zoek": "Zorg & Welzijn"}).content.decode()
    assert "?pagina=2&amp;zoek=Zorg%20%26%20Welzijn" in content


def test_a_logo_can_be_cleared_and_its_file_goes(
    demo, client_as, django_capture_on_commit_callbacks
):
    org = Organisation.objects.get(slug="voorbeeld")
    storage, old = org.logo.storage, org.logo.name
    assert storage.exists(old)
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(PROJECT_LEADER).post(
            url, {"name": "Gemeente Voorbeeld", "cbs_code": "GM9001", "logo-clear": "on"}
        )
    assert response.status_code == 302
    assert not Organisation.objects.get(slug="voorbeeld").logo
    assert not storage.exists(old)


def test_a_webp_logo_needs_its_riff_header(demo, client_as):
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    fake = SimpleUploadedFile("logo.webp", b"XXXX\x00\x00\x00\x00WEBPVP8 ", "image/webp")
    response = client_as(PROJECT_LEADER).post(
        url, {"name": "Gemeente Voorbeeld", "cbs_code": "GM9001", "logo": fake}
    )
    assert field_error(response.content.decode(), "logo").startswith("Dit bestand is geen")


def test_a_refused_edit_leaves_the_header_as_saved(demo, client_as):
    url = reverse("organisations:organisation-update", kwargs={"org_slug": "voorbeeld"})
    content = (
        client_as(PROJECT_LEADER)
        .post(url, {"name": "Gemeente Anders", "cbs_code": "GM9001", "brand_colour": "#ffee88"})
        .content.decode()
    )
    assert 'value="Gemeente Anders"' in content  # the form keeps what was typed
    assert "--binnenuit-brand-colour: #1a5e8c" in content  # the header shows what is saved
    assert '<span class="bu-brand__org">· Gemeente Voorbeeld</span>' in content
