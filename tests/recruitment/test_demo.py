"""The demo's quotes, invoices, calls and applications, as ``./dev demo`` builds them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.catalogue.models import Stage
from binnenuit.demo.builder import demo_build
from binnenuit.offers.models import Invoice, InvoiceKind, InvoiceState, Quote, QuoteState
from binnenuit.recruitment.models import Application, Call, Decision
from binnenuit.trajectories.models import Enrolment

pytestmark = pytest.mark.django_db


def test_voorbeeld_accepted_its_quote_is_invoiced_and_selected_round_2_through_its_call(demo):
    quote = Quote.objects.get(organisation=demo["voorbeeld"])
    assert quote.state == QuoteState.ACCEPTED and quote.accepted_by.email.startswith("projectl")
    assert (quote.participants_round_1, quote.participants_round_2, quote.include_scan) == (
        14,
        14,
        True,
    )
    assert quote.trajectory is not None
    invoices = {
        (i.kind, i.round.stage if i.round else None): i
        for i in Invoice.objects.filter(organisation=demo["voorbeeld"]).select_related("round")
    }
    assert invoices[(InvoiceKind.ROUND, Stage.ROUND_1)].state == InvoiceState.PAID
    assert invoices[(InvoiceKind.ROUND, Stage.ROUND_2)].state == InvoiceState.SENT
    assert invoices[(InvoiceKind.EXTRAS, None)].state == InvoiceState.PAID

    call = Call.objects.get(organisation=demo["voorbeeld"])
    assert call.round.stage == Stage.ROUND_2 and call.state == Call.State.CLOSED
    decisions = list(Application.objects.filter(call=call).values_list("decision", flat=True))
    assert decisions.count(Decision.SELECTED) == 13
    assert decisions.count(Decision.DECLINED) == 3
    selected = Application.objects.filter(call=call, decision=Decision.SELECTED)
    assert all(a.enrolment.status == Enrolment.Status.ENROLLED for a in selected)


def test_anderstad_sent_a_quote_and_its_open_call_warns_below_the_minimum(demo, client_as):
    quote = Quote.objects.get(organisation=demo["anderstad"])
    assert quote.state == QuoteState.SENT
    call = Call.objects.get(organisation=demo["anderstad"])
    assert call.round.stage == Stage.ROUND_1 and call.state == Call.State.OPEN
    assert Application.objects.filter(call=call).count() == 9 < call.round.min_participants
    board = reverse("recruitment:selection", kwargs={"org_slug": "anderstad", "pk": call.pk})
    page = client_as("projectleider@anderstad.example").get(board).content.decode()
    assert "en pas 0 van de minstens 10 deelnemers zijn geselecteerd" in page, page


def test_a_rebuilt_demo_has_the_same_numbers(demo):
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    quotes = sorted(Quote.objects.values_list("number", flat=True))
    demo_build()
    assert sorted(Invoice.objects.values_list("number", flat=True)) == numbers
    assert sorted(Quote.objects.values_list("number", flat=True)) == quotes
