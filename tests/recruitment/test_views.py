"""The organisers' pages: opening a call, its link and QR code, and the selection board."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from binnenuit.organisations.models import FunctionCategory
from binnenuit.recruitment.models import Application, Call, Decision
from binnenuit.trajectories.models import Enrolment
from tests.pages import field_error, fresh_token, messages_of, seen, token
from tests.recruitment.conftest import applicants, plan
from tests.recruitment.factories import CallFactory

pytestmark = pytest.mark.django_db

ORG = "testdorp"
FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."


def url(name: str, **kwargs: object) -> str:
    return reverse(f"recruitment:{name}", kwargs={"org_slug": ORG, **kwargs})


def text(response) -> str:
    return response.content.decode()


def board(call: Call, query: str = "") -> str:
    return url("selection", pk=call.pk) + query


def decide(client, application: Application, decision: str, htmx: bool = False, **extra):
    data = {f"a{application.pk}-decision": decision, **extra}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url("application-decide", pk=application.pk), data, headers=headers)


def small_round(world, maximum: int, minimum: int = 1) -> None:
    round_ = world.round_1
    round_.max_participants, round_.min_participants = maximum, minimum
    round_.save(update_fields=["max_participants", "min_participants"])


# --- Opening a call -----------------------------------------------------------------------


def test_the_project_leader_opens_a_call_from_a_helpful_draft(world, client_as):
    client = client_as(world.users["project_leader"])
    form = client.get(url("call-open", pk=world.round_1.pk))
    assert form.status_code == 200
    assert "Onze organisatie doet mee aan het train-de-trainerprogramma" in text(form)
    assert "10 tot 14 collega" in text(form)
    deadline = timezone.localdate() + datetime.timedelta(days=21)
    response = client.post(
        url("call-open", pk=world.round_1.pk),
        {
            "text": "Word trainer bij Testdorp!",
            "deadline": deadline.isoformat(),
            "submission_token": fresh_token(text(form)),
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302 and response["Location"] == call.get_absolute_url()
    assert messages_of(response) == ["De oproep is open. Deel de link op het intranet."]
    assert (call.text, call.deadline) == ("Word trainer bij Testdorp!", deadline)
    # The round has its call now: its "open" page leads there.
    again = client.get(url("call-open", pk=world.round_1.pk))
    assert again.status_code == 302 and again["Location"] == call.get_absolute_url()


def test_a_deadline_in_the_past_is_refused_beside_the_field_and_the_text_stays(world, client_as):
    client = client_as(world.users["project_leader"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        url("call-open", pk=world.round_1.pk),
        {
            "text": "Mijn eigen tekst",
            "deadline": yesterday.isoformat(),
            "submission_token": token(),
        },
    )
    assert response.status_code == 200
    assert field_error(text(response), "deadline") == (
        "Deze datum is voorbij. Kies vandaag of een latere datum."
    )
    assert "Mijn eigen tekst" in text(response)
    assert not Call.objects.exists()


def test_the_call_page_has_the_link_to_copy_and_a_qr_code(world, client_as, call):
    with override_settings(SITE_URL="https://binnenuit.example"):
        response = client_as(world.users["adviser"]).get(url("call-detail", pk=call.pk))
    content = text(response)
    link = f"https://binnenuit.example/aanmelden/{call.token}/"
    assert response.status_code == 200
    assert f'value="{link}" readonly' in content
    assert "<svg" in content and "<title>QR-code van de aanmeldlink voor Ronde 1</title>" in content
    assert "Collega's kunnen zich aanmelden tot en met" in content
    assert "Ervaring in de praktijk" in content


def test_closing_a_call_asks_first_and_reopening_needs_a_new_date(world, client_as, call):
    client = client_as(world.users["project_leader"])
    confirm = client.get(url("call-close", pk=call.pk))
    assert confirm.status_code == 200
    assert "De oproep voor Ronde 1 nu sluiten?" in text(confirm)
    response = client.post(url("call-close", pk=call.pk), {"submission_token": token()})
    assert response.status_code == 302
    assert "De oproep is gesloten" in seen(client, response)
    call.refresh_from_db()
    assert call.state == Call.State.CLOSED
    reopen = client.get(url("call-update", pk=call.pk))
    assert "De oproep voor Ronde 1 heropenen" in text(reopen)
    later = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        url("call-update", pk=call.pk), {"text": call.text, "deadline": later.isoformat()}
    )
    assert response.status_code == 302
    assert messages_of(response) == ["De oproep is weer open."]
    call.refresh_from_db()
    assert call.is_open and call.deadline == later


@pytest.mark.parametrize("name", ["call-detail", "call-update", "call-close", "selection"])
def test_managers_and_others_may_not_run_a_call(world, client_as, call, name):
    for role in ("manager", "trainer", "participant"):
        response = client_as(world.users[role]).get(url(name, pk=call.pk))
        assert response.status_code == 403
        assert FORBIDDEN in text(response)
    response = client_as(world.users["outsider"]).get(url(name, pk=call.pk))
    assert response.status_code == 404
    assert NOT_FOUND in text(response)


def test_another_organisations_call_is_not_found(world, client_as):
    foreign = CallFactory(round=world.other_trajectory.rounds.order_by("stage").first())
    client = client_as(world.users["project_leader"])
    for name in ("call-detail", "selection", "call-close"):
        response = client.get(url(name, pk=foreign.pk))
        assert response.status_code == 404
        assert NOT_FOUND in text(response)


def test_anonymous_visitors_are_sent_to_log_in(world, client, call):
    response = client.get(url("selection", pk=call.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- The selection board ------------------------------------------------------------------


def test_the_board_shows_each_application_with_motivation_availability_and_checklist(
    world, client_as, call
):
    first, second = plan(world.round_1, 30, 37)
    application = applicants(
        call,
        1,
        full_name="Sanne Loket",
        motivation="Aan het loket zie ik elke dag wat inwoners zelf willen.",
        availability={str(first.pk): True, str(second.pk): False},
        team="Balie",
        line_manager="Piet",
    )[0]
    response = client_as(world.users["project_leader"]).get(board(call))
    content = text(response)
    assert response.status_code == 200
    assert "Sanne Loket" in content
    assert escape("Aan het loket zie ik elke dag wat inwoners zelf willen.") in content
    assert "Kan bij 1 van de 2 geplande bijeenkomsten zijn:" in content
    assert content.count(f'name="a{application.pk}-criteria"') == 4
    assert f'name="a{application.pk}-decision" value="selected"' in content
    assert "nog geen besluit" in content


def test_selecting_without_javascript_redirects_back_with_the_outcome(world, client_as, call):
    client = client_as(world.users["project_leader"])
    application = applicants(call, 1, full_name="Bram Buitendienst")[0]
    criteria = list(call.criteria.values_list("pk", flat=True))
    response = decide(
        client,
        application,
        "selected",
        **{f"a{application.pk}-criteria": [str(criteria[0]), str(criteria[3])]},
        pagina="1",
    )
    assert response.status_code == 302
    assert response["Location"] == board(call, f"?pagina=1#application-{application.pk}")
    assert messages_of(response) == [
        "Bram Buitendienst is geselecteerd en heeft een plaats in de ronde."
    ]
    application.refresh_from_db()
    assert application.decision == Decision.SELECTED
    assert application.criteria_met == [criteria[0], criteria[3]]
    assert application.enrolment.status == Enrolment.Status.ENROLLED


def test_selecting_past_the_maximum_wait_lists_and_the_board_says_so(world, client_as, call):
    small_round(world, maximum=2)  # the world's trainer has one place
    client = client_as(world.users["project_leader"])
    first, second = applicants(call, 2)
    decide(client, first, "selected")
    response = decide(client, second, "selected")
    assert messages_of(response)[-1:] == [
        f"De ronde is vol: {second.full_name} staat op de wachtlijst (plaats 1)."
    ]
    page = seen(client, response)
    assert "wachtlijst, plaats 1" in page
    assert "1 op de wachtlijst" in page


def test_with_htmx_the_card_and_the_composition_are_swapped(world, client_as, call):
    client = client_as(world.users["project_leader"])
    application = applicants(call, 1, function_category=FunctionCategory.FRONT_OFFICE)[0]
    response = decide(client, application, "selected", htmx=True)
    content = text(response)
    assert response.status_code == 200
    assert "<html" not in content
    assert content.lstrip().startswith(
        f'<li class="bu-card bu-application" id="application-{application.pk}"'
    )
    assert re.search(r'<section id="composition"[^>]* data-hx-swap-oob="outerHTML"', content)
    assert 'id="decision-filter"' in content and 'data-hx-swap-oob="outerHTML"' in content
    assert 'id="messages"' in content
    assert "is geselecteerd en heeft een plaats in de ronde." in content
    assert "2 geselecteerd" in content  # the world's trainer and this applicant


def test_a_refused_decision_shows_beside_the_field_with_and_without_htmx(world, client_as, call):
    client = client_as(world.users["project_leader"])
    application = applicants(call, 1)[0]
    refusal = escape(
        f"De ronde heeft nog 13 vrije plaatsen: selecteer {application.full_name} om een plaats "
        "te geven. De wachtlijst is alleen voor als de ronde vol is."
    )
    reason = "Eerst de anderen bekijken"
    for htmx in (False, True):
        response = decide(
            client, application, "waitlisted", htmx=htmx, **{f"a{application.pk}-reason": reason}
        )
        content = text(response)
        assert response.status_code == 200
        assert field_error(content, f"a{application.pk}-decision") == refusal
        assert reason in content  # what was typed is still there
        assert re.search(r'value="waitlisted"[^>]*checked', content)  # the choice stays
        assert ("<html" in content) is not htmx
    application.refresh_from_db()
    assert application.decision == Decision.PENDING and application.decision_reason == ""


def test_an_unknown_decision_is_refused(world, client_as, call):
    application = applicants(call, 1)[0]
    response = decide(client_as(world.users["adviser"]), application, "misschien")
    assert response.status_code == 200
    assert field_error(text(response), f"a{application.pk}-decision") == (
        "Kies een van de besluiten."
    )


def test_the_composition_warns_about_missing_kinds_of_work_and_a_dominant_department(
    world, client_as, call
):
    client = client_as(world.users["project_leader"])
    # The world's trainer (policy, Samenleving) is in round 1 already.
    for category in (FunctionCategory.FRONT_OFFICE, FunctionCategory.POLICY):
        application = applicants(call, 1, function_category=category, department="Samenleving")[0]
        decide(client, application, "selected")
    content = text(client.get(board(call)))
    assert "Er is nog niemand uit Buitendienst geselecteerd." in content
    assert "Er is nog niemand uit Projectleider geselecteerd." in content
    assert "Er is nog niemand uit Beleid geselecteerd." not in content
    assert (
        "Meer dan de helft van de geselecteerde groep (3 van 3) werkt bij Samenleving." in content
    )


def test_the_composition_warns_when_the_minimum_is_not_reached_a_week_before(
    world, client_as, call
):
    client = client_as(world.users["project_leader"])
    plan(world.round_1, 8)
    assert "De eerste bijeenkomst is op" not in text(client.get(board(call)))
    plan(world.round_1, 7)
    content = text(client.get(board(call)))
    assert "De eerste bijeenkomst is op" in content
    assert "pas 1 van de minstens 10 deelnemers zijn geselecteerd." in content


def test_the_board_pages_and_filters(world, client_as, call, settings):
    settings.PAGE_SIZE = 5
    client = client_as(world.users["project_leader"])
    applications = applicants(call, 7)
    decide(client, applications[0], "declined")
    first = text(client.get(board(call)))
    assert first.count('class="bu-card bu-application"') == 5
    assert "?pagina=2" in first
    second = text(client.get(board(call, "?pagina=2")))
    assert second.count('class="bu-card bu-application"') == 2
    declined = text(client.get(board(call, "?besluit=declined")))
    assert declined.count('class="bu-card bu-application"') == 1
    assert "Afgewezen (1)" in declined and "Alle aanmeldingen (7)" in declined


def test_the_trajectory_page_shows_how_recruitment_stands(world, client_as, call):
    applicants(call, 3)
    trajectory = reverse(
        "trajectories:trajectory-detail", kwargs={"org_slug": ORG, "pk": world.trajectory.pk}
    )
    leader = text(client_as(world.users["project_leader"]).get(trajectory))
    assert "Werving en selectie" in leader
    assert "oproep open" in leader and "3 aanmeldingen" in leader
    assert "1 geselecteerd (minimaal 10, maximaal 14)" in leader
    assert url("selection", pk=call.pk) in leader
    assert url("call-open", pk=world.round_2.pk) in leader  # round 2 has no call yet
    assert "Nog geen oproep." in leader
    manager = text(client_as(world.users["manager"]).get(trajectory))
    assert "oproep open" in manager and "3 aanmeldingen" in manager
    assert url("selection", pk=call.pk) not in manager  # the applications are not theirs


def test_english_pages_read_in_english(world, client_as, call):
    client = client_as(world.users["project_leader"])
    client.post(reverse("set-language"), {"language": "en"})
    applicants(call, 1)
    content = text(client.get(board(call)))
    assert '<html lang="en"' in content and "The selected group" in content
    assert re.search(r"Selection for Round 1", content)
