"""The offers pages the access walk does not reach are valid HTML too: every form sent back
with its errors, the pages after a message, lists over pages, filters, English.

The walk's pages (every GET as every role) are checked by tests/test_html_valid.py; this adds
what only this app knows how to reach, through the same Nu Html Checker.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from binnenuit.offers import services
from tests.offers.factories import accepted_quote, draft_quote, in_days, round_invoice, sent_quote
from tests.test_html_valid import FIELD_ERROR, Page, Pages, fresh_token, vnu_problems


def offers_pages(pages: Pages, world, client_as, settings) -> None:
    adviser = client_as(world.users["adviser"])
    leader = client_as(world.users["project_leader"])
    org = world.org.slug
    draft = draft_quote(world)
    sent = sent_quote(world, include_scan=True)
    accepted = accepted_quote(world, discount_amount=Decimal("500.00"), discount_reason="Pilot")
    invoice = round_invoice(world)
    services.invoice_send(by=world.actor("adviser"), invoice=invoice)
    note = services.invoice_credit(by=world.actor("adviser"), invoice=invoice)
    new_version = services.quote_new_version(by=world.actor("adviser"), quote=sent)

    def post(client, url: str, data: dict[str, str], label: str) -> None:
        response = client.post(url, {**fresh_token(), **data})
        pages.must_add(f"POST {url} ({label})", response, showing=FIELD_ERROR)

    post(
        adviser,
        reverse("offers:pricelist-create"),
        {"valid_from": "morgen", "terms": "", "training_amount": "duur", "scan_vat": "9"},
        "nothing right",
    )
    post(
        adviser,
        reverse("offers:pricelist-update", args=[sent.price_list_id]),
        {"valid_until": "2001-01-01"},
        "in use, ends too early",
    )
    for label, data in {
        "nothing right": {
            "participants_round_1": "9",
            "participants_round_2": "veel",
            "discount_amount": "1,5,5",
            "valid_until": "2001-01-01",
            "trajectory": "999999",
        },
        "discount without reason": {
            "participants_round_1": "12",
            "participants_round_2": "12",
            "discount_amount": "100",
            "valid_until": in_days(5).isoformat(),
        },
    }.items():
        post(adviser, reverse("offers:quote-create", args=[org]), data, label)
    post(
        adviser,
        reverse("offers:quote-update", args=[org, draft.pk]),
        {"participants_round_1": "15", "participants_round_2": "", "valid_until": ""},
        "nothing right",
    )
    post(
        leader,
        reverse("offers:quote-start-trajectory", args=[org, accepted.pk]),
        {"name": "", "starts_on": "2025-02-31"},
        "no name, no date",
    )
    paid = round_invoice(world, world.round_2)
    services.invoice_send(by=world.actor("adviser"), invoice=paid)
    post(
        adviser,
        reverse("offers:invoice-paid", args=[org, paid.pk]),
        {"paid_on": in_days(3).isoformat()},
        "in the future",
    )

    # Pages after a message: success and refusal.
    for url in (
        reverse("offers:quote-send", args=[org, new_version.pk]),
        reverse("offers:quote-new-version", args=[org, sent.pk]),
    ):
        response = adviser.post(url, fresh_token(), follow=True)
        pages.must_add(f"POST {url}, followed", response, showing="utrecht-alert")
    url = reverse("offers:quote-accept", args=[org, new_version.pk])
    pages.must_add(f"POST {url}, followed", leader.post(url, fresh_token(), follow=True))

    # Every page of a state: the old version, the credit note, the accepted quote.
    for client, url in (
        (adviser, reverse("offers:quote-detail", args=[org, sent.pk])),
        (leader, reverse("offers:quote-detail", args=[org, accepted.pk])),
        (adviser, reverse("offers:invoice-detail", args=[org, note.pk])),
        (adviser, reverse("offers:invoice-detail", args=[org, invoice.pk])),
        (adviser, reverse("offers:invoice-list", args=[org]) + "?status=paid"),
        (adviser, reverse("offers:invoice-overview") + "?status=overdue&organisatie=" + org),
        (adviser, reverse("offers:invoice-credit", args=[org, paid.pk])),
        (adviser, reverse("offers:invoice-paid", args=[org, paid.pk])),
    ):
        pages.must_add(f"GET {url}", client.get(url))

    settings.PAGE_SIZE = 1
    for url in (
        reverse("offers:quote-list", args=[org]) + "?pagina=2",
        reverse("offers:invoice-list", args=[org]) + "?status=&pagina=2",
        reverse("offers:invoice-overview") + "?pagina=2",
    ):
        pages.must_add(f"GET {url} (1 a page)", adviser.get(url), showing="pagina=")

    english = client_as(world.users["adviser"])
    english.post(reverse("set-language"), {"language": "en"})
    for url in (
        reverse("offers:quote-detail", args=[org, accepted.pk]),
        reverse("offers:invoice-list", args=[org]),
        reverse("offers:pricelist-create"),
    ):
        pages.must_add(f"GET {url} (en)", english.get(url), showing='<html lang="en"')


@pytest.mark.django_db
def test_the_offers_pages_are_valid_html(world, client_as, tmp_path, settings):
    pages = Pages()
    offers_pages(pages, world, client_as, settings)
    folder = tmp_path / "pages"
    folder.mkdir()
    canary = Page("canary", '<!DOCTYPE html><html lang="nl"><title>x</title><p hx-get="/">x')
    problems = vnu_problems([*pages.pages, canary], folder)
    assert any(p.page.startswith("canary") for p in problems), problems
    problems = [p for p in problems if not p.page.startswith("canary")]
    assert not problems, f"{len(problems)} HTML errors:\n  " + "\n  ".join(
        str(p) for p in sorted(problems, key=lambda p: (p.message, p.page))
    )


@pytest.mark.django_db
def test_the_offers_pages_of_the_walk_are_valid_html_for_every_role(world, client_as, tmp_path):
    """What tests/test_html_valid.py checks for every app, for this app's cases alone."""
    from tests.offers.walk import cases
    from tests.test_url_walk import ROLES, client_for

    pages = Pages()
    clients = {role: client_for(role, client_as, world) for role in ROLES}
    for name, case in cases(world).items():
        if case.method != "get":
            continue
        url = reverse(name, kwargs=case.kwargs)
        for role in ROLES:
            pages.add(f"GET {url} as {role}", clients[role].get(url))
    assert len(pages.pages) > 60, len(pages.pages)
    folder = tmp_path / "pages"
    folder.mkdir()
    problems = vnu_problems(pages.pages, folder)
    assert not problems, f"{len(problems)} HTML errors:\n  " + "\n  ".join(map(str, problems))
