"""The offers services: price lists, the quote's states and versions, invoices and numbers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from binnenuit.catalogue.models import Stage
from binnenuit.core.exceptions import ServiceError
from binnenuit.offers import services
from binnenuit.offers.models import (
    Counter,
    Invoice,
    InvoiceKind,
    InvoiceState,
    LineKind,
    PriceList,
    Quote,
    QuoteState,
)
from binnenuit.offers.services import PriceInput
from binnenuit.trajectories import services as trajectory_services
from binnenuit.trajectories.models import Enrolment, Phase, Round, Trajectory
from tests.factories import EnrolmentFactory, PersonFactory
from tests.offers.factories import (
    PriceListFactory,
    accepted_quote,
    choices,
    draft_quote,
    in_days,
    offer_trajectory,
    plan_first_meeting,
    round_invoice,
    sent_quote,
)

pytestmark = pytest.mark.django_db

WRONG_ROLES = ("project_leader", "manager", "trainer", "participant")


def prices(training: str = "1300.00", scan: str = "4900.00", tasting: str = "1500.00"):
    return {
        "training": PriceInput("Training, per deelnemer", Decimal(training), "exempt"),
        "scan": PriceInput("Organisatiescan", Decimal(scan), "21"),
        "tasting": PriceInput("Proeverij", Decimal(tasting), "exempt"),
    }


def field_errors(refused: pytest.ExceptionInfo[ServiceError]) -> dict[str, list[str]]:
    return refused.value.field_errors


def first_list() -> PriceList:
    return PriceList.objects.get(valid_from=datetime.date(2013, 1, 1))


# --- The first price list -----------------------------------------------------------------


def test_the_first_price_list_holds_the_brochures_prices():
    price_list = first_list()
    assert price_list.valid_until is None
    assert {(p.kind, p.amount, p.vat) for p in price_list.prices.all()} == {
        ("training", Decimal("1300.00"), "exempt"),
        ("scan", Decimal("4900.00"), "21"),
        ("tasting", Decimal("1500.00"), "exempt"),
    }
    assert "CRKBO" in price_list.terms


# --- Price lists ----------------------------------------------------------------------------


def end_first_list(world, day: datetime.date) -> None:
    services.price_list_end(by=world.outside("adviser"), price_list=first_list(), valid_until=day)


def test_an_adviser_adds_a_price_list_after_the_current_one_ends(world):
    end_first_list(world, datetime.date(2029, 12, 31))
    later = services.price_list_create(
        by=world.outside("adviser"),
        valid_from=datetime.date(2030, 1, 1),
        valid_until=None,
        terms="Nieuwe voorwaarden",
        prices=prices(training="1450.00"),
    )
    assert later.prices.get(kind="training").amount == Decimal("1450.00")


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_only_provider_staff_keep_price_lists(world, role):
    with pytest.raises(PermissionDenied):
        services.price_list_create(
            by=world.outside(role),
            valid_from=datetime.date(2040, 1, 1),
            valid_until=None,
            terms="x",
            prices=prices(),
        )
    with pytest.raises(PermissionDenied):
        services.price_list_end(by=world.outside(role), price_list=first_list(), valid_until=None)


def test_overlapping_price_lists_are_refused_beside_the_start_date(world):
    with pytest.raises(ServiceError) as refused:
        services.price_list_create(
            by=world.outside("adviser"),
            valid_from=datetime.date(2030, 1, 1),
            valid_until=None,
            terms="x",
            prices=prices(),
        )
    assert field_errors(refused) == {
        "valid_from": [
            "Deze data overlappen met de prijslijst die geldt vanaf 1 januari 2013, zonder "
            "einddatum. Geef die lijst eerst een einddatum, of kies andere data."
        ]
    }
    end_first_list(world, datetime.date(2029, 12, 31))
    with pytest.raises(ServiceError) as refused:
        services.price_list_create(
            by=world.outside("adviser"),
            valid_from=datetime.date(2025, 1, 1),
            valid_until=datetime.date(2025, 12, 31),
            terms="x",
            prices=prices(),
        )
    assert (
        "van 1 januari 2013 tot en met 31 december 2029" in field_errors(refused)["valid_from"][0]
    )
    assert PriceList.objects.count() == 1


def test_a_price_list_before_the_first_fits_when_it_ends_in_time(world):
    services.price_list_create(
        by=world.outside("adviser"),
        valid_from=datetime.date(2012, 1, 1),
        valid_until=datetime.date(2012, 12, 31),
        terms="x",
        prices=prices(),
    )
    assert PriceList.objects.count() == 2


def test_prices_out_of_range_are_refused_beside_their_fields(world):
    bad = prices(training="-1.00", scan="100000000.00")
    bad["tasting"] = PriceInput("", Decimal("1.001"), "9")
    with pytest.raises(ServiceError) as refused:
        services.price_list_create(
            by=world.outside("adviser"),
            valid_from=datetime.date(2040, 1, 1),
            valid_until=None,
            terms="x",
            prices=bad,
        )
    range_message = "Vul een bedrag in euro's en centen in tussen € 0,00 en € 99.999.999,99."
    assert field_errors(refused) == {
        "training_amount": [range_message],
        "scan_amount": [range_message],
        "tasting_description": ["Beschrijf waarvoor deze prijs is."],
        "tasting_amount": [range_message],
        "tasting_vat": ["Kies hoe de btw geldt."],
    }


def test_an_unused_price_list_can_change(world):
    later = PriceListFactory(valid_from=datetime.date(2040, 1, 1), with_prices=True)
    end_first_list(world, datetime.date(2039, 12, 31))
    services.price_list_update(
        by=world.outside("adviser"),
        price_list=later,
        valid_from=datetime.date(2041, 1, 1),
        valid_until=None,
        terms="Andere voorwaarden",
        prices=prices(training="1500.00"),
    )
    later.refresh_from_db()
    assert later.valid_from == datetime.date(2041, 1, 1)
    assert later.prices.get(kind="training").amount == Decimal("1500.00")


def test_a_price_list_a_sent_quote_uses_cannot_change_but_can_end(world):
    quote = sent_quote(world)
    with pytest.raises(ServiceError) as refused:
        services.price_list_update(
            by=world.outside("adviser"),
            price_list=first_list(),
            valid_from=datetime.date(2013, 1, 1),
            valid_until=None,
            terms="Nieuw",
            prices=prices(training="1.00"),
        )
    assert refused.value.message.startswith("Er zijn offertes met deze prijslijst verstuurd")
    assert first_list().prices.get(kind="training").amount == Decimal("1300.00")
    # Its end may not come before the day it priced a quote.
    with pytest.raises(ServiceError) as refused:
        end_first_list(world, timezone.localdate() - datetime.timedelta(days=1))
    assert field_errors(refused)["valid_until"][0].startswith("Op ")
    end_first_list(world, timezone.localdate())
    assert first_list().valid_until == timezone.localdate()
    quote.refresh_from_db()
    assert quote.total_excluding_vat == Decimal("36400.00")


# --- Quotes: making and checking ------------------------------------------------------------


def test_an_adviser_makes_a_draft_quote_priced_from_the_list(world):
    quote = draft_quote(world, include_scan=True, include_tasting=True)
    year = timezone.localdate().year
    assert quote.number == f"OF-{year}-0001" and quote.version == 1
    assert quote.state == QuoteState.DRAFT and quote.organisation == world.org
    assert [(line.kind, line.round_number, line.quantity) for line in quote.lines.all()] == [
        ("training", 1, 14),
        ("training", 2, 14),
        ("scan", None, 1),
        ("tasting", None, 1),
    ]
    assert quote.total_excluding_vat == Decimal("42800.00")
    assert quote.total_including_vat == Decimal("43829.00")


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_only_an_adviser_makes_quotes(world, role):
    with pytest.raises(PermissionDenied):
        services.quote_create(by=world.actor(role), **choices())


def test_participants_outside_the_default_limits_are_refused_naming_them(world):
    with pytest.raises(ServiceError) as refused:
        draft_quote(world, participants_round_1=9, participants_round_2=15)
    assert field_errors(refused) == {
        "participants_round_1": ["Kies tussen 10 en 14 deelnemers voor ronde 1."],
        "participants_round_2": ["Kies tussen 10 en 14 deelnemers voor ronde 2."],
    }
    assert not Quote.objects.exists()
    assert not Counter.objects.filter(key__startswith="quote").exists()  # no number used up


def test_participants_follow_the_limits_of_the_quotes_trajectory(world):
    trajectory = offer_trajectory(world)
    Round.objects.filter(trajectory=trajectory, stage=Stage.ROUND_2).update(
        min_participants=8, max_participants=12
    )
    with pytest.raises(ServiceError) as refused:
        draft_quote(world, trajectory=trajectory, participants_round_2=14)
    assert field_errors(refused) == {
        "participants_round_2": ["Kies tussen 8 en 12 deelnemers voor ronde 2."]
    }
    assert draft_quote(world, trajectory=trajectory, participants_round_2=8).participants == 22


def test_a_discount_needs_a_reason_and_stays_within_the_training(world):
    with pytest.raises(ServiceError) as refused:
        draft_quote(world, discount_amount=Decimal("500.00"), discount_reason="  ")
    assert field_errors(refused) == {"discount_reason": ["Geef de reden van de korting."]}
    with pytest.raises(ServiceError) as refused:
        draft_quote(world, discount_amount=Decimal("36400.01"), discount_reason="Te veel")
    assert field_errors(refused) == {
        "discount_amount": [
            "Vul een korting in euro's en centen in tussen € 0,00 en € 36.400,00, de prijs van "
            "de training."
        ]
    }
    assert not Quote.objects.exists()


def test_a_discount_reduces_the_exempt_training(world):
    quote = draft_quote(
        world, include_scan=True, discount_amount=Decimal("1000.00"), discount_reason="Pilot"
    )
    discount = quote.lines.get(kind=LineKind.DISCOUNT)
    assert (discount.unit_price, discount.vat, discount.label) == (
        Decimal("-1000.00"),
        "exempt",
        "Korting: Pilot",
    )
    assert quote.total_excluding_vat == Decimal("40300.00")
    assert quote.total_including_vat == Decimal("41329.00")  # VAT on the scan only


def test_a_quote_cannot_be_valid_in_the_past(world):
    with pytest.raises(ServiceError) as refused:
        draft_quote(world, valid_until=in_days(-1))
    assert field_errors(refused) == {
        "valid_until": [
            "Kies een datum vanaf vandaag: een offerte kan niet in het verleden geldig zijn."
        ]
    }


def test_every_refusal_of_the_form_shows_at_once(world):
    with pytest.raises(ServiceError) as refused:
        draft_quote(
            world,
            participants_round_1=30,
            valid_until=in_days(-3),
            discount_amount=Decimal("10.00"),
        )
    assert set(field_errors(refused)) == {"participants_round_1", "valid_until", "discount_reason"}


def test_without_a_valid_price_list_no_quote_is_made(world):
    end_first_list(world, timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ServiceError) as refused:
        draft_quote(world)
    assert (
        refused.value.message.startswith("Op ") and "geldt geen prijslijst" in refused.value.message
    )


def test_a_draft_changes_and_is_priced_again(world):
    quote = draft_quote(world)
    services.quote_update(
        by=world.actor("adviser"), quote=quote, **choices(participants_round_1=10)
    )
    quote.refresh_from_db()
    assert quote.total_excluding_vat == Decimal("31200.00")
    assert quote.lines.count() == 2


# --- Sending: the prices are fixed ----------------------------------------------------------


def test_sending_fixes_the_prices_a_later_price_list_changes_nothing(world):
    quote = sent_quote(world)
    assert quote.state == QuoteState.SENT and quote.sent_at is not None
    assert quote.price_list == first_list()
    end_first_list(world, timezone.localdate())
    services.price_list_create(
        by=world.outside("adviser"),
        valid_from=timezone.localdate() + datetime.timedelta(days=1),
        valid_until=None,
        terms="Duurder",
        prices=prices(training="2000.00"),
    )
    quote.refresh_from_db()
    assert quote.total_excluding_vat == Decimal("36400.00")
    assert {line.unit_price for line in quote.lines.all()} == {Decimal("1300.00")}


def test_a_draft_past_its_validity_is_not_sent(world):
    quote = draft_quote(world)
    Quote.objects.filter(pk=quote.pk).update(valid_until=in_days(-1))
    quote.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        services.quote_send(by=world.actor("adviser"), quote=quote)
    assert field_errors(refused)["valid_until"][0].startswith("Deze offerte was geldig tot ")
    quote.refresh_from_db()
    assert quote.state == QuoteState.DRAFT


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_only_an_adviser_sends(world, role):
    quote = draft_quote(world)
    with pytest.raises(PermissionDenied):
        services.quote_send(by=world.actor(role), quote=quote)
    with pytest.raises(PermissionDenied):
        services.quote_update(by=world.actor(role), quote=quote, **choices())


def test_a_sent_quote_changes_only_as_a_new_version(world):
    quote = sent_quote(world)
    with pytest.raises(ServiceError) as refused:
        services.quote_update(by=world.actor("adviser"), quote=quote, **choices())
    assert refused.value.message == (
        "Deze offerte is verstuurd en kan niet meer veranderen. Maak een nieuwe versie om iets "
        "te wijzigen."
    )
    with pytest.raises(ServiceError):
        services.quote_send(by=world.actor("adviser"), quote=quote)


# --- Accepting and declining ----------------------------------------------------------------


def test_accepting_records_who_and_when_and_moves_the_trajectory_into_preparation(world):
    trajectory = offer_trajectory(world)
    quote = sent_quote(world, trajectory=trajectory, participants_round_1=12)
    before = timezone.now()
    services.quote_accept(by=world.actor("manager"), quote=quote)
    quote.refresh_from_db()
    assert quote.state == QuoteState.ACCEPTED
    assert quote.accepted_by == world.users["manager"] and quote.accepted_at >= before
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.PREPARATION
    assert dict(trajectory.rounds.values_list("stage", "agreed_participants")) == {
        Stage.ROUND_1: 12,
        Stage.ROUND_2: 14,
    }


@pytest.mark.parametrize("role", ["adviser", "trainer", "participant"])
def test_only_the_project_leader_or_manager_decides(world, role):
    quote = sent_quote(world)
    with pytest.raises(PermissionDenied):
        services.quote_accept(by=world.actor(role), quote=quote)
    with pytest.raises(PermissionDenied):
        services.quote_decline(by=world.actor(role), quote=quote)
    quote.refresh_from_db()
    assert quote.state == QuoteState.SENT


def test_another_organisation_cannot_decide(world):
    quote = sent_quote(world)
    with pytest.raises(PermissionDenied):
        services.quote_accept(by=world.actor("outsider"), quote=quote)


def test_an_expired_quote_is_refused_before_the_daily_task_ran(world):
    quote = sent_quote(world)
    Quote.objects.filter(pk=quote.pk).update(valid_until=in_days(-1))
    quote.refresh_from_db()
    assert quote.state == QuoteState.SENT  # the task has not run
    with pytest.raises(ServiceError) as refused:
        services.quote_accept(by=world.actor("project_leader"), quote=quote)
    assert refused.value.message.startswith("Deze offerte is op ")
    assert refused.value.message.endswith(
        "verlopen en kan niet meer worden geaccepteerd. Vraag je adviseur om een nieuwe versie."
    )
    assert services.quotes_expire() == 1
    quote.refresh_from_db()
    assert quote.state == QuoteState.EXPIRED
    with pytest.raises(ServiceError, match="verlopen"):
        services.quote_accept(by=world.actor("project_leader"), quote=quote)
    assert services.quotes_expire() == 0  # idempotent


def test_the_expiry_task_leaves_valid_drafts_and_decided_quotes_alone(world):
    draft = draft_quote(world)
    accepted = accepted_quote(world)
    Quote.objects.filter(pk__in=[draft.pk, accepted.pk]).update(valid_until=in_days(-5))
    assert services.quotes_expire() == 0
    assert set(Quote.objects.values_list("state", flat=True)) == {"draft", "accepted"}


def test_an_accepted_quote_is_immutable(world):
    quote = accepted_quote(world)
    adviser, leader = world.actor("adviser"), world.actor("project_leader")
    attempts = [
        lambda: services.quote_update(by=adviser, quote=quote, **choices()),
        lambda: services.quote_send(by=adviser, quote=quote),
        lambda: services.quote_accept(by=leader, quote=quote),
        lambda: services.quote_decline(by=leader, quote=quote),
    ]
    for attempt in attempts:
        with pytest.raises(ServiceError):
            attempt()
    quote.refresh_from_db()
    assert quote.state == QuoteState.ACCEPTED
    assert quote.accepted_by == world.users["project_leader"]


def test_a_declined_quote_cannot_be_accepted(world):
    quote = sent_quote(world)
    services.quote_decline(by=world.actor("project_leader"), quote=quote)
    quote.refresh_from_db()
    assert quote.state == QuoteState.DECLINED and quote.declined_at is not None
    with pytest.raises(ServiceError) as refused:
        services.quote_accept(by=world.actor("manager"), quote=quote)
    assert refused.value.message == "Deze offerte is al afgewezen."


def test_a_draft_cannot_be_accepted(world):
    quote = draft_quote(world)
    with pytest.raises(ServiceError) as refused:
        services.quote_accept(by=world.actor("manager"), quote=quote)
    assert refused.value.message == "Deze offerte is nog niet verstuurd."


# --- Versions ---------------------------------------------------------------------------------


def test_a_new_version_keeps_the_old_one_as_it_was(world):
    quote = accepted_quote(world, include_scan=True)
    new = services.quote_new_version(by=world.actor("adviser"), quote=quote)
    assert (new.number, new.version, new.replaces) == (quote.number, 2, quote)
    assert new.state == QuoteState.DRAFT and new.include_scan
    assert new.reference == f"{quote.number} v2"
    services.quote_update(by=world.actor("adviser"), quote=new, **choices(participants_round_1=10))
    quote.refresh_from_db()
    assert quote.state == QuoteState.ACCEPTED and quote.participants_round_1 == 14
    assert quote.lines.count() == 3
    with pytest.raises(ServiceError) as refused:
        services.quote_new_version(by=world.actor("adviser"), quote=quote)
    assert refused.value.message == "Versie 2 van deze offerte is al gemaakt."


def test_a_replaced_version_cannot_be_accepted(world):
    quote = sent_quote(world)
    services.quote_new_version(by=world.actor("adviser"), quote=quote)
    with pytest.raises(ServiceError) as refused:
        services.quote_accept(by=world.actor("project_leader"), quote=quote)
    assert refused.value.message == (
        "Er is een nieuwere versie van deze offerte: beslis over die versie."
    )


def test_a_draft_is_changed_not_versioned(world):
    with pytest.raises(ServiceError) as refused:
        services.quote_new_version(by=world.actor("adviser"), quote=draft_quote(world))
    assert refused.value.message == "Deze offerte is nog een concept: wijzig haar gewoon."


def test_a_new_version_of_an_expired_quote_is_valid_again(world):
    quote = sent_quote(world)
    Quote.objects.filter(pk=quote.pk).update(valid_until=in_days(-2), state="expired")
    quote.refresh_from_db()
    new = services.quote_new_version(by=world.actor("adviser"), quote=quote)
    assert new.valid_until == in_days(30)


# --- Starting a trajectory from an accepted quote ------------------------------------------


def test_an_accepted_quote_without_a_trajectory_starts_one(world):
    quote = accepted_quote(world, participants_round_1=11, participants_round_2=13)
    trajectory = services.quote_start_trajectory(
        by=world.actor("project_leader"), quote=quote, name="Uit de offerte", starts_on=None
    )
    quote.refresh_from_db()
    assert quote.trajectory == trajectory and quote.state == QuoteState.ACCEPTED
    assert trajectory.phase == Phase.PREPARATION
    assert dict(trajectory.rounds.values_list("stage", "agreed_participants")) == {
        Stage.ROUND_1: 11,
        Stage.ROUND_2: 13,
    }
    with pytest.raises(ServiceError) as refused:
        services.quote_start_trajectory(
            by=world.actor("adviser"), quote=quote, name="Nog een", starts_on=None
        )
    assert refused.value.message == "Deze offerte hoort al bij een traject."


def test_only_an_accepted_quote_starts_a_trajectory(world):
    with pytest.raises(ServiceError) as refused:
        services.quote_start_trajectory(
            by=world.actor("adviser"), quote=sent_quote(world), name="X", starts_on=None
        )
    assert (
        refused.value.message == "Alleen met een geaccepteerde offerte kun je een traject starten."
    )


@pytest.mark.parametrize("role", ["manager", "trainer", "participant"])
def test_only_organisers_start_a_trajectory_from_a_quote(world, role):
    quote = accepted_quote(world)
    with pytest.raises(PermissionDenied):
        services.quote_start_trajectory(by=world.actor(role), quote=quote, name="X", starts_on=None)


# --- The agreement on the trajectory --------------------------------------------------------


def test_recording_an_agreement_moves_only_from_the_offer_phase(world):
    trajectory = world.trajectory  # in preparation already
    Trajectory.objects.filter(pk=trajectory.pk).update(phase=Phase.ROUND_1)
    trajectory.refresh_from_db()
    trajectory_services.trajectory_record_agreement(
        by=world.actor("manager"), trajectory=trajectory, participants={Stage.ROUND_1: 10}
    )
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.ROUND_1
    assert world.round_1.__class__.objects.get(pk=world.round_1.pk).agreed_participants == 10


@pytest.mark.parametrize("role", ["trainer", "participant", "outsider"])
def test_recording_an_agreement_takes_a_staff_role_of_the_organisation(world, role):
    with pytest.raises(PermissionDenied):
        trajectory_services.trajectory_record_agreement(
            by=world.actor(role), trajectory=world.trajectory, participants={Stage.ROUND_1: 10}
        )


# --- Invoices -------------------------------------------------------------------------------


def enrol(world, round_: Round, count: int) -> None:
    for _ in range(count):
        EnrolmentFactory(round=round_, person=PersonFactory(organisation=world.org))


def test_a_round_is_invoiced_for_its_minimum_when_fewer_enrolled(world):
    invoice = round_invoice(world)  # one trainer enrolled in round 1, minimum 10
    year = timezone.localdate().year
    assert invoice.number == f"{year}-0001" and invoice.state == InvoiceState.DRAFT
    assert (invoice.kind, invoice.round) == (InvoiceKind.ROUND, world.round_1)
    line = invoice.lines.get()
    assert (line.quantity, line.unit_price, line.vat) == (10, Decimal("1300.00"), "exempt")
    assert invoice.total_including_vat == Decimal("13000.00")


def test_a_round_is_invoiced_for_everyone_enrolled_above_the_minimum(world):
    enrol(world, world.round_2, 12)  # and the world's participant: 13
    EnrolmentFactory(
        round=world.round_2,
        person=PersonFactory(organisation=world.org),
        status=Enrolment.Status.WAITLISTED,
    )
    invoice = round_invoice(world, world.round_2)
    assert invoice.lines.get().quantity == 13
    assert invoice.total_excluding_vat == Decimal("16900.00")


def test_the_invoice_uses_the_price_the_quote_was_sent_with(world):
    accepted_quote(world, trajectory=world.trajectory)
    end_first_list(world, timezone.localdate())
    services.price_list_create(
        by=world.outside("adviser"),
        valid_from=timezone.localdate() + datetime.timedelta(days=1),
        valid_until=None,
        terms="Duurder",
        prices=prices(training="2000.00"),
    )
    invoice = services.invoice_create_for_round(by=world.actor("adviser"), round_=world.round_1)
    assert invoice.lines.get().unit_price == Decimal("1300.00")


def test_the_discount_is_split_over_the_round_invoices(world):
    accepted_quote(
        world,
        trajectory=world.trajectory,
        discount_amount=Decimal("1000.01"),
        discount_reason="Pilotgemeente",
    )
    one = services.invoice_create_for_round(by=world.actor("adviser"), round_=world.round_1)
    two = services.invoice_create_for_round(by=world.actor("adviser"), round_=world.round_2)
    discounts = [i.lines.get(kind=LineKind.DISCOUNT).unit_price for i in (one, two)]
    assert discounts == [Decimal("-500.01"), Decimal("-500.00")]
    assert one.total_excluding_vat == Decimal("12499.99")


def test_a_round_is_invoiced_once(world):
    first = round_invoice(world)
    with pytest.raises(ServiceError) as refused:
        services.invoice_create_for_round(by=world.actor("adviser"), round_=world.round_1)
    assert refused.value.message == f"Deze ronde is al gefactureerd: factuur {first.number}."
    assert Counter.objects.get(key__startswith="invoice").last == 1  # no number used up


def test_the_database_refuses_a_second_invoice_for_a_round(world):
    first = round_invoice(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            organisation=world.org,
            number="2099-9999",
            kind=InvoiceKind.ROUND,
            quote=first.quote,
            round=world.round_1,
            issued_on=timezone.localdate(),
            total_excluding_vat=0,
            total_including_vat=0,
        )


def test_without_an_accepted_quote_nothing_is_invoiced(world):
    sent_quote(world, trajectory=world.trajectory)
    with pytest.raises(ServiceError) as refused:
        services.invoice_create_for_round(by=world.actor("adviser"), round_=world.round_1)
    assert refused.value.message == (
        "Dit traject heeft geen geaccepteerde offerte om uit te factureren."
    )
    assert not Invoice.objects.exists()


def test_the_extras_are_their_own_invoice(world):
    quote = accepted_quote(world, include_scan=True, include_tasting=True)
    invoice = services.invoice_create_for_extras(by=world.actor("adviser"), quote=quote)
    assert invoice.kind == InvoiceKind.EXTRAS
    assert [line.kind for line in invoice.lines.all()] == ["scan", "tasting"]
    assert invoice.total_excluding_vat == Decimal("6400.00")
    assert invoice.total_including_vat == Decimal("7429.00")
    with pytest.raises(ServiceError, match="al gefactureerd"):
        services.invoice_create_for_extras(by=world.actor("adviser"), quote=quote)


def test_a_quote_without_extras_has_no_extras_invoice(world):
    quote = accepted_quote(world)
    with pytest.raises(ServiceError) as refused:
        services.invoice_create_for_extras(by=world.actor("adviser"), quote=quote)
    assert refused.value.message == "Deze offerte heeft geen extra's om te factureren."


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_only_an_adviser_manages_invoices(world, role):
    invoice = round_invoice(world)
    actor = world.actor(role)
    attempts = [
        lambda: services.invoice_create_for_round(by=actor, round_=world.round_2),
        lambda: services.invoice_create_for_extras(by=actor, quote=invoice.quote),
        lambda: services.invoice_send(by=actor, invoice=invoice),
        lambda: services.invoice_mark_paid(by=actor, invoice=invoice, paid_on=timezone.localdate()),
        lambda: services.invoice_credit(by=actor, invoice=invoice),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()


def test_an_invoice_is_sent_paid_and_its_due_date_is_the_payment_term(world, settings):
    settings.PAYMENT_TERM_DAYS = 14
    invoice = round_invoice(world)
    adviser = world.actor("adviser")
    with pytest.raises(ServiceError) as refused:
        services.invoice_mark_paid(by=adviser, invoice=invoice, paid_on=timezone.localdate())
    assert refused.value.message == "Alleen een verstuurde factuur kan worden betaald."
    services.invoice_send(by=adviser, invoice=invoice)
    assert invoice.due_on == timezone.localdate() + datetime.timedelta(days=14)
    with pytest.raises(ServiceError) as refused:
        services.invoice_mark_paid(by=adviser, invoice=invoice, paid_on=in_days(1))
    assert refused.value.field_errors == {
        "paid_on": ["Kies vandaag of een eerdere dag: geen datum in de toekomst."]
    }
    services.invoice_mark_paid(by=adviser, invoice=invoice, paid_on=timezone.localdate())
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.PAID and invoice.paid_on == timezone.localdate()


def test_an_invoice_is_overdue_when_sent_unpaid_and_past_due(world):
    invoice = round_invoice(world)
    services.invoice_send(by=world.actor("adviser"), invoice=invoice)
    assert not invoice.is_overdue
    Invoice.objects.filter(pk=invoice.pk).update(due_on=in_days(-1))
    invoice.refresh_from_db()
    assert invoice.is_overdue
    assert list(Invoice.objects.overdue()) == [invoice]


def test_crediting_makes_a_negative_credit_note_with_its_own_number(world):
    invoice = round_invoice(world)
    adviser = world.actor("adviser")
    services.invoice_send(by=adviser, invoice=invoice)
    note = services.invoice_credit(by=adviser, invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.CREDITED and invoice.credited_at is not None
    assert (note.kind, note.credits, note.state) == (
        InvoiceKind.CREDIT_NOTE,
        invoice,
        InvoiceState.SENT,
    )
    assert note.number != invoice.number
    assert note.total_including_vat == -invoice.total_including_vat
    assert [line.unit_price for line in note.lines.all()] == [Decimal("-1300.00")]
    with pytest.raises(ServiceError, match="al gecrediteerd"):
        services.invoice_credit(by=adviser, invoice=invoice)
    with pytest.raises(ServiceError, match="creditnota kan niet"):
        services.invoice_credit(by=adviser, invoice=note)
    with pytest.raises(ServiceError, match="niet betaald"):
        services.invoice_mark_paid(by=adviser, invoice=note, paid_on=timezone.localdate())
    # A credited round can be invoiced again.
    again = services.invoice_create_for_round(by=adviser, round_=world.round_1)
    assert again.number not in (invoice.number, note.number)


def test_invoice_numbers_run_per_calendar_year_without_gaps(world, time_machine=None):
    invoice = round_invoice(world)
    year = timezone.localdate().year
    assert invoice.number == f"{year}-0001"
    assert services.next_number("invoice", year) == f"{year}-0002"
    assert services.next_number("invoice", year + 1) == f"{year + 1}-0001"


# --- The daily invoicing of rounds ----------------------------------------------------------


def test_the_daily_task_invoices_a_round_once_its_first_meeting_has_come(world):
    quote = accepted_quote(world, trajectory=world.trajectory)
    today = timezone.localdate()
    plan_first_meeting(world.round_1, today)
    plan_first_meeting(world.round_2, today + datetime.timedelta(days=60))
    made = services.invoices_create_due()
    assert [(i.round, i.quote, i.state) for i in made] == [(world.round_1, quote, "draft")]
    assert services.invoices_create_due() == []  # idempotent
    # Credited, a round is not invoiced again by the task: the adviser decides.
    services.invoice_credit(by=world.actor("adviser"), invoice=made[0])
    assert services.invoices_create_due() == []
    later = services.invoices_create_due(today=today + datetime.timedelta(days=60))
    assert [i.round for i in later] == [world.round_2]


def test_the_daily_task_skips_rounds_without_an_accepted_quote(world):
    sent_quote(world, trajectory=world.trajectory)
    plan_first_meeting(world.round_1, timezone.localdate())
    assert services.invoices_create_due() == []


def test_rewinding_gives_again_only_the_numbers_of_rows_that_are_gone(world):
    first, second = draft_quote(world), draft_quote(world)
    year = timezone.localdate().year
    assert second.number == f"OF-{year}-0002"
    Quote.objects.filter(pk=second.pk).delete()
    services.numbers_rewind()
    assert draft_quote(world).number == f"OF-{year}-0002"  # the number of the one taken out
    Quote.objects.filter(pk=first.pk).delete()
    services.numbers_rewind()  # 0002 is still in use: the series stays there
    assert draft_quote(world).number == f"OF-{year}-0003"


def test_quotes_expire_and_started_rounds_are_invoiced_daily_by_the_worker(world):
    from binnenuit.core.periodic import PERIODIC
    from binnenuit.offers.tasks import offers_expire_quotes, offers_invoice_started_rounds

    for task in (offers_expire_quotes, offers_invoice_started_rounds):
        [job] = [p for p in PERIODIC.values() if p.task is task]
        assert job.every == datetime.timedelta(days=1)
    quote = sent_quote(world, valid_until=in_days(1))
    Quote.objects.filter(pk=quote.pk).update(valid_until=in_days(-1))
    assert offers_expire_quotes.call() == 1
    quote.refresh_from_db()
    assert quote.state == QuoteState.EXPIRED
