"""Writes for price lists, quotes and invoices: one transaction each, ``by=`` the actor.

The arithmetic is :mod:`binnenuit.offers.pricing`; here it is loaded, checked against the
rounds' limits, stored and numbered. Numbers (quotes and invoices) come from a counter row per
series and calendar year, locked while the next number is taken: no gaps, no duplicates.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import Message, ServiceError
from binnenuit.core.services import save_or_refuse, validate
from binnenuit.offers import price_list_v1, pricing, selectors
from binnenuit.offers.models import (
    Counter,
    DocumentLine,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceState,
    LineKind,
    Price,
    PriceKind,
    PriceList,
    Quote,
    QuoteLine,
    QuoteState,
    Vat,
)
from binnenuit.trajectories.models import Enrolment, Round, Trajectory
from binnenuit.trajectories.services import trajectory_record_agreement, trajectory_start

QUOTE_VALIDITY = datetime.timedelta(days=30)  # a new version's validity, when the old one's passed
ROUND_STAGES = (Stage.ROUND_1, Stage.ROUND_2)


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


# --- Numbers --------------------------------------------------------------------------------


def _counter(key: str) -> Counter:
    """The series' counter row, locked until the transaction ends (made when it is new)."""
    counter = Counter.objects.select_for_update().filter(key=key).first()
    if counter is None:
        try:
            with transaction.atomic():
                Counter.objects.create(key=key)
        except IntegrityError:
            pass  # another transaction made it at the same moment: wait for it below
        counter = Counter.objects.select_for_update().get(key=key)
    return counter


def next_number(series: str, year: int) -> str:
    """The next number of the series in the year: "2026-0007". Call inside a transaction."""
    counter = _counter(f"{series}-{year}")
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{counter.last:04d}"


NUMBER_PREFIXES = {"quote": "OF-", "invoice": ""}  # a series' numbers: prefix + next_number


@transaction.atomic
def numbers_rewind() -> None:
    """Set every number series back to the highest number still in use.

    Numbers are never given twice: only numbers of rows that are gone (the demo's, taken out
    to build it again) are given again, so that a rebuilt demo has the same numbers.
    """
    for counter in Counter.objects.select_for_update():
        series, _dash, year = counter.key.partition("-")
        if series not in NUMBER_PREFIXES:
            continue
        start = f"{NUMBER_PREFIXES[series]}{year}-"
        model = Quote if series == "quote" else Invoice
        numbers = model.objects.filter(number__startswith=start).values_list("number", flat=True)
        last = max((int(n.removeprefix(start)) for n in numbers), default=0)
        if last < counter.last:
            counter.last = last
            counter.save(update_fields=["last"])


# --- Price lists ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceInput:
    """One price as an adviser enters it."""

    description: str
    amount: Decimal
    vat: str


def _amount_message(error: pricing.OutOfRange) -> str:
    return _("Enter an amount in euros and cents between %(low)s and %(high)s.") % {
        "low": pricing.euro(Decimal(error.low)),
        "high": pricing.euro(Decimal(error.high)),
    }


def _check_prices(prices: Mapping[str, PriceInput]) -> None:
    errors: dict[str, Message] = {}
    for kind in PriceKind:
        price = prices.get(kind.value)
        if price is None:
            errors[f"{kind.value}_amount"] = _("Enter this price.")
            continue
        if not price.description.strip():
            errors[f"{kind.value}_description"] = _("Describe what this price is for.")
        try:
            pricing.check_amount(f"{kind.value}_amount", price.amount)
        except pricing.OutOfRange as error:
            errors[error.field] = _amount_message(error)
        if price.vat not in Vat.values:
            errors[f"{kind.value}_vat"] = _("Choose how VAT applies.")
    if errors:
        raise ServiceError(fields=errors)


def _refuse_overlap(price_list: PriceList) -> None:
    """No two price lists cover the same day (checked under the price lists' lock)."""
    others = PriceList.objects.exclude(pk=price_list.pk).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=price_list.valid_from)
    )
    if price_list.valid_until is not None:
        others = others.filter(valid_from__lte=price_list.valid_until)
    other = others.order_by("valid_from").first()
    if other is None:
        return
    if other.valid_until is None:
        message = _(
            "These dates overlap the price list valid from %(start)s without an end date. "
            "Give that one an end date first, or choose other dates."
        ) % {"start": _date(other.valid_from)}
    else:
        message = _(
            "These dates overlap the price list valid from %(start)s to %(end)s. "
            "Choose dates outside that period."
        ) % {"start": _date(other.valid_from), "end": _date(other.valid_until)}
    raise ServiceError(fields={"valid_from": message})


def _lock_price_lists() -> None:
    """One lock for every change of price lists: two advisers at once cannot overlap them."""
    _counter("price-lists")


def _save_prices(price_list: PriceList, prices: Mapping[str, PriceInput]) -> None:
    existing = selectors.prices_of(price_list)
    for kind in PriceKind:
        given = prices[kind.value]
        price = existing.get(kind.value) or Price(price_list=price_list, kind=kind.value)
        price.description = given.description.strip()
        price.amount = given.amount
        price.vat = given.vat
        validate(price)
        price.save()


@transaction.atomic
def price_list_create(
    *,
    by: Actor,
    valid_from: datetime.date,
    valid_until: datetime.date | None,
    terms: str,
    prices: Mapping[str, PriceInput],
) -> PriceList:
    require(by, "pricelist.edit")
    _check_prices(prices)
    _lock_price_lists()
    price_list = PriceList(valid_from=valid_from, valid_until=valid_until, terms=terms.strip())
    validate(price_list)
    _refuse_overlap(price_list)
    price_list.save()
    _save_prices(price_list, prices)
    return price_list


def _refuse_if_in_use(price_list: PriceList) -> None:
    if selectors.price_list_in_use(price_list=price_list):
        raise ServiceError(
            _(
                "Quotes have been sent with this price list, so its prices, terms and start "
                "date can no longer change. Make a new price list instead."
            )
        )


@transaction.atomic
def price_list_update(
    *,
    by: Actor,
    price_list: PriceList,
    valid_from: datetime.date,
    valid_until: datetime.date | None,
    terms: str,
    prices: Mapping[str, PriceInput],
) -> PriceList:
    """Change a price list that no sent quote uses yet."""
    require(by, "pricelist.edit")
    _check_prices(prices)
    _lock_price_lists()
    _refuse_if_in_use(price_list)
    price_list.valid_from, price_list.valid_until = valid_from, valid_until
    price_list.terms = terms.strip()
    validate(price_list)
    _refuse_overlap(price_list)
    price_list.save()
    _save_prices(price_list, prices)
    return price_list


@transaction.atomic
def price_list_end(
    *, by: Actor, price_list: PriceList, valid_until: datetime.date | None
) -> PriceList:
    """Set when a price list ends: the one change a list in use allows (nothing it priced
    changes), so that a new list can follow it. Not before the last quote sent from it."""
    require(by, "pricelist.edit")
    _lock_price_lists()
    last_sent = selectors.price_list_last_sent(price_list=price_list)
    if valid_until is not None and last_sent is not None and valid_until < last_sent:
        raise ServiceError(
            fields={
                "valid_until": _(
                    "A quote was sent with this price list on %(date)s: end it on that day "
                    "or later."
                )
                % {"date": _date(last_sent)}
            }
        )
    price_list.valid_until = valid_until
    validate(price_list)
    _refuse_overlap(price_list)
    price_list.save(update_fields=["valid_until"])
    return price_list


# --- Quotes ---------------------------------------------------------------------------------


def round_limits(trajectory: Trajectory | None) -> list[tuple[int, int]]:
    """(minimum, maximum) participants of round 1 and round 2: the trajectory's rounds, or
    the rounds' defaults for a quote without a trajectory."""
    defaults = (
        int(Round._meta.get_field("min_participants").get_default()),
        int(Round._meta.get_field("max_participants").get_default()),
    )
    if trajectory is None:
        return [defaults, defaults]
    rounds = {
        r.stage: (r.min_participants, r.max_participants)
        for r in Round.objects.filter(trajectory=trajectory)
    }
    return [rounds.get(stage.value, defaults) for stage in ROUND_STAGES]


def _range_message(error: pricing.OutOfRange) -> str:
    if error.field.startswith("participants_round_"):
        return _("Choose between %(low)s and %(high)s participants for round %(number)s.") % {
            "low": error.low,
            "high": error.high,
            "number": error.field.rsplit("_", 1)[1],
        }
    if error.field == "discount":
        return _(
            "Enter a discount in euros and cents between %(low)s and %(high)s, the price of "
            "the training."
        ) % {"low": pricing.euro(Decimal(error.low)), "high": pricing.euro(Decimal(error.high))}
    return _amount_message(error)


def _price_lines(quote: Quote, day: datetime.date) -> list[QuoteLine]:
    """The quote's lines priced with the list valid on ``day``; refusals beside the fields."""
    price_list = selectors.price_list_valid_on(day)
    if price_list is None:
        raise ServiceError(
            _("No price list is valid on %(date)s. An adviser adds one on the price lists page.")
            % {"date": _date(day)}
        )
    prices = selectors.prices_of(price_list)
    choice = pricing.QuoteInput(
        participants=[quote.participants_round_1, quote.participants_round_2],
        limits=round_limits(quote.trajectory),
        include_scan=quote.include_scan,
        include_tasting=quote.include_tasting,
        discount=quote.discount_amount,
    )
    errors: dict[str, Message] = {}
    try:
        # The participants first, the discount after them: a refusal of one is not hidden
        # behind the other's.
        for number, count in enumerate(choice.participants, start=1):
            low, high = choice.limits[number - 1]
            try:
                pricing.check_count(f"participants_round_{number}", count, low=low, high=high)
            except pricing.OutOfRange as error:
                errors[error.field] = _range_message(error)
        if errors:
            raise ServiceError(fields=errors)
        computed = pricing.quote_lines(choice, {k: p.unit_price for k, p in prices.items()})
    except pricing.OutOfRange as error:
        field = "discount_amount" if error.field == "discount" else error.field
        raise ServiceError(fields={field: _range_message(error)}) from error
    except KeyError as error:
        raise ServiceError(
            _("The price list valid on %(date)s lacks a price. An adviser completes it first.")
            % {"date": _date(day)}
        ) from error
    quote.price_list = price_list
    lines = []
    for position, computed_line in enumerate(computed, start=1):
        kind = computed_line.kind
        if kind == LineKind.DISCOUNT:
            description, vat = quote.discount_reason, prices[PriceKind.TRAINING].vat
        else:
            description, vat = prices[kind].description, prices[kind].vat
        lines.append(
            QuoteLine(
                organisation_id=quote.organisation_id,
                position=position,
                kind=kind,
                round_number=computed_line.round_number,
                description=description,
                quantity=computed_line.line.quantity,
                unit_price=computed_line.line.unit_price,
                vat=vat,
            )
        )
    return lines


def _store_lines(quote: Quote, lines: list[QuoteLine]) -> None:
    totals = pricing.totals(line.line for line in lines)
    quote.total_excluding_vat = totals.excluding_vat
    quote.total_including_vat = totals.including_vat
    validate(quote)
    quote.save()
    QuoteLine.objects.filter(quote=quote).delete()
    for line in lines:
        line.quote = quote
    QuoteLine.objects.bulk_create(lines)


def _check_choices(quote: Quote, *, today: datetime.date) -> None:
    """What the form's fields must hold, whatever the prices: every refusal at once."""
    errors: dict[str, Message] = {}
    if quote.trajectory is not None and quote.trajectory.organisation_id != quote.organisation_id:
        errors["trajectory"] = _("Choose a trajectory of this organisation.")
    if quote.valid_until < today:
        errors["valid_until"] = _(
            "Choose a date from today on: a quote cannot be valid in the past."
        )
    quote.discount_reason = quote.discount_reason.strip()
    if quote.discount_amount and not quote.discount_reason:
        errors["discount_reason"] = _("Give the reason for the discount.")
    if not quote.discount_amount:
        quote.discount_reason = ""
    if errors:
        raise ServiceError(fields=errors)


@dataclass(frozen=True)
class QuoteChoices:
    """What an adviser chooses on the quote form."""

    trajectory: Trajectory | None
    participants_round_1: int
    participants_round_2: int
    include_scan: bool
    include_tasting: bool
    discount_amount: Decimal
    discount_reason: str
    valid_until: datetime.date


def _apply(quote: Quote, choices: QuoteChoices) -> None:
    quote.trajectory = choices.trajectory
    quote.participants_round_1 = choices.participants_round_1
    quote.participants_round_2 = choices.participants_round_2
    quote.include_scan = choices.include_scan
    quote.include_tasting = choices.include_tasting
    quote.discount_amount = choices.discount_amount or pricing.ZERO
    quote.discount_reason = choices.discount_reason or ""
    quote.valid_until = choices.valid_until


@transaction.atomic
def quote_create(
    *,
    by: Actor,
    trajectory: Trajectory | None,
    participants_round_1: int,
    participants_round_2: int,
    include_scan: bool,
    include_tasting: bool,
    discount_amount: Decimal | None,
    discount_reason: str,
    valid_until: datetime.date,
) -> Quote:
    """A draft quote for the actor's organisation, priced with today's price list."""
    require(by, "quote.manage")
    quote = Quote(organisation=by.organisation, state=QuoteState.DRAFT)
    _apply(
        quote,
        QuoteChoices(
            trajectory=trajectory,
            participants_round_1=participants_round_1,
            participants_round_2=participants_round_2,
            include_scan=include_scan,
            include_tasting=include_tasting,
            discount_amount=discount_amount or pricing.ZERO,
            discount_reason=discount_reason,
            valid_until=valid_until,
        ),
    )
    _price_and_store_checked(quote, timezone.localdate(), new_number=True)
    return quote


def _price_and_store_checked(
    quote: Quote, today: datetime.date, *, new_number: bool = False
) -> None:
    """Check the choices and price the lines; every refusal beside its field at once. A new
    quote takes its number only once it is valid, so a refused one uses up none."""
    errors: dict[str, list[str]] = {}
    try:
        _check_choices(quote, today=today)
    except ServiceError as error:
        errors.update(error.field_errors)
    try:
        lines = _price_lines(quote, today)
    except ServiceError as error:
        if error.message:
            raise
        for name, messages in error.field_errors.items():
            errors.setdefault(name, messages)
        lines = []
    if errors:
        raise ServiceError(fields={name: list(m) for name, m in errors.items()})
    if new_number:
        quote.number = "OF-" + next_number("quote", today.year)
    _store_lines(quote, lines)


def _locked(quote: Quote) -> Quote:
    """The quote's row locked for this transaction, and the instance brought up to date."""
    fresh = Quote.objects.select_for_update().get(pk=quote.pk)
    for name in ("state", "trajectory_id", "accepted_at", "accepted_by_id", "sent_at"):
        setattr(quote, name, getattr(fresh, name))
    return quote


def _refuse_unless_draft(quote: Quote) -> None:
    if quote.state != QuoteState.DRAFT:
        raise ServiceError(
            _("This quote is %(state)s and can no longer change. Make a new version to change it.")
            % {"state": quote.shown_state.lower()}
        )


@transaction.atomic
def quote_update(
    *,
    by: Actor,
    quote: Quote,
    trajectory: Trajectory | None,
    participants_round_1: int,
    participants_round_2: int,
    include_scan: bool,
    include_tasting: bool,
    discount_amount: Decimal | None,
    discount_reason: str,
    valid_until: datetime.date,
) -> Quote:
    """Change a draft; a quote that has been sent changes only as a new version."""
    require(by, "quote.manage", quote)
    _locked(quote)
    _refuse_unless_draft(quote)
    _apply(
        quote,
        QuoteChoices(
            trajectory=trajectory,
            participants_round_1=participants_round_1,
            participants_round_2=participants_round_2,
            include_scan=include_scan,
            include_tasting=include_tasting,
            discount_amount=discount_amount or pricing.ZERO,
            discount_reason=discount_reason,
            valid_until=valid_until,
        ),
    )
    _price_and_store_checked(quote, timezone.localdate())
    return quote


@transaction.atomic
def quote_send(*, by: Actor, quote: Quote) -> Quote:
    """Send a draft: its lines are priced with today's price list and stay so."""
    require(by, "quote.manage", quote)
    _locked(quote)
    _refuse_unless_draft(quote)
    today = timezone.localdate()
    if quote.valid_until < today:
        raise ServiceError(
            fields={
                "valid_until": _(
                    "This quote was valid until %(date)s. Change its validity to a date from "
                    "today on before sending it."
                )
                % {"date": _date(quote.valid_until)}
            }
        )
    _price_and_store_checked(quote, today)
    quote.state = QuoteState.SENT
    quote.sent_at = timezone.now()
    quote.save(update_fields=["state", "sent_at"])
    return quote


def check_decidable(quote: Quote) -> None:
    """Only the latest version of a sent quote, within its validity, can be decided on."""
    if Quote.objects.filter(replaces=quote).exists():
        raise ServiceError(
            _("A newer version of this quote has been made: decide on that one instead.")
        )
    if quote.state == QuoteState.ACCEPTED:
        raise ServiceError(_("This quote has been accepted already."))
    if quote.state == QuoteState.DECLINED:
        raise ServiceError(_("This quote has been declined already."))
    if quote.is_past_validity:
        raise ServiceError(
            _(
                "This quote expired on %(date)s and can no longer be accepted. Ask your "
                "adviser for a new version."
            )
            % {"date": _date(quote.valid_until)}
        )
    if quote.state != QuoteState.SENT:
        raise ServiceError(_("This quote has not been sent yet."))


@transaction.atomic
def quote_accept(*, by: Actor, quote: Quote) -> Quote:
    """The organisation accepts: who and when are recorded; a linked trajectory moves from
    the offer into preparation, with the agreed participants per round."""
    require(by, "quote.decide", quote)
    _locked(quote)
    check_decidable(quote)
    quote.state = QuoteState.ACCEPTED
    quote.accepted_at = timezone.now()
    quote.accepted_by = by.user
    quote.save(update_fields=["state", "accepted_at", "accepted_by"])
    if quote.trajectory is not None:
        _record_agreement(by, quote, quote.trajectory)
    return quote


def _record_agreement(by: Actor, quote: Quote, trajectory: Trajectory) -> None:
    trajectory_record_agreement(
        by=by,
        trajectory=trajectory,
        participants={
            Stage.ROUND_1: quote.participants_round_1,
            Stage.ROUND_2: quote.participants_round_2,
        },
    )


@transaction.atomic
def quote_decline(*, by: Actor, quote: Quote) -> Quote:
    require(by, "quote.decide", quote)
    _locked(quote)
    check_decidable(quote)
    quote.state = QuoteState.DECLINED
    quote.declined_at = timezone.now()
    quote.save(update_fields=["state", "declined_at"])
    return quote


@transaction.atomic
def quote_new_version(*, by: Actor, quote: Quote) -> Quote:
    """A draft copy of a quote that has been sent, as its next version; the old one stays
    as it is (an accepted one stays the agreement until the new one is accepted)."""
    require(by, "quote.manage", quote)
    _locked(quote)
    if quote.state == QuoteState.DRAFT:
        raise ServiceError(_("This quote is still a draft: change it directly."))
    newer = Quote.objects.filter(replaces=quote).first()
    if newer is not None:
        raise ServiceError(
            _("Version %(version)s of this quote has been made already.")
            % {"version": newer.version}
        )
    today = timezone.localdate()
    copy = Quote(
        organisation_id=quote.organisation_id,
        number=quote.number,
        version=quote.version + 1,
        replaces=quote,
        state=QuoteState.DRAFT,
    )
    _apply(
        copy,
        QuoteChoices(
            trajectory=quote.trajectory,
            participants_round_1=quote.participants_round_1,
            participants_round_2=quote.participants_round_2,
            include_scan=quote.include_scan,
            include_tasting=quote.include_tasting,
            discount_amount=quote.discount_amount,
            discount_reason=quote.discount_reason,
            valid_until=max(quote.valid_until, today + QUOTE_VALIDITY),
        ),
    )
    try:
        _price_and_store_checked(copy, today)
    except ServiceError as error:
        # The old numbers no longer fit (the rounds' limits changed): say so on the page.
        raise ServiceError(" ".join(error.messages)) from error
    return copy


@transaction.atomic
def quote_start_trajectory(
    *, by: Actor, quote: Quote, name: str, starts_on: datetime.date | None
) -> Trajectory:
    """Start the trajectory an accepted quote without one agreed to, with its numbers."""
    require(by, "quote.start_trajectory", quote)
    _locked(quote)
    if quote.state != QuoteState.ACCEPTED:
        raise ServiceError(_("Only an accepted quote can start a trajectory."))
    if quote.trajectory_id is not None:
        raise ServiceError(_("This quote belongs to a trajectory already."))
    trajectory = trajectory_start(by=by, name=name, starts_on=starts_on)
    quote.trajectory = trajectory
    quote.save(update_fields=["trajectory"])
    _record_agreement(by, quote, trajectory)
    return trajectory


def quotes_expire(*, today: datetime.date | None = None) -> int:
    """Mark sent quotes past their validity as expired (the daily task); how many."""
    day = today or timezone.localdate()
    return Quote.objects.filter(state=QuoteState.SENT, valid_until__lt=day).update(
        state=QuoteState.EXPIRED
    )


# --- Invoices -------------------------------------------------------------------------------


def _invoice_line(position: int, source: DocumentLine, **changes: object) -> InvoiceLine:
    line = InvoiceLine(
        organisation_id=source.organisation_id,
        position=position,
        kind=source.kind,
        round_number=source.round_number,
        description=source.description,
        quantity=source.quantity,
        unit_price=source.unit_price,
        vat=source.vat,
    )
    for name, value in changes.items():
        setattr(line, name, value)
    return line


def _make_invoice(
    *,
    quote: Quote,
    kind: InvoiceKind,
    lines: list[InvoiceLine],
    round_: Round | None = None,
    credits: Invoice | None = None,
    state: InvoiceState = InvoiceState.DRAFT,
) -> Invoice:
    """Number and store an invoice with its lines. A refusal rolls the number back with the
    rest of the transaction, so numbers have no gaps."""
    today = timezone.localdate()
    totals = pricing.totals(line.line for line in lines)
    invoice = Invoice(
        organisation_id=quote.organisation_id,
        number=next_number("invoice", today.year),
        kind=kind,
        quote=quote,
        round=round_,
        credits=credits,
        state=state,
        issued_on=today,
        total_excluding_vat=totals.excluding_vat,
        total_including_vat=totals.including_vat,
    )
    if state == InvoiceState.SENT:
        invoice.sent_at = timezone.now()
    validate(invoice)
    save_or_refuse(invoice, field=None, message=_("This has been invoiced already."))
    for line in lines:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(lines)
    return invoice


def _invoice_round(round_: Round) -> Invoice:
    locked = Round.objects.select_for_update().select_related("trajectory").get(pk=round_.pk)
    earlier = (
        Invoice.objects.filter(round=locked, kind=InvoiceKind.ROUND)
        .exclude(state=InvoiceState.CREDITED)
        .first()
    )
    if earlier is not None:
        raise ServiceError(
            _("This round has been invoiced already: invoice %(number)s.")
            % {"number": earlier.number}
        )
    quote = selectors.accepted_quote(trajectory=locked.trajectory_id)
    if quote is None:
        raise ServiceError(_("This trajectory has no accepted quote to invoice from."))
    training = quote.lines.filter(kind=LineKind.TRAINING, round_number=locked.number).first()
    if training is None:
        raise ServiceError(_("The accepted quote has no training for this round."))
    enrolled = Enrolment.objects.filter(round=locked, status=Enrolment.Status.ENROLLED).count()
    lines = [_invoice_line(1, training, quantity=max(locked.min_participants, enrolled))]
    if quote.discount_amount:
        # The discount is a reduction of the training fee: half with each round's invoice,
        # never more than that invoice's training.
        share = pricing.split_discount(quote.discount_amount, len(ROUND_STAGES))[locked.number - 1]
        share = min(share, lines[0].amount)
        if share:
            lines.append(
                InvoiceLine(
                    organisation_id=quote.organisation_id,
                    position=2,
                    kind=LineKind.DISCOUNT,
                    description=quote.discount_reason,
                    quantity=1,
                    unit_price=-share,
                    vat=training.vat,
                )
            )
    return _make_invoice(quote=quote, kind=InvoiceKind.ROUND, lines=lines, round_=locked)


@transaction.atomic
def invoice_create_for_round(*, by: Actor, round_: Round) -> Invoice:
    """The draft invoice of a round: max(minimum, enrolled) × the accepted training price."""
    require(by, "invoice.manage", round_)
    return _invoice_round(round_)


@transaction.atomic
def invoice_create_for_extras(*, by: Actor, quote: Quote) -> Invoice:
    """The draft invoice of an accepted quote's extras (the scan, the tasting)."""
    require(by, "invoice.manage", quote)
    _locked(quote)
    if quote.state != QuoteState.ACCEPTED:
        raise ServiceError(_("Only an accepted quote can be invoiced."))
    earlier = (
        Invoice.objects.filter(quote=quote, kind=InvoiceKind.EXTRAS)
        .exclude(state=InvoiceState.CREDITED)
        .first()
    )
    if earlier is not None:
        raise ServiceError(
            _("The extras of this quote have been invoiced already: invoice %(number)s.")
            % {"number": earlier.number}
        )
    extras = list(quote.lines.filter(kind__in=[LineKind.SCAN, LineKind.TASTING]))
    if not extras:
        raise ServiceError(_("This quote has no extras to invoice."))
    lines = [_invoice_line(i, line) for i, line in enumerate(extras, start=1)]
    return _make_invoice(quote=quote, kind=InvoiceKind.EXTRAS, lines=lines)


def _locked_invoice(invoice: Invoice) -> Invoice:
    fresh = Invoice.objects.select_for_update().get(pk=invoice.pk)
    for name in ("state", "sent_at", "due_on", "paid_on", "credited_at"):
        setattr(invoice, name, getattr(fresh, name))
    return invoice


@transaction.atomic
def invoice_send(*, by: Actor, invoice: Invoice) -> Invoice:
    """Send a draft: it is due ``PAYMENT_TERM_DAYS`` later."""
    require(by, "invoice.manage", invoice)
    _locked_invoice(invoice)
    if invoice.state != InvoiceState.DRAFT:
        raise ServiceError(_("This invoice has been sent already."))
    invoice.state = InvoiceState.SENT
    invoice.sent_at = timezone.now()
    invoice.due_on = timezone.localdate() + datetime.timedelta(days=settings.PAYMENT_TERM_DAYS)
    invoice.save(update_fields=["state", "sent_at", "due_on"])
    return invoice


@transaction.atomic
def invoice_mark_paid(*, by: Actor, invoice: Invoice, paid_on: datetime.date) -> Invoice:
    require(by, "invoice.manage", invoice)
    _locked_invoice(invoice)
    if invoice.is_credit_note:
        raise ServiceError(_("A credit note is not paid: it corrects an invoice."))
    if invoice.state == InvoiceState.PAID:
        raise ServiceError(_("This invoice has been marked as paid already."))
    if invoice.state != InvoiceState.SENT:
        raise ServiceError(_("Only a sent invoice can be paid."))
    today = timezone.localdate()
    if paid_on > today:
        raise ServiceError(
            fields={"paid_on": _("Choose today or a day before: not a future date.")}
        )
    if paid_on < invoice.issued_on:
        raise ServiceError(
            fields={
                "paid_on": _("Choose a date on or after the invoice date, %(date)s.")
                % {"date": _date(invoice.issued_on)}
            }
        )
    invoice.state = InvoiceState.PAID
    invoice.paid_on = paid_on
    invoice.save(update_fields=["state", "paid_on"])
    return invoice


@transaction.atomic
def invoice_credit(*, by: Actor, invoice: Invoice) -> Invoice:
    """Credit an invoice: a credit note with the same lines negated, numbered like every
    invoice and referring to it; the invoice is credited. Returns the credit note."""
    require(by, "invoice.manage", invoice)
    _locked_invoice(invoice)
    if invoice.is_credit_note:
        raise ServiceError(_("A credit note cannot be credited."))
    if invoice.state == InvoiceState.CREDITED:
        raise ServiceError(_("This invoice has been credited already."))
    lines = [
        _invoice_line(i, line, unit_price=-line.unit_price)
        for i, line in enumerate(invoice.lines.all(), start=1)
    ]
    invoice.state = InvoiceState.CREDITED
    invoice.credited_at = timezone.now()
    invoice.save(update_fields=["state", "credited_at"])
    return _make_invoice(
        quote=invoice.quote,
        kind=InvoiceKind.CREDIT_NOTE,
        lines=lines,
        credits=invoice,
        state=InvoiceState.SENT,
    )


def invoices_create_due(*, today: datetime.date | None = None) -> list[Invoice]:
    """The daily task: the draft invoice of every round whose first planned meeting has come
    (one per round: a round invoiced already is left alone, also when two runs meet)."""
    day = today or timezone.localdate()
    made = []
    for round_ in selectors.rounds_due_for_invoice(today=day):
        try:
            with transaction.atomic():
                made.append(_invoice_round(round_))
        except ServiceError:
            continue
    return made


def price_list_seed() -> None:
    """The first price list, as the data migration made it (for tests after a flush)."""
    price_list_v1.seed(price_list_model=PriceList, price_model=Price)
