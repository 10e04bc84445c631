"""The offers pages run as many queries with many rows as with a few."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.offers import services
from binnenuit.offers.models import (
    Invoice,
    InvoiceKind,
    InvoiceState,
    PriceList,
    Quote,
    QuoteLine,
    QuoteState,
)
from binnenuit.organisations.models import Membership, Role
from binnenuit.trajectories import services as trajectory_services
from tests.factories import OrganisationFactory
from tests.offers.factories import PriceListFactory, accepted_quote, in_days, round_invoice
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def ok(client, url, **params):
    def fetch():
        response = client.get(url, params)
        assert response.status_code == 200, url

    return fetch


def add_quotes(world, count: int, organisation=None) -> list[Quote]:
    organisation = organisation or world.org
    price_list = PriceList.objects.order_by("valid_from").first()
    start = Quote.objects.count()
    return Quote.objects.bulk_create(
        Quote(
            organisation=organisation,
            number=f"OF-2099-{start + i:04d}",
            price_list=price_list,
            trajectory=world.trajectory if organisation == world.org else None,
            participants_round_1=12,
            participants_round_2=12,
            valid_until=in_days(30 - i % 60),
            state=[QuoteState.SENT, QuoteState.DECLINED, QuoteState.DRAFT][i % 3],
            total_excluding_vat=Decimal("31200.00"),
            total_including_vat=Decimal("31200.00"),
        )
        for i in range(count)
    )


def add_invoices(world, count: int, organisation=None) -> None:
    organisation = organisation or world.org
    quotes = add_quotes(world, count, organisation)  # the extras of each once
    start = Invoice.objects.count()
    originals = Invoice.objects.bulk_create(
        Invoice(
            organisation=organisation,
            number=f"2099-{start + i:05d}",
            kind=InvoiceKind.EXTRAS,
            quote=quotes[i],
            state=[InvoiceState.SENT, InvoiceState.PAID, InvoiceState.CREDITED][i % 3],
            issued_on=timezone.localdate(),
            due_on=in_days(-5 + i % 10),
            total_excluding_vat=Decimal("4900.00"),
            total_including_vat=Decimal("5929.00"),
        )
        for i in range(count)
    )
    Invoice.objects.bulk_create(
        Invoice(
            organisation=organisation,
            number=f"2099-C{start + i:05d}",
            kind=InvoiceKind.CREDIT_NOTE,
            quote=original.quote,
            credits=original,
            state=InvoiceState.SENT,
            issued_on=timezone.localdate(),
            total_excluding_vat=Decimal("-4900.00"),
            total_including_vat=Decimal("-5929.00"),
        )
        for i, original in enumerate(originals)
        if original.state == InvoiceState.CREDITED
    )


def org_url(world, name: str, **kwargs) -> str:
    return reverse(f"offers:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def test_the_quote_list_does_not_grow_with_the_quotes(world, client_as):
    add_quotes(world, 5)
    assert_constant_queries(
        ok(client_as(world.users["adviser"]), org_url(world, "quote-list")),
        lambda: add_quotes(world, 200),
    )


def test_a_quote_page_does_not_grow_with_its_lines_and_versions(world, client_as):
    quote = accepted_quote(world, trajectory=world.trajectory, include_scan=True)
    client = client_as(world.users["manager"])

    def grow() -> None:
        QuoteLine.objects.bulk_create(
            QuoteLine(
                organisation=world.org,
                quote=quote,
                position=10 + i,
                kind="tasting",
                description="Proeverij",
                quantity=1,
                unit_price=Decimal("1500.00"),
                vat="exempt",
            )
            for i in range(50)
        )
        Quote.objects.bulk_create(
            Quote(
                organisation=world.org,
                number=quote.number,
                version=10 + i,
                price_list=quote.price_list,
                participants_round_1=10,
                participants_round_2=10,
                valid_until=in_days(3),
            )
            for i in range(20)
        )

    assert_constant_queries(ok(client, quote.get_absolute_url()), grow)


def test_the_invoice_list_does_not_grow_with_the_invoices_or_what_is_to_invoice(world, client_as):
    add_invoices(world, 5)
    adviser = world.actor("adviser")

    def grow() -> None:
        add_invoices(world, 300)
        for n in range(3):  # more rounds and extras to invoice
            trajectory = trajectory_services.trajectory_start(by=adviser, name=f"Cohort {n}")
            accepted_quote(world, trajectory=trajectory, include_scan=True)

    client = client_as(world.users["adviser"])
    url = org_url(world, "invoice-list")

    def fetch() -> None:
        ok(client, url)()
        ok(client, url, status="overdue")()

    accepted_quote(world, trajectory=world.trajectory, include_tasting=True)
    assert_constant_queries(fetch, grow)


def test_the_advisers_overview_does_not_grow_with_organisations_or_invoices(world, client_as):
    adviser = world.users["adviser"]
    add_invoices(world, 5)

    def grow() -> None:
        for organisation in OrganisationFactory.create_batch(20):
            Membership.objects.create(organisation=organisation, user=adviser, role=Role.ADVISER)
            add_invoices(world, 15, organisation)

    client = client_as(adviser)
    url = reverse("offers:invoice-overview")

    def fetch() -> None:
        ok(client, url)()
        ok(client, url, status="open", organisatie=world.org.slug)()

    assert_constant_queries(fetch, grow)


def test_the_price_lists_do_not_grow_with_the_lists(world, client_as):
    services.price_list_end(
        by=world.outside("adviser"),
        price_list=PriceList.objects.get(),
        valid_until=datetime.date(2029, 12, 31),
    )
    PriceListFactory(valid_from=datetime.date(2030, 1, 1), with_prices=True)

    def grow() -> None:
        for year in range(2031, 2060):
            PriceListFactory(
                valid_from=datetime.date(year, 1, 1),
                valid_until=datetime.date(year, 12, 31),
                with_prices=True,
            )

    assert_constant_queries(
        ok(client_as(world.users["adviser"]), reverse("offers:pricelist-list")), grow
    )


def test_the_trajectory_page_with_its_quote_panel_does_not_grow_with_quotes(world, client_as):
    client = client_as(world.users["adviser"])
    accepted_quote(world, trajectory=world.trajectory)
    assert_constant_queries(
        ok(client, world.trajectory.get_absolute_url()), lambda: add_quotes(world, 100)
    )


def test_an_invoice_page_does_not_grow_with_its_lines(world, client_as):
    invoice = round_invoice(world)
    client = client_as(world.users["adviser"])

    def grow() -> None:
        line = invoice.lines.get()
        for i in range(30):
            line.pk = None
            line.position = 10 + i
            line.save()

    assert_constant_queries(ok(client, invoice.get_absolute_url()), grow)
