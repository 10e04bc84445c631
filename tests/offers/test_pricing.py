"""The arithmetic of quotes and invoices (``offers.pricing``), without the database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binnenuit.offers import pricing
from binnenuit.offers.pricing import (
    MAX_AMOUNT,
    Line,
    OutOfRange,
    QuoteInput,
    UnitPrice,
    cents,
    euro,
    quote_lines,
    split_discount,
    totals,
)

PRICES = {
    "training": UnitPrice(Decimal("1300.00"), Decimal("0")),
    "scan": UnitPrice(Decimal("4900.00"), Decimal("21")),
    "tasting": UnitPrice(Decimal("1500.00"), Decimal("0")),
}
LIMITS = [(10, 14), (10, 14)]

amounts = st.decimals(
    min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False
)
rates = st.sampled_from([Decimal("0"), Decimal("9"), Decimal("21")])
lines = st.builds(
    Line, quantity=st.integers(0, pricing.MAX_QUANTITY), unit_price=amounts, vat_percent=rates
)


@given(st.lists(lines, max_size=12))
def test_totals_equal_the_sum_of_the_lines(document):
    result = totals(document)
    assert result.excluding_vat == sum((line.amount for line in document), Decimal("0.00"))
    assert result.including_vat == result.excluding_vat + result.vat_total
    # Every rate once, its base the sum of its lines, its VAT rounded to the cent.
    assert [v.percent for v in result.vat] == sorted({line.vat_percent for line in document})
    for rate in result.vat:
        base = sum(
            (line.amount for line in document if line.vat_percent == rate.percent), Decimal(0)
        )
        assert rate.base == base
        assert rate.vat == cents(base * rate.percent / 100)
        assert abs(rate.vat - base * rate.percent / 100) <= Decimal("0.005")


@given(
    st.integers(10, 14),
    st.integers(10, 14),
    st.booleans(),
    st.booleans(),
    st.decimals(min_value=0, max_value=26000, places=2, allow_nan=False, allow_infinity=False),
)
def test_a_quote_adds_up_for_any_valid_numbers(one, two, scan, tasting, discount):
    choice = QuoteInput(
        participants=[one, two],
        limits=LIMITS,
        include_scan=scan,
        include_tasting=tasting,
        discount=discount,
    )
    result = totals(ql.line for ql in quote_lines(choice, PRICES))
    expected = (
        Decimal("1300.00") * (one + two)
        + (Decimal("4900.00") if scan else 0)
        + (Decimal("1500.00") if tasting else 0)
        - discount
    )
    assert result.excluding_vat == expected
    assert result.vat_total == (Decimal("1029.00") if scan else 0)
    assert result.including_vat == expected + result.vat_total


@given(st.integers().filter(lambda n: not 10 <= n <= 14), st.sampled_from([1, 2]))
def test_participants_out_of_range_are_refused_naming_the_limits(count, round_number):
    participants = [12, 12]
    participants[round_number - 1] = count
    with pytest.raises(OutOfRange) as refused:
        quote_lines(QuoteInput(participants=participants, limits=LIMITS), PRICES)
    assert refused.value.field == f"participants_round_{round_number}"
    assert (refused.value.low, refused.value.high) == (10, 14)
    assert "is not between 10 and 14" in str(refused.value)


@given(
    st.one_of(
        st.decimals(max_value=Decimal("-0.01"), places=2, allow_nan=False, allow_infinity=False),
        st.decimals(
            min_value=Decimal("26000.01"),
            max_value=MAX_AMOUNT * 10,
            allow_nan=False,
            allow_infinity=False,
        ),
        st.decimals(min_value=0, max_value=100, places=3, allow_nan=False).filter(
            lambda d: cents(d) != d
        ),
        st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]),
    )
)
def test_a_discount_out_of_range_is_refused(discount):
    with pytest.raises(OutOfRange) as refused:
        quote_lines(QuoteInput(participants=[10, 10], limits=LIMITS, discount=discount), PRICES)
    assert refused.value.field == "discount"
    assert refused.value.high == Decimal("26000.00")  # the training of 20 participants


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=pricing.MAX_QUANTITY + 1)))
def test_a_quantity_out_of_range_is_refused(quantity):
    with pytest.raises(OutOfRange, match="quantity"):
        Line(quantity=quantity, unit_price=Decimal("1.00"), vat_percent=Decimal("0"))


def test_a_unit_price_beyond_a_stored_amount_is_refused():
    with pytest.raises(OutOfRange, match="unit_price"):
        Line(quantity=1, unit_price=MAX_AMOUNT + 1, vat_percent=Decimal("0"))


def test_the_brochures_numbers():
    """20–28 participants: € 26.000–€ 36.400 before extras; the scan adds 21 % VAT."""
    for count, total in ((10, "26000.00"), (14, "36400.00")):
        choice = QuoteInput(participants=[count, count], limits=LIMITS)
        assert totals(ql.line for ql in quote_lines(choice, PRICES)).excluding_vat == Decimal(total)
    choice = QuoteInput(participants=[14, 14], limits=LIMITS, include_scan=True)
    result = totals(ql.line for ql in quote_lines(choice, PRICES))
    assert (result.excluding_vat, result.vat_total, result.including_vat) == (
        Decimal("41300.00"),
        Decimal("1029.00"),
        Decimal("42329.00"),
    )


def test_vat_is_rounded_half_up_per_rate_not_per_line():
    three = [Line(1, Decimal("0.05"), Decimal("21"))] * 3  # 3 × 0.0105: per line 0.01 each
    assert totals(three).vat_total == Decimal("0.03")  # 0.15 × 21 % = 0.0315 → 0.03
    half = [Line(1, Decimal("0.50"), Decimal("21"))]  # 0.105 → 0.11 (half up, not to even)
    assert totals(half).vat_total == Decimal("0.11")


@given(
    st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False),
    st.integers(1, 12),
)
def test_a_split_discount_adds_up_to_the_cent(discount, parts):
    shares = split_discount(discount, parts)
    assert len(shares) == parts
    assert sum(shares) == discount
    assert max(shares) - min(shares) <= Decimal("0.01")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1300", "€ 1.300,00"),
        ("36400.5", "€ 36.400,50"),
        ("0", "€ 0,00"),
        ("-650", "€ -650,00"),
        ("1234567.891", "€ 1.234.567,89"),
        ("999.995", "€ 1.000,00"),
    ],
)
def test_euros_the_dutch_way(amount, text):
    assert euro(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1300", "1300"),
        ("1.300", "1300"),
        ("1300,50", "1300.50"),
        ("1300.5", "1300.5"),
        ("1.300,00", "1300.00"),
        ("1,300.00", "1300.00"),
        ("€ 36.400,00", "36400.00"),
        ("-650", "-650"),
        ("1.3000", ""),
        ("1,5,5", ""),
        ("twaalf", ""),
    ],
)
def test_amounts_are_read_as_typed_in_either_language(typed, read):
    from binnenuit.offers.forms import read_amount

    assert read_amount(typed) == read
