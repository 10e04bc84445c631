"""The public application form behind a call's secret link: no login, every bad input."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from binnenuit.core import ratelimit
from binnenuit.recruitment.models import Application, Call
from binnenuit.recruitment.views import APPLY_LIMIT
from tests.pages import field_error
from tests.recruitment.conftest import plan

pytestmark = pytest.mark.django_db

NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."
NOT_SENT = "Niet verstuurd: verbeter de velden die hieronder gemarkeerd zijn."


def form_url(call: Call) -> str:
    return reverse("recruitment:apply", kwargs={"token": call.token})


def thanks_url(call: Call) -> str:
    return reverse("recruitment:apply-thanks", kwargs={"token": call.token})


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Fatima el Amrani",
        "email": "fatima.elamrani@test.example",
        "job_title": "Wijkcoördinator",
        "function_category": "field_service",
        "department": "Samenleving",
        "team": "Noord",
        "line_manager": "Piet Jansen",
        "motivation": "Ik werk elke dag met bewoners aan hun plannen voor de buurt.",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def employees(world):
    """Departments the form offers: those of the organisation's employees."""
    world.person(department="Samenleving")
    world.person(department="Ruimte")
    world.person(department="")


def test_the_form_opens_without_a_login_and_shows_the_call(world, call, employees):
    first, second = plan(world.round_1, 10, 17)
    response = Client().get(form_url(call))
    content = text(response)
    assert response.status_code == 200
    assert "Aanmelden voor Ronde 1 bij Gemeente Testdorp" in content
    assert "Word trainer!" in content  # the call's own text
    assert "Ervaring in de praktijk" in content and "Tijd, ook voor coaching" in content
    # Availability per planned meeting, with its date and part of day.
    assert f'name="meeting_{first.pk}"' in content and f'name="meeting_{second.pk}"' in content
    assert f"{first.date:%-d}" in content and "ochtend" in content
    # Departments from the organisation's employees, and "another".
    options = re.findall(r'<option value="([^"]*)"', content)
    assert [o for o in options if o in ("Ruimte", "Samenleving", "__other__")] == [
        "Ruimte",
        "Samenleving",
        "__other__",
    ]
    # The privacy text is linked beside the consent; the honeypot is hidden from people.
    assert reverse("recruitment:applicant-privacy") in content
    assert 'aria-hidden="true"' in content and 'name="website"' in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert "bu-nav" not in content  # no menu for someone without a login


def test_applying_saves_once_and_thanks_on_another_page(world, call, employees):
    first, second = plan(world.round_1, 10, 17)
    client = Client()
    data = form_data(**{f"meeting_{first.pk}": "on"})
    response = client.post(form_url(call), data)
    assert response.status_code == 302
    assert response["Location"] == thanks_url(call)
    application = Application.objects.get()
    assert (application.full_name, application.department, application.team) == (
        "Fatima el Amrani",
        "Samenleving",
        "Noord",
    )
    assert application.line_manager == "Piet Jansen"
    assert application.availability == {str(first.pk): True, str(second.pk): False}
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Je aanmelding voor Ronde 1 bij Gemeente Testdorp is ontvangen." in text(page)
    # Sending it again updates the one application.
    client.post(form_url(call), form_data(motivation="Nu met meer woorden over mijn werk."))
    assert Application.objects.get().motivation == "Nu met meer woorden over mijn werk."


def test_another_department_is_typed_in(world, call, employees):
    client = Client()
    response = client.post(form_url(call), form_data(department="__other__"))
    assert response.status_code == 200
    assert field_error(text(response), "department_other") == "Vul de naam van je afdeling in."
    response = client.post(
        form_url(call), form_data(department="__other__", department_other="Publiekszaken")
    )
    assert response.status_code == 302
    assert Application.objects.get().department == "Publiekszaken"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"motivation": ""}, "motivation", "Vertel in een paar zinnen waarom je wilt meedoen."),
        (
            {"motivation": "x" * 3001},
            "motivation",
            "Je motivatie is te lang: gebruik maximaal 3000 tekens (nu 3001).",
        ),
        ({"full_name": ""}, "full_name", "Vul je naam in."),
        (
            {"email": "geen-adres"},
            "email",
            "Vul een e-mailadres in, bijvoorbeeld j.jansen@gemeente.nl.",
        ),
        ({"function_category": ""}, "function_category", "Kies het soort werk dat je doet."),
        ({"department": "Verzonnen"}, "department", None),
        (
            {"consent": None},
            "consent",
            "Geef je toestemming, anders kunnen we je aanmelding niet behandelen.",
        ),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_lost(
    world, call, employees, overrides, field, message
):
    response = Client().post(form_url(call), form_data(**overrides))
    content = text(response)
    assert response.status_code == 200
    assert NOT_SENT in content
    error = field_error(content, field)
    assert error == (message or "Kies een afdeling uit de lijst, of „andere afdeling”.")
    assert not Application.objects.exists()
    # What was typed is still there.
    for name, value in form_data(**overrides).items():
        if name not in (field, "consent", "function_category", "department"):
            assert escape(value) in content, name
    assert 'value="field_service" selected' in content or field == "function_category"


def test_an_address_outside_the_work_domains_is_refused_beside_the_field(world, call):
    world.org.email_domains = "testdorp.nl"
    world.org.save(update_fields=["email_domains"])
    response = Client().post(
        form_url(call), form_data(department="__other__", department_other="Wijken")
    )
    assert response.status_code == 200
    assert field_error(text(response), "email") == escape(
        "Gebruik je e-mailadres op het werk bij Gemeente Testdorp: een adres dat eindigt op "
        "@testdorp.nl."
    )
    assert 'value="fatima.elamrani@test.example"' in text(response)
    assert not Application.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept(world, call, employees):
    response = Client().post(form_url(call), form_data(website="https://spam.example"))
    assert response.status_code == 302 and response["Location"] == thanks_url(call)
    assert not Application.objects.exists()


def test_a_closed_call_says_so_and_takes_nothing(world, call, employees):
    Call.objects.filter(pk=call.pk).update(closed_at=timezone.now())
    for response in (Client().get(form_url(call)), Client().post(form_url(call), form_data())):
        assert response.status_code == 410
        assert "Aanmelden is gesloten" in text(response)
        assert "De oproep voor Ronde 1 bij Gemeente Testdorp is gesloten." in text(response)
    assert not Application.objects.exists()


def test_a_passed_deadline_says_so(world, call):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Call.objects.filter(pk=call.pk).update(deadline=yesterday)
    response = Client().get(form_url(call))
    assert response.status_code == 410
    assert "De sluitingsdatum voor Ronde 1 bij Gemeente Testdorp was" in text(response)


@pytest.mark.parametrize("token", ["bestaat-niet", "x" * 65, "privacy-niet"])
def test_an_unknown_link_is_a_plain_404(world, call, token):
    for name in ("recruitment:apply", "recruitment:apply-thanks"):
        response = Client().get(reverse(name, kwargs={"token": token}))
        assert response.status_code == 404
        assert NOT_FOUND in text(response)
        assert "Testdorp" not in text(response)


def test_the_call_of_an_archived_organisation_is_gone(world, call):
    world.org.archived_at = timezone.now()
    world.org.save(update_fields=["archived_at"])
    assert Client().get(form_url(call)).status_code == 404


def test_one_address_cannot_hammer_the_form(world, call, employees):
    for _ in range(APPLY_LIMIT):
        ratelimit.hit("public-form:application:127.0.0.1")
    response = Client().post(form_url(call), form_data())
    assert response.status_code == 429
    assert "Te vaak geprobeerd vanaf dit adres" in text(response)
    assert not Application.objects.exists()
    elsewhere = Client(REMOTE_ADDR="192.0.2.44").post(form_url(call), form_data())
    assert elsewhere.status_code == 302


def test_a_post_without_the_csrf_token_is_refused(world, call, employees):
    response = Client(enforce_csrf_checks=True).post(form_url(call), form_data())
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_the_privacy_text_says_what_why_how_long_and_whom_to_ask():
    response = Client().get(reverse("recruitment:applicant-privacy"))
    content = text(response)
    assert response.status_code == 200
    for heading in ("Wat we bewaren", "Waarom", "Hoe lang", "Bij wie je terechtkunt"):
        assert heading in content
    assert "183 dagen" in content
