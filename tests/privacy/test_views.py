"""The privacy pages: an employee's data and its erasure for organisers, "my data" for
everyone, the processing register and the retention report for the provider's staff."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from binnenuit.core.privacy import is_anonymous_email
from binnenuit.organisations.models import Person
from tests.pages import messages_of, seen, token
from tests.privacy.conftest import EMAIL, NAME


def data_url(world, person) -> str:
    return reverse("privacy:person-data", args=[world.org.slug, person.pk])


def erase_url(world, person) -> str:
    return reverse("privacy:person-erase", args=[world.org.slug, person.pk])


@pytest.mark.django_db
def test_an_organiser_reads_an_employees_data_on_a_printable_page(world, subject, client_as):
    response = client_as(world.users["project_leader"]).get(data_url(world, subject.person))
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Gegevens van {NAME}" in content
    assert EMAIL in content and "Beleidsadviseur wijkzaken" in content
    assert "Download als JSON" in content
    assert erase_url(world, subject.person) in content
    assert "Wijzigingen in" in content  # the audit entries, per row


@pytest.mark.django_db
def test_the_json_download_is_the_same_data(world, subject, client_as):
    url = reverse("privacy:person-data-json", args=[world.org.slug, subject.person.pk])
    response = client_as(world.users["adviser"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    export = json.loads(response.content)
    person = next(r for r in export["records"] if r["model"] == "organisations.person")
    assert person["rows"][0]["fields"]["full_name"]["value"] == NAME


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "trainer", "participant"])
def test_other_roles_are_refused(world, subject, client_as, role):
    client = client_as(world.users[role])
    for url in (data_url(world, subject.person), erase_url(world, subject.person)):
        response = client.get(url)
        assert response.status_code == 403
        assert "Je hebt geen toegang tot deze pagina" in response.content.decode()


@pytest.mark.django_db
def test_another_organisations_employee_is_not_found(world, client_as):
    foreign = Person.objects.create(organisation=world.other_org, full_name="Iemand Elders")
    client = client_as(world.users["project_leader"])
    for name in ("privacy:person-data", "privacy:person-data-json", "privacy:person-erase"):
        url = reverse(name, args=[world.org.slug, foreign.pk])
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(world, subject, client):
    for url in (
        data_url(world, subject.person),
        reverse("privacy:own-data"),
        reverse("privacy:processing-register"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_erasure_asks_first_and_then_anonymises(world, subject, client_as):
    client = client_as(world.users["project_leader"])
    url = erase_url(world, subject.person)
    page = client.get(url)
    assert page.status_code == 200
    assert f"{NAME} anonimiseren?" in page.content.decode()
    assert Person.objects.get(pk=subject.person.pk).full_name == NAME  # a GET changes nothing

    response = client.post(url, {"submission_token": token()})
    assert response.status_code == 302
    assert response["Location"] == data_url(world, subject.person)
    assert "De gegevens van de medewerker zijn geanonimiseerd." in seen(client, response)
    person = Person.objects.get(pk=subject.person.pk)
    assert is_anonymous_email(person.email) and person.full_name != NAME


@pytest.mark.django_db
def test_a_second_erasure_is_refused_with_the_reason(world, subject, client_as):
    client = client_as(world.users["adviser"])
    url = erase_url(world, subject.person)
    seen(client, client.post(url, {"submission_token": token()}))
    response = client.post(url, {"submission_token": token()})
    assert response.status_code == 302
    assert messages_of(response) == ["De gegevens van deze medewerker zijn al geanonimiseerd."]


@pytest.mark.django_db
def test_the_same_confirmation_twice_erases_once(world, subject, client_as):
    client = client_as(world.users["adviser"])
    url = erase_url(world, subject.person)
    submission = token()
    first = client.post(url, {"submission_token": submission})
    seen(client, first)
    second = client.post(url, {"submission_token": submission})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert messages_of(second) == ["Dit is twee keer verstuurd; het is één keer opgeslagen."]


@pytest.mark.django_db
def test_everyone_reads_their_own_data(world, client_as):
    user = world.users["participant"]
    client = client_as(user)
    response = client.get(reverse("privacy:own-data"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mijn gegevens" in content and user.email in content
    download = client.get(reverse("privacy:own-data-json"))
    assert download.status_code == 200
    export = json.loads(download.content)
    login = next(r for r in export["records"] if r["model"] == "accounts.user")
    assert login["rows"][0]["fields"]["email"]["value"] == world.users["participant"].email
    assert world.users["participant"].password not in download.content.decode()


@pytest.mark.django_db
def test_the_processing_register_is_for_the_providers_staff(world, client_as):
    url = reverse("privacy:processing-register")
    response = client_as(world.users["adviser"]).get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Verwerkingsregister" in content
    assert "Medewerkers" in content and "Identificerend" in content
    response = client_as(world.users["project_leader"]).get(url)
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()


@pytest.mark.django_db
def test_the_retention_report_shows_keys_not_names(world, client_as):
    import datetime

    left = world.person(full_name="Vertrokken Verhoeven", left_on=datetime.date(2000, 1, 1))
    response = client_as(world.users["adviser"]).get(reverse("privacy:retention-report"))
    assert response.status_code == 200
    content = response.content.decode()
    assert str(left.pk) in content and "Vertrokken" not in content
    response = client_as(world.users["manager"]).get(reverse("privacy:retention-report"))
    assert response.status_code == 403
