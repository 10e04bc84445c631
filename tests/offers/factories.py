"""Quotes, invoices and price lists for the offers tests, made through the services (so they
are what the app would make), plus bare-row factories where a test needs an odd state."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from binnenuit.catalogue.models import Stage
from binnenuit.offers import services
from binnenuit.offers.models import Invoice, Price, PriceList, Quote
from binnenuit.trajectories.models import Meeting, Phase, Round, Trajectory
from tests.conftest import World
from tests.factories import TrajectoryFactory


class PriceListFactory(factory.django.DjangoModelFactory):
    """A price list row without prices (``with_prices`` adds the brochure's three)."""

    class Meta:
        model = PriceList
        skip_postgeneration_save = True

    valid_from = datetime.date(2030, 1, 1)
    terms = "Voorwaarden van de prijslijst."

    @factory.post_generation
    def with_prices(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            for kind, amount, vat in (
                ("training", "1300.00", "exempt"),
                ("scan", "4900.00", "21"),
                ("tasting", "1500.00", "exempt"),
            ):
                Price.objects.create(
                    price_list=obj,
                    kind=kind,
                    description=f"Prijs {kind}",
                    amount=Decimal(amount),
                    vat=vat,
                )


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def offer_trajectory(world: World, name: str = "Traject in offerte") -> Trajectory:
    """A trajectory of the world's organisation still in the offer phase, with two rounds."""
    trajectory = TrajectoryFactory(organisation=world.org, name=name, phase=Phase.OFFER)
    for stage in (Stage.ROUND_1, Stage.ROUND_2):
        Round.objects.create(organisation=world.org, trajectory=trajectory, stage=stage)
    return trajectory


def choices(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "trajectory": None,
        "participants_round_1": 14,
        "participants_round_2": 14,
        "include_scan": False,
        "include_tasting": False,
        "discount_amount": None,
        "discount_reason": "",
        "valid_until": in_days(30),
    }
    values.update(overrides)
    return values


def draft_quote(world: World, **overrides: object) -> Quote:
    return services.quote_create(by=world.actor("adviser"), **choices(**overrides))


def sent_quote(world: World, **overrides: object) -> Quote:
    quote = draft_quote(world, **overrides)
    return services.quote_send(by=world.actor("adviser"), quote=quote)


def accepted_quote(world: World, **overrides: object) -> Quote:
    quote = sent_quote(world, **overrides)
    return services.quote_accept(by=world.actor("project_leader"), quote=quote)


def round_invoice(world: World, round_: Round | None = None) -> Invoice:
    """A draft invoice for round 1 of the world's trajectory, from an accepted quote."""
    if not Quote.objects.filter(trajectory=world.trajectory, state="accepted").exists():
        accepted_quote(world, trajectory=world.trajectory, include_scan=True)
    return services.invoice_create_for_round(
        by=world.actor("adviser"), round_=round_ or world.round_1
    )


def plan_first_meeting(round_: Round, date: datetime.date) -> None:
    """Give the round's first module session a date."""
    first = Meeting.objects.filter(round=round_).order_by("sequence", "pk").first()
    assert first is not None, "a round started by trajectory_start has its sessions"
    Meeting.objects.filter(pk=first.pk).update(date=date)
