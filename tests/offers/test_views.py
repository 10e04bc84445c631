"""The offers pages as each role sees them, bad input beside its field, double posts harmless."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from binnenuit.catalogue.models import Stage
from binnenuit.offers import services
from binnenuit.offers.models import Invoice, InvoiceState, PriceList, Quote, QuoteState
from binnenuit.trajectories.models import Phase, Trajectory
from tests.offers.factories import (
    accepted_quote,
    draft_quote,
    in_days,
    offer_trajectory,
    round_invoice,
    sent_quote,
)
from tests.pages import field_error, fresh_token, messages_of, seen, token

pytestmark = pytest.mark.django_db

ORG = "testdorp"
FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."
SENT_TWICE = "Dit is twee keer verstuurd; het is één keer opgeslagen."
NOT_SAVED = "Niet opgeslagen: verbeter de velden die hieronder zijn gemarkeerd."


def url(name: str, **kwargs: object) -> str:
    return reverse(f"offers:{name}", kwargs={"org_slug": ORG, **kwargs})


def text(response) -> str:
    return response.content.decode()


def quote_form(**overrides: str) -> dict[str, str]:
    data = {
        "trajectory": "",
        "participants_round_1": "14",
        "participants_round_2": "12",
        "include_scan": "on",
        "discount_amount": "",
        "discount_reason": "",
        "valid_until": in_days(30).isoformat(),
        "submission_token": token(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Price lists ----------------------------------------------------------------------------


def price_list_form(**overrides: str) -> dict[str, str]:
    data = {
        "valid_from": "2040-01-01",
        "valid_until": "",
        "terms": "Voorwaarden 2040",
        "training_description": "Training, per deelnemer",
        "training_amount": "1450,00",
        "training_vat": "exempt",
        "scan_description": "Organisatiescan",
        "scan_amount": "5.100",
        "scan_vat": "21",
        "tasting_description": "Proeverij",
        "tasting_amount": "1600",
        "tasting_vat": "exempt",
        "submission_token": token(),
    }
    data.update(overrides)
    return data


def test_the_price_lists_show_the_first_list_in_euros(world, client_as):
    response = client_as(world.users["adviser"]).get(reverse("offers:pricelist-list"))
    assert response.status_code == 200
    assert "vanaf 1 januari 2013" in text(response)
    assert "€ 1.300,00" in text(response) and "€ 4.900,00" in text(response)


def test_an_adviser_adds_a_price_list_typed_the_dutch_way(world, client_as):
    first = PriceList.objects.get()
    services.price_list_end(
        by=world.outside("adviser"), price_list=first, valid_until=datetime.date(2039, 12, 31)
    )
    client = client_as(world.users["adviser"])
    form = client.get(reverse("offers:pricelist-create"))
    response = client.post(
        reverse("offers:pricelist-create"),
        price_list_form(submission_token=fresh_token(text(form))),
    )
    assert response.status_code == 302
    assert messages_of(response) == ["De prijslijst is opgeslagen."]
    later = PriceList.objects.get(valid_from=datetime.date(2040, 1, 1))
    assert {p.kind: p.amount for p in later.prices.all()} == {
        "training": Decimal("1450.00"),
        "scan": Decimal("5100.00"),
        "tasting": Decimal("1600.00"),
    }


def test_an_overlapping_price_list_is_refused_beside_the_start_date(world, client_as):
    response = client_as(world.users["adviser"]).post(
        reverse("offers:pricelist-create"), price_list_form()
    )
    assert response.status_code == 200
    assert field_error(text(response), "valid_from") == escape(
        "Deze data overlappen met de prijslijst die geldt vanaf 1 januari 2013, zonder "
        "einddatum. Geef die lijst eerst een einddatum, of kies andere data."
    )
    assert 'value="Voorwaarden 2040"' not in text(response)  # a textarea keeps it inside
    assert "Voorwaarden 2040</textarea>" in text(response)  # nothing typed is lost
    assert PriceList.objects.count() == 1


def test_bad_prices_are_refused_beside_their_fields(world, client_as):
    response = client_as(world.users["adviser"]).post(
        reverse("offers:pricelist-create"),
        price_list_form(training_amount="duur", tasting_amount="1,5,5", scan_amount="1.3000"),
    )
    content = text(response)
    assert response.status_code == 200
    for field in ("training_amount", "tasting_amount", "scan_amount"):
        assert field_error(content, field) == escape(
            "Vul een bedrag in euro's in, bijvoorbeeld 1300 of 1300,50."
        )
    assert 'value="1,5,5"' in content  # nothing typed is lost
    assert PriceList.objects.count() == 1


def test_negative_prices_are_refused_by_the_service_beside_the_field(world, client_as):
    services.price_list_end(
        by=world.outside("adviser"),
        price_list=PriceList.objects.get(),
        valid_until=datetime.date(2039, 12, 31),
    )
    response = client_as(world.users["adviser"]).post(
        reverse("offers:pricelist-create"), price_list_form(scan_amount="-5")
    )
    assert field_error(text(response), "scan_amount") == escape(
        "Vul een bedrag in euro's en centen in tussen € 0,00 en € 99.999.999,99."
    )
    assert PriceList.objects.count() == 1


def test_a_price_list_in_use_offers_only_its_end_date(world, client_as):
    sent_quote(world)
    first = PriceList.objects.get()
    client = client_as(world.users["adviser"])
    page = client.get(reverse("offers:pricelist-update", args=[first.pk]))
    assert "alleen de einddatum" not in text(page)  # the list page says that
    assert 'name="training_amount"' not in text(page) and 'name="valid_until"' in text(page)
    response = client.post(
        reverse("offers:pricelist-update", args=[first.pk]),
        {"valid_until": "2000-01-01", "submission_token": token()},
    )
    assert response.status_code == 200
    assert field_error(text(response), "valid_until").startswith("Op ")
    response = client.post(
        reverse("offers:pricelist-update", args=[first.pk]),
        {"valid_until": "2039-12-31", "submission_token": token()},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.valid_until == datetime.date(2039, 12, 31)


# --- Quotes ---------------------------------------------------------------------------------


def test_an_adviser_builds_a_quote_and_sees_its_totals(world, client_as):
    client = client_as(world.users["adviser"])
    form = client.get(url("quote-create"))
    assert form.status_code == 200
    response = client.post(
        url("quote-create"), quote_form(submission_token=fresh_token(text(form)))
    )
    quote = Quote.objects.get()
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    page = seen(client, response)
    assert "De conceptofferte is opgeslagen. Controleer haar en verstuur haar dan." in page
    for shown in (
        "€ 38.700,00",  # 26 × 1.300 + 4.900 excluding VAT
        "Btw: vrijgesteld, over € 33.800,00",
        "Btw 21 % over € 4.900,00",
        "€ 1.029,00",
        "€ 39.729,00",
        "Training Overheidsparticipatie, per deelnemer, ronde 1",
    ):
        assert shown in page, shown


def test_the_quote_form_can_start_from_a_trajectory(world, client_as):
    trajectory = offer_trajectory(world)
    page = client_as(world.users["adviser"]).get(url("quote-create") + f"?traject={trajectory.pk}")
    assert f'<option value="{trajectory.pk}" selected>' in text(page)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"participants_round_1": "9"},
            "participants_round_1",
            "Kies tussen 10 en 14 deelnemers voor ronde 1.",
        ),
        (
            {"participants_round_2": "99999999"},
            "participants_round_2",
            "Kies tussen 10 en 14 deelnemers voor ronde 2.",
        ),
        (
            {"participants_round_1": "veel"},
            "participants_round_1",
            "Vul een heel getal in, bijvoorbeeld 12.",
        ),
        ({"discount_amount": "250"}, "discount_reason", "Geef de reden van de korting."),
        (
            {"discount_amount": "99999", "discount_reason": "Veel"},
            "discount_amount",
            "Vul een korting in euro&#x27;s en centen in tussen € 0,00 en € 33.800,00, de prijs "
            "van de training.",
        ),
        (
            {"valid_until": "2001-01-01"},
            "valid_until",
            "Kies een datum vanaf vandaag: een offerte kan niet in het verleden geldig zijn.",
        ),
    ],
)
def test_bad_quote_input_is_refused_beside_its_field(world, client_as, overrides, field, message):
    response = client_as(world.users["adviser"]).post(url("quote-create"), quote_form(**overrides))
    assert response.status_code == 200
    assert field_error(text(response), field) == message
    assert NOT_SAVED in text(response)
    assert not Quote.objects.exists()


def test_a_double_post_makes_one_quote(world, client_as):
    client = client_as(world.users["adviser"])
    data = quote_form()
    first = client.post(url("quote-create"), data)
    again = client.post(url("quote-create"), data)
    assert first["Location"] == again["Location"]
    assert messages_of(again)[-1] == SENT_TWICE
    assert Quote.objects.count() == 1


def test_a_sent_quote_cannot_be_edited(world, client_as):
    quote = sent_quote(world)
    response = client_as(world.users["adviser"]).get(url("quote-update", pk=quote.pk))
    assert response.status_code == 302
    assert messages_of(response) == [
        "Een verstuurde offerte kan niet meer veranderen. Maak een nieuwe versie om iets te "
        "wijzigen."
    ]


def test_the_adviser_sends_and_the_project_leader_accepts(world, client_as):
    trajectory = offer_trajectory(world)
    quote = draft_quote(world, trajectory=trajectory)
    adviser = client_as(world.users["adviser"])
    confirm = adviser.get(url("quote-send", pk=quote.pk))
    assert "Offerte " + quote.number + " versturen?" in text(confirm)
    response = adviser.post(
        url("quote-send", pk=quote.pk), {"submission_token": fresh_token(text(confirm))}
    )
    assert messages_of(response) == [
        "De offerte is verstuurd. De organisatie kan haar nu accepteren."
    ]
    leader = client_as(world.users["project_leader"])
    detail = leader.get(quote.get_absolute_url())
    assert "Offerte accepteren" in text(detail)
    confirm = leader.get(url("quote-accept", pk=quote.pk))
    assert "€ 36.400,00 inclusief btw" in text(confirm)
    response = leader.post(
        url("quote-accept", pk=quote.pk), {"submission_token": fresh_token(text(confirm))}
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    trajectory.refresh_from_db()
    assert quote.state == QuoteState.ACCEPTED and quote.accepted_by == world.users["project_leader"]
    assert trajectory.phase == Phase.PREPARATION
    page = seen(leader, response)
    assert (
        "geaccepteerd" in page.lower() and escape(world.users["project_leader"].full_name) in page
    )


def test_accepting_an_expired_quote_says_so(world, client_as):
    quote = sent_quote(world)
    Quote.objects.filter(pk=quote.pk).update(valid_until=in_days(-1))
    leader = client_as(world.users["project_leader"])
    expired = f"Deze offerte is op {in_days(-1).day} "
    page = leader.get(url("quote-accept", pk=quote.pk))
    assert page.status_code == 302
    assert messages_of(page)[0].startswith(expired)
    response = leader.post(url("quote-accept", pk=quote.pk), {"submission_token": token()})
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    message = messages_of(response)[0]
    assert message.startswith(expired) and message.endswith(
        "verlopen en kan niet meer worden geaccepteerd. Vraag je adviseur om een nieuwe versie."
    )
    quote.refresh_from_db()
    assert quote.state == QuoteState.SENT
    assert "Verlopen" in text(leader.get(quote.get_absolute_url()))


def test_the_manager_declines(world, client_as):
    quote = sent_quote(world)
    manager = client_as(world.users["manager"])
    response = manager.post(url("quote-decline", pk=quote.pk), {"submission_token": token()})
    assert messages_of(response) == ["De offerte is afgewezen."]
    quote.refresh_from_db()
    assert quote.state == QuoteState.DECLINED


def test_the_adviser_makes_a_new_version_and_the_old_one_links_to_it(world, client_as):
    quote = sent_quote(world)
    adviser = client_as(world.users["adviser"])
    response = adviser.post(url("quote-new-version", pk=quote.pk), {"submission_token": token()})
    new = Quote.objects.get(version=2)
    assert response["Location"] == new.get_absolute_url()
    old_page = text(adviser.get(quote.get_absolute_url()))
    assert "Deze versie is vervangen door versie 2." in old_page
    assert "Offerte accepteren" not in text(
        client_as(world.users["manager"]).get(quote.get_absolute_url())
    )
    assert "Versie 1" in text(adviser.get(new.get_absolute_url()))


def test_a_trajectory_starts_from_an_accepted_quote(world, client_as):
    quote = accepted_quote(world)
    leader = client_as(world.users["project_leader"])
    form = leader.get(url("quote-start-trajectory", pk=quote.pk))
    response = leader.post(
        url("quote-start-trajectory", pk=quote.pk),
        {
            "name": "Gestart uit offerte",
            "starts_on": "",
            "submission_token": fresh_token(text(form)),
        },
    )
    trajectory = Trajectory.objects.get(name="Gestart uit offerte")
    assert response["Location"] == trajectory.get_absolute_url()
    assert dict(trajectory.rounds.values_list("stage", "agreed_participants")) == {
        Stage.ROUND_1: 14,
        Stage.ROUND_2: 14,
    }
    empty = leader.post(
        url("quote-start-trajectory", pk=quote.pk), {"name": "", "submission_token": token()}
    )
    assert empty.status_code == 302  # the quote has its trajectory now: back to the quote


def test_the_quote_pdf_downloads(world, client_as):
    quote = sent_quote(world)
    response = client_as(world.users["manager"]).get(url("quote-pdf", pk=quote.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="offerte-{quote.number}-v1.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_quote_list_has_a_helpful_empty_state(world, client_as):
    adviser = text(client_as(world.users["adviser"]).get(url("quote-list")))
    assert "Nog geen offerte. Maak er een" in adviser
    manager = text(client_as(world.users["manager"]).get(url("quote-list")))
    assert "Je adviseur maakt de offerte" in manager


def test_a_trainer_cannot_see_quotes_and_another_organisation_gets_404(world, client_as):
    quote = sent_quote(world)
    response = client_as(world.users["trainer"]).get(quote.get_absolute_url())
    assert response.status_code == 403 and FORBIDDEN in text(response)
    foreign = reverse("offers:quote-detail", kwargs={"org_slug": "elders", "pk": quote.pk})
    response = client_as(world.users["outsider"]).get(foreign)
    assert response.status_code == 404 and NOT_FOUND in text(response)
    response = client_as(world.users["adviser"]).get(url("quote-accept", pk=quote.pk))
    assert response.status_code == 403  # advisers make quotes; the organisation decides


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(url("quote-list"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


# --- The trajectory's panel ------------------------------------------------------------------


def test_the_trajectory_page_shows_the_quote_under_offer(world, client_as):
    trajectory = offer_trajectory(world)
    path = trajectory.get_absolute_url()
    adviser = client_as(world.users["adviser"])
    assert "Maak een offerte voor dit traject" in text(adviser.get(path))
    assert "Maak een offerte" not in text(client_as(world.users["manager"]).get(path))
    quote = sent_quote(world, trajectory=trajectory)
    page = text(client_as(world.users["manager"]).get(path))
    assert f"Offerte {quote.number}" in page and "Verstuurd" in page
    assert "€ 36.400,00 exclusief btw" in page


# --- Invoices -------------------------------------------------------------------------------


def test_the_adviser_invoices_a_round_from_the_list(world, client_as):
    accepted_quote(world, trajectory=world.trajectory, include_scan=True)
    adviser = client_as(world.users["adviser"])
    page = adviser.get(url("invoice-list"))
    assert "Te factureren" in text(page)
    response = adviser.post(
        reverse("offers:invoice-create-round", kwargs={"org_slug": ORG, "pk": world.round_1.pk}),
        {"submission_token": token()},
    )
    invoice = Invoice.objects.get()
    assert response["Location"] == invoice.get_absolute_url()
    detail = seen(adviser, response)
    assert "€ 13.000,00" in detail and f"Factuur {invoice.number}" in detail
    response = adviser.post(
        url("invoice-create-extras", pk=invoice.quote_id), {"submission_token": token()}
    )
    assert Invoice.objects.count() == 2


def test_a_round_invoiced_twice_says_so(world, client_as):
    invoice = round_invoice(world)
    response = client_as(world.users["adviser"]).post(
        reverse("offers:invoice-create-round", kwargs={"org_slug": ORG, "pk": world.round_1.pk}),
        {"submission_token": token()},
    )
    assert messages_of(response) == [f"Deze ronde is al gefactureerd: factuur {invoice.number}."]
    assert Invoice.objects.count() == 1


def test_an_invoice_is_sent_paid_and_credited(world, client_as):
    invoice = round_invoice(world)
    adviser = client_as(world.users["adviser"])
    response = adviser.post(url("invoice-send", pk=invoice.pk), {"submission_token": token()})
    assert messages_of(response) == ["De factuur is verstuurd."]
    future = adviser.post(
        url("invoice-paid", pk=invoice.pk),
        {"paid_on": in_days(2).isoformat(), "submission_token": token()},
    )
    assert future.status_code == 200
    assert field_error(text(future), "paid_on") == (
        "Kies vandaag of een eerdere dag: geen datum in de toekomst."
    )
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.SENT
    response = adviser.post(
        url("invoice-paid", pk=invoice.pk),
        {"paid_on": timezone.localdate().isoformat(), "submission_token": token()},
    )
    assert messages_of(response) == ["De factuur staat op betaald."]
    confirm = adviser.get(url("invoice-credit", pk=invoice.pk))
    assert f"Factuur {invoice.number} crediteren?" in text(confirm)
    response = adviser.post(url("invoice-credit", pk=invoice.pk), {"submission_token": token()})
    note = Invoice.objects.get(credits=invoice)
    assert response["Location"] == note.get_absolute_url()
    assert "€ -13.000,00" in seen(adviser, response)


def test_the_project_leader_sees_invoices_but_cannot_manage_them(world, client_as):
    invoice = round_invoice(world)
    leader = client_as(world.users["project_leader"])
    page = text(leader.get(url("invoice-list")))
    assert invoice.number in page and "Te factureren" not in page
    assert "Factuur versturen" not in text(leader.get(invoice.get_absolute_url()))
    response = leader.get(url("invoice-send", pk=invoice.pk))
    assert response.status_code == 403 and FORBIDDEN in text(response)


def test_the_invoice_list_filters_and_answers_htmx_with_the_results_only(world, client_as):
    invoice = round_invoice(world)
    client = client_as(world.users["manager"])
    response = client.get(url("invoice-list"), {"status": "paid"}, headers={"HX-Request": "true"})
    content = text(response)
    assert "<html" not in content and 'id="results"' in content
    assert "Geen factuur past bij dit filter." in content
    response = client.get(url("invoice-list"), {"status": "open"})
    assert invoice.number in text(response)


def test_the_invoice_list_has_a_helpful_empty_state(world, client_as):
    page = text(client_as(world.users["manager"]).get(url("invoice-list")))
    assert "Nog geen factuur. Facturen volgen op een geaccepteerde offerte" in page


def test_the_advisers_overview_spans_their_organisations(world, client_as):
    invoice = round_invoice(world)
    services.invoice_send(by=world.actor("adviser"), invoice=invoice)
    Invoice.objects.filter(pk=invoice.pk).update(due_on=in_days(-3))
    adviser = client_as(world.users["adviser"])
    page = text(adviser.get(reverse("offers:invoice-overview"), {"status": "overdue"}))
    assert invoice.number in page and "Gemeente Testdorp" in page and "te laat" in page
    assert "1 factuur, € 13.000,00" in page
    other = text(
        adviser.get(reverse("offers:invoice-overview"), {"organisatie": "elders"})
    )  # not one of theirs: the filter is ignored, nothing of another adviser shows
    assert invoice.number in other
    response = client_as(world.users["project_leader"]).get(reverse("offers:invoice-overview"))
    assert response.status_code == 403


def test_the_invoice_pdf_downloads(world, client_as):
    invoice = round_invoice(world)
    response = client_as(world.users["project_leader"]).get(url("invoice-pdf", pk=invoice.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="factuur-{invoice.number}.pdf"'


def test_a_state_the_action_does_not_fit_goes_back_with_the_reason(world, client_as):
    invoice = round_invoice(world)
    adviser = client_as(world.users["adviser"])
    response = adviser.get(url("invoice-paid", pk=invoice.pk))
    assert response.status_code == 302
    assert messages_of(response) == ["Alleen een verstuurde factuur kan op betaald worden gezet."]
    draft = draft_quote(world)
    response = client_as(world.users["manager"]).get(url("quote-accept", pk=draft.pk))
    assert messages_of(response) == ["Deze offerte is nog niet verstuurd."]


def test_every_offers_page_is_reached_by_links_not_only_by_typing(world, client_as):
    overview = reverse("dashboard:organisation-detail", kwargs={"org_slug": ORG})
    quotes, invoices = url("quote-list"), url("invoice-list")
    for role in ("adviser", "project_leader", "manager"):
        page = text(client_as(world.users[role]).get(overview))
        assert f'href="{quotes}"' in page and f'href="{invoices}"' in page, role
    page = text(client_as(world.users["trainer"]).get(overview))
    assert f'href="{quotes}"' not in page and f'href="{invoices}"' not in page
    everywhere = [reverse("offers:invoice-overview"), reverse("offers:pricelist-list")]
    page = text(client_as(world.users["adviser"]).get(overview))
    assert all(f'href="{link}"' in page for link in everywhere)
    page = text(client_as(world.users["project_leader"]).get(overview))
    assert not any(f'href="{link}"' in page for link in everywhere)
