"""Reads for the price lists, quotes and invoices: fixed numbers of queries, scoped."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from binnenuit.core.access import Actor, fetch
from binnenuit.offers import pricing
from binnenuit.offers.models import (
    DocumentLine,
    Invoice,
    InvoiceKind,
    InvoiceQuerySet,
    InvoiceState,
    Price,
    PriceList,
    Quote,
    QuoteState,
)
from binnenuit.organisations.models import Organisation, Role
from binnenuit.trajectories.models import Enrolment, Round, Trajectory

# --- Price lists ----------------------------------------------------------------------------


def price_lists_in_use() -> QuerySet[Quote]:
    """Quotes that fix their price list: every quote that has left the draft state."""
    return Quote.objects.exclude(state=QuoteState.DRAFT)


def price_list_list() -> QuerySet[PriceList]:
    used = price_lists_in_use().filter(price_list=OuterRef("pk"))
    return PriceList.objects.annotate(in_use=Exists(used)).prefetch_related("prices")


def price_list_in_use(*, price_list: PriceList) -> bool:
    return price_lists_in_use().filter(price_list=price_list).exists()


def price_list_last_sent(*, price_list: PriceList) -> datetime.date | None:
    """The day the last quote was sent from this price list (its end may not come before)."""
    sent = (
        price_lists_in_use()
        .filter(price_list=price_list, sent_at__isnull=False)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    return timezone.localdate(sent) if sent is not None else None


def price_list_valid_on(day: datetime.date) -> PriceList | None:
    return (
        PriceList.objects.filter(valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("-valid_from")
        .first()
    )


def prices_of(price_list: PriceList) -> dict[str, Price]:
    return {price.kind: price for price in price_list.prices.all()}


# --- Quotes ---------------------------------------------------------------------------------


def quote_for(actor: Actor, pk: int, action: str = "quote.view") -> Quote:
    qs = Quote.objects.select_related(
        "organisation", "trajectory", "price_list", "accepted_by", "replaces", "replaced_by"
    )
    return fetch(qs, actor, action, pk=pk)


def quote_list(*, actor: Actor) -> QuerySet[Quote]:
    """The organisation's quotes, the latest version of each, newest first."""
    return Quote.objects.visible_to(actor).current().select_related("trajectory")


def quote_versions(*, quote: Quote) -> QuerySet[Quote]:
    """Every version of the quote (they share its number), oldest first."""
    return Quote.objects.for_org(quote.organisation).filter(number=quote.number).order_by("version")


def quote_lines(*, quote: Quote) -> list[DocumentLine]:
    return list(quote.lines.all())


def trajectory_quote(*, trajectory: Trajectory) -> Quote | None:
    """The quote a trajectory's page shows: its latest, the accepted one first."""
    return (
        Quote.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory)
        .current()
        .order_by(
            # An accepted quote stays the agreement, even when a newer draft is being made.
            "-accepted_at",
            "-created_at",
            "-pk",
        )
        .first()
    )


def accepted_quote(*, trajectory: Trajectory | int) -> Quote | None:
    """The agreement a trajectory is invoiced from: its most recently accepted quote."""
    return (
        Quote.objects.filter(trajectory=trajectory, state=QuoteState.ACCEPTED)
        .order_by("-accepted_at", "-pk")
        .first()
    )


def start_candidates(*, actor: Actor) -> QuerySet[Trajectory]:
    """Trajectories a quote may be for: the organisation's, newest first."""
    return Trajectory.objects.for_org(actor.organisation).order_by("-created_at", "-pk")


# --- Invoices -------------------------------------------------------------------------------


def invoice_for(actor: Actor, pk: int, action: str = "invoice.view") -> Invoice:
    qs = Invoice.objects.select_related(
        "organisation", "quote", "round__trajectory", "credits", "credit_note"
    )
    return fetch(qs, actor, action, pk=pk)


def invoice_lines(*, invoice: Invoice) -> list[DocumentLine]:
    return list(invoice.lines.all())


STATUS_FILTERS = ("open", "overdue", "paid", "credited")


def _filtered(invoices: InvoiceQuerySet, status: str) -> InvoiceQuerySet:
    today = timezone.localdate()
    if status == "open":
        return invoices.open()
    if status == "overdue":
        return invoices.overdue(today)
    if status == "paid":
        return invoices.filter(state=InvoiceState.PAID)
    if status == "credited":
        return invoices.filter(Q(state=InvoiceState.CREDITED) | Q(kind=InvoiceKind.CREDIT_NOTE))
    return invoices


def invoice_list(*, actor: Actor, status: str = "") -> QuerySet[Invoice]:
    invoices = Invoice.objects.visible_to(actor).select_related("round", "credits")
    return _filtered(invoices, status)


def advised_organisations(*, user: object) -> QuerySet[Organisation]:
    return Organisation.objects.of_user(user, roles=[Role.ADVISER])


def invoice_overview(
    *, user: object, status: str = "", organisation: Organisation | None = None
) -> QuerySet[Invoice]:
    """Invoices of every organisation the user advises, with their organisation."""
    invoices = Invoice.objects.filter(
        organisation__in=advised_organisations(user=user).values("pk")
    )
    if organisation is not None:
        invoices = invoices.filter(organisation=organisation)
    return _filtered(invoices, status).select_related("organisation", "round", "credits")


@dataclass(frozen=True)
class Summary:
    open_count: int
    open_amount: Decimal
    overdue_count: int
    overdue_amount: Decimal
    paid_count: int
    paid_amount: Decimal


def invoice_summary(invoices: QuerySet[Invoice]) -> Summary:
    """Counts and sums (including VAT) of the open, overdue and paid invoices, in one query."""
    today = timezone.localdate()
    not_credit = ~Q(kind=InvoiceKind.CREDIT_NOTE)
    open_ = not_credit & Q(state__in=[InvoiceState.DRAFT, InvoiceState.SENT])
    overdue = not_credit & Q(state=InvoiceState.SENT, due_on__lt=today)
    paid = Q(state=InvoiceState.PAID)
    row = invoices.order_by().aggregate(
        open_count=Count("pk", filter=open_),
        open_amount=Sum("total_including_vat", filter=open_),
        overdue_count=Count("pk", filter=overdue),
        overdue_amount=Sum("total_including_vat", filter=overdue),
        paid_count=Count("pk", filter=paid),
        paid_amount=Sum("total_including_vat", filter=paid),
    )
    zero = pricing.ZERO
    return Summary(
        open_count=row["open_count"],
        open_amount=row["open_amount"] or zero,
        overdue_count=row["overdue_count"],
        overdue_amount=row["overdue_amount"] or zero,
        paid_count=row["paid_count"],
        paid_amount=row["paid_amount"] or zero,
    )


def _invoiced(kind: InvoiceKind, **match: object) -> Exists:
    return Exists(Invoice.objects.filter(kind=kind, **match).exclude(state=InvoiceState.CREDITED))


def rounds_to_invoice(*, actor: Actor) -> QuerySet[Round]:
    """Rounds of trajectories with an accepted quote that have no (uncredited) invoice yet."""
    accepted = Quote.objects.filter(
        trajectory_id=OuterRef("trajectory_id"), state=QuoteState.ACCEPTED
    )
    return (
        Round.objects.for_org(actor.organisation)
        .filter(Exists(accepted))
        .exclude(_invoiced(InvoiceKind.ROUND, round=OuterRef("pk")))
        .annotate(
            enrolled_count=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)
            ),
            first_meeting=Min("meetings__date"),
        )
        .select_related("trajectory")
        .order_by("trajectory__name", "trajectory_id", "stage")
    )


def quotes_with_extras_to_invoice(*, actor: Actor) -> QuerySet[Quote]:
    """Accepted quotes with a scan or tasting whose extras have no (uncredited) invoice yet."""
    return (
        Quote.objects.for_org(actor.organisation)
        .filter(state=QuoteState.ACCEPTED)
        .filter(Q(include_scan=True) | Q(include_tasting=True))
        .exclude(_invoiced(InvoiceKind.EXTRAS, quote=OuterRef("pk")))
        .order_by("number", "version")
    )


def rounds_due_for_invoice(*, today: datetime.date) -> QuerySet[Round]:
    """For the daily task: rounds whose first planned meeting has come, with an accepted quote
    and no round invoice at all (a credited one is invoiced again by an adviser, not here)."""
    accepted = Quote.objects.filter(
        trajectory_id=OuterRef("trajectory_id"), state=QuoteState.ACCEPTED
    )
    any_invoice = Invoice.objects.filter(round=OuterRef("pk"), kind=InvoiceKind.ROUND)
    return (
        Round.objects.filter(Exists(accepted))
        .exclude(Exists(any_invoice))
        .annotate(first_meeting=Min("meetings__date"))
        .filter(first_meeting__lte=today)
        .order_by("pk")
    )
