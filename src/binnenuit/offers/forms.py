"""The forms of price lists, quotes and invoices: they read input; the services decide."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from binnenuit.core.forms import DateInput, StyledFormMixin
from binnenuit.core.submissions import OnceFormMixin
from binnenuit.offers.models import PriceKind, PriceList, Quote, Vat
from binnenuit.offers.services import QUOTE_VALIDITY, PriceInput, round_limits
from binnenuit.trajectories.models import Trajectory

MONEY_INVALID = _("Enter an amount in euros, for example 1300 or 1300,50.")
WHOLE_NUMBER = _("Enter a whole number, for example 12.")


AMOUNT = re.compile(r"^-?(\d{1,3}([.,]\d{3})+|\d+)([.,]\d{1,2})?$")


def read_amount(text: str) -> str:
    """An amount as typed, in either language's way, as "1234.56"; "" when it is none.

    A separator followed by one or two digits at the end is the decimal one; separators
    followed by groups of three digits group the thousands: "1.300", "1300,50", "1,300.50",
    "€ 1.300,00" all read as expected. Anything else ("1,5,5", "1.3000") is not an amount.
    """
    value = text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    match = AMOUNT.match(value)
    if match is None:
        return ""
    sign = "-" if value.startswith("-") else ""
    whole, decimals = match.group(1), match.group(3) or ""
    return sign + re.sub(r"[.,]", "", whole) + ("." + decimals[1:] if decimals else "")


class AmountInput(forms.TextInput):
    """Shows an amount with the page language's decimal separator: 1300,50 or 1300.50."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=False)
        shown: str | None = super().format_value(value)
        return shown


class MoneyField(forms.DecimalField):
    """An amount in euros and cents, typed the Dutch way or the English way."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": MONEY_INVALID,
                "max_digits": MONEY_INVALID,
                "max_whole_digits": MONEY_INVALID,
                "max_decimal_places": MONEY_INVALID,
            },
        )
        kwargs.setdefault(
            "widget", AmountInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            value = read_amount(value) or "x"  # "x": not a number, refused as one
        return super().to_python(value)


def money_field(label: Any, *, required: bool = True, help_text: Any = "") -> MoneyField:
    return MoneyField(label=label, required=required, help_text=help_text)


class PriceListForm(OnceFormMixin, StyledFormMixin, forms.Form):
    """A price list: its period, its terms and its three prices (description, amount, VAT)."""

    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty while no later price list is known."),
    )
    terms = forms.CharField(
        label=_("Terms"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The provider's terms, printed on every quote made with this price list."),
    )

    def __init__(self, *args: Any, instance: PriceList | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            initial: dict[str, Any] = {
                "valid_from": instance.valid_from,
                "valid_until": instance.valid_until,
                "terms": instance.terms,
            }
            for price in instance.prices.all():
                initial[f"{price.kind}_description"] = price.description
                initial[f"{price.kind}_amount"] = price.amount
                initial[f"{price.kind}_vat"] = price.vat
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def price_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Each price's fields under its name, for a fieldset each."""
        return [
            (str(kind.label), [self[f"{kind.value}_{part}"] for part in PRICE_PARTS])
            for kind in PriceKind
        ]

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
            "terms": data["terms"],
            "prices": {
                kind.value: PriceInput(
                    description=data[f"{kind.value}_description"],
                    amount=data[f"{kind.value}_amount"],
                    vat=data[f"{kind.value}_vat"],
                )
                for kind in PriceKind
            },
        }


PRICE_PARTS = ("description", "amount", "vat")
for _kind in PriceKind:
    PriceListForm.base_fields[f"{_kind.value}_description"] = forms.CharField(
        label=format_lazy("{}: {}", _kind.label, _("description")), max_length=200
    )
    PriceListForm.base_fields[f"{_kind.value}_amount"] = money_field(
        format_lazy("{}: {}", _kind.label, _("amount in euros")), help_text=_("Excluding VAT.")
    )
    PriceListForm.base_fields[f"{_kind.value}_vat"] = forms.ChoiceField(
        label=format_lazy("{}: {}", _kind.label, _("VAT")), choices=Vat.choices
    )


class PriceListEndForm(OnceFormMixin, StyledFormMixin, forms.Form):
    """The end of a price list in use: the one thing about it that may still change."""

    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("The last day quotes are priced with this list. Empty: no end yet."),
    )


class QuoteForm(OnceFormMixin, StyledFormMixin, forms.Form):
    """What an adviser chooses for a quote; the limits and prices are the service's."""

    trajectory = forms.ModelChoiceField(
        label=_("Trajectory"),
        queryset=Trajectory.objects.none(),
        required=False,
        empty_label=_("No trajectory yet"),
        help_text=_(
            "Optional. Accepting the quote moves this trajectory into preparation; without "
            "one, the trajectory can be started from the accepted quote."
        ),
    )
    participants_round_1 = forms.IntegerField(
        label=_("Participants in round 1"),
        error_messages={"invalid": WHOLE_NUMBER},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    participants_round_2 = forms.IntegerField(
        label=_("Participants in round 2"),
        error_messages={"invalid": WHOLE_NUMBER},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    include_scan = forms.BooleanField(label=_("Include the organisation scan"), required=False)
    include_tasting = forms.BooleanField(label=_("Include the tasting workshop"), required=False)
    discount_amount = money_field(
        _("Discount in euros"),
        required=False,
        help_text=_("Optional. A reduction of the training fee, so without VAT like it."),
    )
    discount_reason = forms.CharField(
        label=_("Reason for the discount"),
        max_length=200,
        required=False,
        help_text=_("Required with a discount; it is printed on the quote."),
    )
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        trajectories: QuerySet[Trajectory],
        instance: Quote | None = None,
        preselect: Trajectory | None = None,
        **kwargs: Any,
    ) -> None:
        if "initial" not in kwargs:
            if instance is not None:
                kwargs["initial"] = {
                    "trajectory": instance.trajectory_id,
                    "participants_round_1": instance.participants_round_1,
                    "participants_round_2": instance.participants_round_2,
                    "include_scan": instance.include_scan,
                    "include_tasting": instance.include_tasting,
                    "discount_amount": instance.discount_amount or None,
                    "discount_reason": instance.discount_reason,
                    "valid_until": instance.valid_until,
                }
            else:
                (_low_1, high_1), (_low_2, high_2) = round_limits(preselect)
                kwargs["initial"] = {
                    "trajectory": preselect.pk if preselect is not None else None,
                    "participants_round_1": high_1,
                    "participants_round_2": high_2,
                    "valid_until": timezone.localdate() + QUOTE_VALIDITY,
                }
        super().__init__(*args, **kwargs)
        field = self.fields["trajectory"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = trajectories

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        amount: Decimal | None = data["discount_amount"]
        return {
            "trajectory": data["trajectory"],
            "participants_round_1": data["participants_round_1"],
            "participants_round_2": data["participants_round_2"],
            "include_scan": data["include_scan"],
            "include_tasting": data["include_tasting"],
            "discount_amount": amount,
            "discount_reason": data["discount_reason"],
            "valid_until": data["valid_until"],
        }


class StartTrajectoryForm(OnceFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the trajectory"), max_length=150)
    starts_on = forms.DateField(
        label=_("Start date"), required=False, widget=DateInput(), help_text=_("Optional.")
    )


class PaidForm(OnceFormMixin, StyledFormMixin, forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class InvoiceFilterForm(forms.Form):
    """The filters of an invoice list: which state, and (across organisations) which one."""

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All invoices")),
            ("open", _("Open")),
            ("overdue", _("Overdue")),
            ("paid", _("Paid")),
            ("credited", _("Credited and credit notes")),
        ],
    )
    organisatie = forms.SlugField(required=False)

    def status_value(self) -> str:
        return str(self.cleaned_data["status"]) if self.is_valid() else ""

    def organisation_slug(self) -> str:
        return str(self.cleaned_data["organisatie"]) if self.is_valid() else ""
