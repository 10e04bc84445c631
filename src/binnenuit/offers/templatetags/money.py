"""``{% load money %}{{ amount|euro }}``: euros the Dutch way on every page and document."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from binnenuit.offers import pricing

register = template.Library()


@register.filter
def euro(value: object) -> str:
    """ "€ 1.300,00" in every language (amounts are not localised: one way to read them)."""
    if value is None or value == "":
        return ""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return ""
    return pricing.euro(amount)


@register.filter
def percent(value: object) -> str:
    """A VAT percentage as "21 %" or "0 %"."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return ""
    return f"{amount.normalize():f} %"
