"""The offers app's URLs in the access walk (tests/test_url_walk.py): every pattern as every
role, and as the organisation's people asking for another organisation's rows."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from binnenuit.offers import services
from binnenuit.offers.models import Invoice, InvoiceKind, PriceList, Quote
from tests.offers.factories import accepted_quote, draft_quote, in_days, sent_quote


def foreign_rows(world) -> tuple[Quote, Invoice]:
    """A quote and an invoice of the other organisation (rows: its people make none here)."""
    quote = Quote.objects.create(
        organisation=world.other_org,
        number="OF-2099-0001",
        price_list=PriceList.objects.order_by("valid_from").first(),
        participants_round_1=10,
        participants_round_2=10,
        valid_until=in_days(30),
        state=Quote.State.SENT,
    )
    invoice = Invoice.objects.create(
        organisation=world.other_org,
        number="2099-0001",
        kind=InvoiceKind.EXTRAS,
        quote=quote,
        issued_on=timezone.localdate(),
        total_excluding_vat=Decimal("0.00"),
        total_including_vat=Decimal("0.00"),
    )
    return quote, invoice


def cases(world):
    from tests.test_url_walk import (
        ADVISERS_ONLY,
        ORGANISERS_ONLY,
        PROVIDER_STAFF_ONLY,
        STAFF_ONLY,
        Case,
        expect,
    )

    services.price_list_seed()  # a transactional test before may have emptied the tables
    adviser = world.actor("adviser")
    price_list = PriceList.objects.order_by("valid_from").first()
    draft = draft_quote(world)
    sent = sent_quote(world)
    accepted = accepted_quote(world, include_scan=True)  # no trajectory: it can start one
    linked = accepted_quote(world, trajectory=world.trajectory, include_tasting=True)
    draft_invoice = services.invoice_create_for_round(by=adviser, round_=world.round_1)
    sent_invoice = services.invoice_send(
        by=adviser, invoice=services.invoice_create_for_extras(by=adviser, quote=linked)
    )
    foreign_quote, foreign_invoice = foreign_rows(world)
    foreign_round = world.other_trajectory.rounds.order_by("stage").first()
    o = {"org_slug": world.org.slug}

    def own(pk: int) -> dict[str, object]:
        return {**o, "pk": pk}

    deciders = expect(403, project_leader=200, manager=200, outsider=404)
    adviser_posts = expect(403, adviser=302, outsider=404)
    return {
        "offers:pricelist-list": Case({}, PROVIDER_STAFF_ONLY),
        "offers:pricelist-create": Case({}, PROVIDER_STAFF_ONLY),
        "offers:pricelist-update": Case({"pk": price_list.pk}, PROVIDER_STAFF_ONLY),
        "offers:invoice-overview": Case({}, PROVIDER_STAFF_ONLY),
        "offers:quote-list": Case(o, STAFF_ONLY),
        "offers:quote-create": Case(o, ADVISERS_ONLY),
        "offers:quote-detail": Case(own(sent.pk), STAFF_ONLY, foreign=own(foreign_quote.pk)),
        "offers:quote-update": Case(own(draft.pk), ADVISERS_ONLY, foreign=own(foreign_quote.pk)),
        "offers:quote-pdf": Case(own(sent.pk), STAFF_ONLY, foreign=own(foreign_quote.pk)),
        "offers:quote-send": Case(own(draft.pk), ADVISERS_ONLY, foreign=own(foreign_quote.pk)),
        "offers:quote-accept": Case(own(sent.pk), deciders, foreign=own(foreign_quote.pk)),
        "offers:quote-decline": Case(own(sent.pk), deciders, foreign=own(foreign_quote.pk)),
        "offers:quote-new-version": Case(
            own(sent.pk), adviser_posts, method="post", foreign=own(foreign_quote.pk)
        ),
        "offers:quote-start-trajectory": Case(
            own(accepted.pk), ORGANISERS_ONLY, foreign=own(foreign_quote.pk)
        ),
        "offers:invoice-create-extras": Case(
            own(accepted.pk), adviser_posts, method="post", foreign=own(foreign_quote.pk)
        ),
        "offers:invoice-create-round": Case(
            own(world.round_2.pk), adviser_posts, method="post", foreign=own(foreign_round.pk)
        ),
        "offers:invoice-list": Case(o, STAFF_ONLY),
        "offers:invoice-detail": Case(
            own(draft_invoice.pk), STAFF_ONLY, foreign=own(foreign_invoice.pk)
        ),
        "offers:invoice-pdf": Case(
            own(draft_invoice.pk), STAFF_ONLY, foreign=own(foreign_invoice.pk)
        ),
        "offers:invoice-send": Case(
            own(draft_invoice.pk), ADVISERS_ONLY, foreign=own(foreign_invoice.pk)
        ),
        "offers:invoice-paid": Case(
            own(sent_invoice.pk), ADVISERS_ONLY, foreign=own(foreign_invoice.pk)
        ),
        "offers:invoice-credit": Case(
            own(sent_invoice.pk), ADVISERS_ONLY, foreign=own(foreign_invoice.pk)
        ),
    }
