"""Races in offers: invoice numbers, one invoice per round, one decision per quote, no
overlapping price lists. On SQLite and PostgreSQL, each request from its own thread and
database connection (as in tests/test_concurrency.py)."""

from __future__ import annotations

import datetime
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from binnenuit.core.exceptions import ServiceError
from binnenuit.offers import services
from binnenuit.offers.models import Invoice, PriceList, Quote, QuoteState
from binnenuit.trajectories import services as trajectory_services
from tests.offers.factories import accepted_quote, sent_quote
from tests.test_concurrency import at_once, logged_in

pytestmark = pytest.mark.django_db(transaction=True)


def all_at_once[T](jobs: list[Callable[[], T]]) -> list[T | BaseException]:
    """Run the jobs at the same moment, each in its own thread; their results or errors."""
    results: list[T | BaseException] = [RuntimeError("not run")] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = jobs[i]()
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_20_invoices_made_at_once_get_20_numbers_without_a_gap(world):
    adviser = world.actor("adviser")
    rounds = []
    for n in range(10):
        trajectory = trajectory_services.trajectory_start(by=adviser, name=f"Cohort {n}")
        accepted_quote(world, trajectory=trajectory)
        rounds += list(trajectory.rounds.all())
    assert len(rounds) == 20

    def invoice(round_) -> Callable[[], str]:
        return lambda: services.invoice_create_for_round(by=adviser, round_=round_).number

    results = all_at_once([invoice(r) for r in rounds])
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    year = timezone.localdate().year
    assert sorted(results) == [f"{year}-{n:04d}" for n in range(1, 21)]
    assert Invoice.objects.count() == 20


def test_8_clicks_at_once_on_invoice_a_round_make_one_invoice(world, client_as):
    accepted_quote(world, trajectory=world.trajectory)
    client = logged_in(client_as, world.users["adviser"])
    url = reverse(
        "offers:invoice-create-round", kwargs={"org_slug": world.org.slug, "pk": world.round_1.pk}
    )

    def click(client) -> int:
        return client.post(url, {"submission_token": str(uuid.uuid4())}).status_code

    statuses = at_once(8, click, client)
    assert statuses == Counter({302: 8}), statuses
    invoice = Invoice.objects.get()
    assert invoice.number == f"{timezone.localdate().year}-0001"  # no number lost to the race
    # The next invoice follows without a gap.
    extras = services.invoice_create_for_round(by=world.actor("adviser"), round_=world.round_2)
    assert extras.number.endswith("-0002")


def test_the_daily_task_and_an_adviser_at_once_invoice_a_round_once(world):
    accepted_quote(world, trajectory=world.trajectory)
    first = world.trajectory.meetings.filter(round=world.round_1).order_by("sequence").first()
    type(first).objects.filter(pk=first.pk).update(date=timezone.localdate())
    adviser = world.actor("adviser")
    jobs: list[Callable[[], object]] = [
        services.invoices_create_due,
        lambda: services.invoice_create_for_round(by=adviser, round_=world.round_1),
        services.invoices_create_due,
        lambda: services.invoice_create_for_round(by=adviser, round_=world.round_1),
    ]
    results = all_at_once(jobs)
    unexpected = [
        r for r in results if isinstance(r, BaseException) and not isinstance(r, ServiceError)
    ]
    assert not unexpected, unexpected
    assert Invoice.objects.filter(round=world.round_1).count() == 1


def test_accepting_and_declining_at_once_decide_once(world):
    quote = sent_quote(world, trajectory=world.trajectory)
    jobs: list[Callable[[], object]] = [
        lambda: services.quote_accept(
            by=world.actor("project_leader"), quote=Quote.objects.get(pk=quote.pk)
        ),
        lambda: services.quote_decline(
            by=world.actor("manager"), quote=Quote.objects.get(pk=quote.pk)
        ),
        lambda: services.quote_accept(
            by=world.actor("manager"), quote=Quote.objects.get(pk=quote.pk)
        ),
    ]
    results = all_at_once(jobs)
    done = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(done) == 1 and len(refused) == 2, results
    quote.refresh_from_db()
    assert quote.state in (QuoteState.ACCEPTED, QuoteState.DECLINED)


def test_two_advisers_at_once_cannot_make_overlapping_price_lists(world):
    services.price_list_end(
        by=world.outside("adviser"),
        price_list=PriceList.objects.get(),
        valid_until=datetime.date(2029, 12, 31),
    )
    prices = {
        kind: services.PriceInput(kind, Decimal("100.00"), "exempt")
        for kind in ("training", "scan", "tasting")
    }

    def make(start: datetime.date) -> Callable[[], object]:
        return lambda: services.price_list_create(
            by=world.outside("adviser"),
            valid_from=start,
            valid_until=None,
            terms="x",
            prices=prices,
        )

    results = all_at_once([make(datetime.date(2030, 1, 1)), make(datetime.date(2031, 1, 1))] * 3)
    made = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(made) == 1 and len(refused) == 5, results
    assert PriceList.objects.count() == 2
