from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet
from binnenuit.offers import pricing


class PriceKind(models.TextChoices):
    TRAINING = pricing.TRAINING, _("Training, per participant")
    SCAN = pricing.SCAN, _("Organisation scan")
    TASTING = pricing.TASTING, _("Tasting workshop")


class Vat(models.TextChoices):
    """How VAT applies to a price: exempt (vocational training by a CRKBO-registered
    provider) or the standard rate."""

    EXEMPT = "exempt", _("Exempt from VAT (vocational training, CRKBO)")
    STANDARD = "21", _("21 % VAT")


VAT_PERCENT = {Vat.EXEMPT.value: Decimal("0"), Vat.STANDARD.value: Decimal("21")}


def vat_percent(vat: str) -> Decimal:
    """The percentage of a VAT treatment (0 for exempt)."""
    return VAT_PERCENT[str(vat)]


class PriceList(models.Model):
    """The provider's prices and terms for a period; a quote keeps the prices it was sent with."""

    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Optional. Leave empty while no later price list is known."),
    )
    terms = models.TextField(
        _("terms"), help_text=_("The provider's terms, printed on every quote.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="offers_pricelist_until_not_before_from",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Price list from %(date)s") % {"date": self.valid_from.isoformat()}

    def get_absolute_url(self) -> str:
        return reverse("offers:pricelist-update", kwargs={"pk": self.pk})

    def covers(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def prices_in_order(self) -> list[Price]:
        """The prices as the price list shows them: training, scan, tasting (prefetched)."""
        order = {kind: i for i, kind in enumerate(PriceKind.values)}
        return sorted(self.prices.all(), key=lambda price: order.get(price.kind, len(order)))


class Price(models.Model):
    """One price of a price list, with its VAT treatment."""

    price_list = models.ForeignKey(
        PriceList, on_delete=models.CASCADE, related_name="prices", verbose_name=_("price list")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PriceKind)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    vat = models.CharField(_("VAT"), max_length=8, choices=Vat)

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["price_list", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "kind"], name="offers_price_unique_kind_per_list"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="offers_price_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def unit_price(self) -> pricing.UnitPrice:
        return pricing.UnitPrice(amount=self.amount, vat_percent=vat_percent(self.vat))


class Counter(models.Model):
    """The last number given in a series ("invoice-2026"): its row is locked to give the next,
    so numbers have no gaps and no duplicates however many are given at once."""

    key = models.CharField(_("series"), max_length=40, unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class LineKind(models.TextChoices):
    TRAINING = pricing.TRAINING, _("Training")
    SCAN = pricing.SCAN, _("Organisation scan")
    TASTING = pricing.TASTING, _("Tasting workshop")
    DISCOUNT = pricing.DISCOUNT, _("Discount")


class DocumentLine(OrgScopedModel):
    """A line of a quote or an invoice, as it was when the document was made: the prices are
    copied, so a later price list never changes it."""

    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=LineKind)
    round_number = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    vat = models.CharField(_("VAT"), max_length=8, choices=Vat)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.description

    @property
    def line(self) -> pricing.Line:
        return pricing.Line(
            quantity=self.quantity, unit_price=self.unit_price, vat_percent=vat_percent(self.vat)
        )

    @property
    def amount(self) -> Decimal:
        return self.line.amount

    @property
    def vat_label(self) -> str:
        """The VAT in a line's narrow column: "exempt" or "21 %"."""
        if self.vat == Vat.EXEMPT:
            return gettext("exempt")
        return f"{vat_percent(self.vat):f} %"

    @property
    def label(self) -> str:
        """What the line is, in the reader's language, with the description as entered."""
        if self.kind == LineKind.DISCOUNT:
            return gettext("Discount: %(reason)s") % {"reason": self.description}
        if self.round_number:
            return gettext("%(description)s, round %(number)s") % {
                "description": self.description,
                "number": self.round_number,
            }
        return self.description


# --- Quotes ---------------------------------------------------------------------------------


class QuoteState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


class QuoteQuerySet(OrgScopedQuerySet["Quote"]):
    def current(self) -> Self:
        """The latest version of every quote (versions that a newer one replaced left out)."""
        return self.filter(replaced_by__isnull=True)


class Quote(OrgScopedModel):
    """A quote for an organisation: participants per round, extras, a discount, a validity.

    A change to a quote that has been sent makes a new version (``replaces`` the old one,
    which stays as it was). Its lines are the prices of the price list valid when it was
    sent.
    """

    State = QuoteState

    number = models.CharField(_("number"), max_length=20)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces version"),
    )
    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("trajectory"),
    )
    price_list = models.ForeignKey(
        PriceList, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("price list")
    )
    participants_round_1 = models.PositiveSmallIntegerField(_("participants in round 1"))
    participants_round_2 = models.PositiveSmallIntegerField(_("participants in round 2"))
    include_scan = models.BooleanField(_("organisation scan"), default=False)
    include_tasting = models.BooleanField(_("tasting workshop"), default=False)
    discount_amount = models.DecimalField(
        _("discount"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    discount_reason = models.CharField(_("reason for the discount"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"))
    state = models.CharField(
        _("state"), max_length=10, choices=QuoteState, default=QuoteState.DRAFT
    )
    total_excluding_vat = models.DecimalField(
        _("total excluding VAT"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    total_including_vat = models.DecimalField(
        _("total including VAT"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "version"], name="offers_quote_unique_number_version"
            ),
            models.CheckConstraint(
                condition=Q(discount_amount__gte=0), name="offers_quote_discount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(discount_amount=0) | ~Q(discount_reason=""),
                name="offers_quote_discount_has_reason",
                violation_error_message=_("Give the reason for the discount."),
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted")
                | Q(accepted_at__isnull=False, accepted_by__isnull=False),
                name="offers_quote_accepted_has_who_and_when",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "state"], name="offers_quote_by_state")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse(
            "offers:quote-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )

    @property
    def reference(self) -> str:
        """The number with its version: "OF-2026-0001 v2" (v1 is just the number)."""
        return self.number if self.version == 1 else f"{self.number} v{self.version}"

    @property
    def participants(self) -> int:
        return self.participants_round_1 + self.participants_round_2

    @property
    def is_draft(self) -> bool:
        return self.state == QuoteState.DRAFT

    @property
    def is_past_validity(self) -> bool:
        """Sent and past its date: expired, whether or not the daily task marked it yet."""
        return self.state == QuoteState.EXPIRED or (
            self.state == QuoteState.SENT and self.valid_until < timezone.localdate()
        )

    @property
    def shown_state(self) -> str:
        """The state as the reader should see it (a sent quote past its date is expired)."""
        if self.state == QuoteState.SENT and self.is_past_validity:
            return str(QuoteState.EXPIRED.label)
        return str(QuoteState(self.state).label)


class QuoteLine(DocumentLine):
    """A line of a quote."""

    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="lines", verbose_name=_("quote")
    )

    objects = OrgScopedQuerySet["QuoteLine"].as_manager()

    class Meta:
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
        ordering = ["quote", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["quote", "position"], name="offers_quoteline_unique_position"
            ),
        ]


# --- Invoices -------------------------------------------------------------------------------


class InvoiceKind(models.TextChoices):
    ROUND = "round", _("Training round")
    EXTRAS = "extras", _("Extras")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    PAID = "paid", _("Paid")
    CREDITED = "credited", _("Credited")


class InvoiceQuerySet(OrgScopedQuerySet["Invoice"]):
    def open(self) -> Self:
        """Not paid and not credited (drafts included); credit notes left out."""
        return self.exclude(kind=InvoiceKind.CREDIT_NOTE).filter(
            state__in=[InvoiceState.DRAFT, InvoiceState.SENT]
        )

    def overdue(self, today: datetime.date | None = None) -> Self:
        """Sent, unpaid, and past the due date."""
        return self.exclude(kind=InvoiceKind.CREDIT_NOTE).filter(
            state=InvoiceState.SENT, due_on__lt=today or timezone.localdate()
        )


class Invoice(OrgScopedModel):
    """An invoice for a round, for the extras of a quote, or a credit note for an invoice.

    Its number is given when it is made, per calendar year and without gaps; it is never
    deleted: a mistake is corrected by a credit note.
    """

    Kind = InvoiceKind
    State = InvoiceState

    number = models.CharField(_("number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=InvoiceKind)
    quote = models.ForeignKey(
        Quote, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("quote")
    )
    round = models.ForeignKey(
        "trajectories.Round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("round"),
    )
    credits = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("credits invoice"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=InvoiceState, default=InvoiceState.DRAFT
    )
    issued_on = models.DateField(_("invoice date"))
    total_excluding_vat = models.DecimalField(
        _("total excluding VAT"), max_digits=12, decimal_places=2
    )
    total_including_vat = models.DecimalField(
        _("total including VAT"), max_digits=12, decimal_places=2
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    credited_at = models.DateTimeField(_("credited at"), null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-number"]
        constraints = [
            # One invoice per round (a credited one may be invoiced again): the daily task and
            # an adviser can never both make it.
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(kind="round") & ~Q(state="credited"),
                name="offers_invoice_one_per_round",
                violation_error_message=_("This round has been invoiced already."),
            ),
            models.UniqueConstraint(
                fields=["quote"],
                condition=Q(kind="extras") & ~Q(state="credited"),
                name="offers_invoice_one_for_extras_per_quote",
                violation_error_message=_("The extras of this quote have been invoiced already."),
            ),
            models.CheckConstraint(
                condition=Q(kind="round", round__isnull=False)
                | (~Q(kind="round") & Q(round__isnull=True)),
                name="offers_invoice_round_iff_round_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="credit_note", credits__isnull=False)
                | (~Q(kind="credit_note") & Q(credits__isnull=True)),
                name="offers_invoice_credit_note_credits_one",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "state"], name="offers_invoice_by_state"),
            models.Index(fields=["state", "due_on"], name="offers_invoice_by_due_date"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse(
            "offers:invoice-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def is_overdue(self) -> bool:
        return (
            not self.is_credit_note
            and self.state == InvoiceState.SENT
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class InvoiceLine(DocumentLine):
    """A line of an invoice (negative on a credit note)."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="lines", verbose_name=_("invoice")
    )

    objects = OrgScopedQuerySet["InvoiceLine"].as_manager()

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "position"], name="offers_invoiceline_unique_position"
            ),
        ]
