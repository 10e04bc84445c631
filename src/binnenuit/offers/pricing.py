"""The arithmetic of quotes and invoices: pure functions over Decimals, no Django.

Amounts are euros with cents; every rounding is half-up to the cent (as a till does), and it
happens in two places only: a line's amount (quantity × unit price) and the VAT of each rate
(the sum of that rate's lines × the rate). The total excluding VAT is the sum of the lines;
the total including VAT is that plus the VAT of every rate. So the totals always equal the sum
of what the document shows, whatever the numbers.

Limits are checked here too, and refused with :class:`OutOfRange`, which names the field and
the limits; the services turn it into the message beside the field, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# A stored amount is a Decimal(10, 2): below ten million euros.
MAX_AMOUNT = Decimal("99999999.99")
MAX_QUANTITY = 10_000


class OutOfRange(ValueError):
    """A number outside its limits: which field, what was given and what is allowed."""

    def __init__(self, field: str, value: object, low: Decimal | int, high: Decimal | int) -> None:
        self.field, self.value, self.low, self.high = field, value, low, high
        super().__init__(f"{field}: {value} is not between {low} and {high}")


def cents(value: Decimal) -> Decimal:
    """Rounded half-up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def check_amount(
    field: str, value: Decimal, *, low: Decimal = ZERO, high: Decimal = MAX_AMOUNT
) -> Decimal:
    """An amount in euros with at most two decimals, within its limits."""
    try:
        finite = value.is_finite()
    except (AttributeError, InvalidOperation):
        finite = False
    if not finite or not low <= value <= high or cents(value) != value:
        raise OutOfRange(field, value, low, high)
    return value


def check_count(field: str, value: int, *, low: int, high: int) -> int:
    """A whole number within its limits (participants per round, a quantity)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OutOfRange(field, value, low, high)
    return value


@dataclass(frozen=True)
class Line:
    """One line of a quote or invoice: quantity × unit price, at one VAT rate (a percentage)."""

    quantity: int
    unit_price: Decimal  # negative for a discount or a credit note
    vat_percent: Decimal  # 0 for exempt

    def __post_init__(self) -> None:
        check_count("quantity", self.quantity, low=0, high=MAX_QUANTITY)
        check_amount("unit_price", self.unit_price, low=-MAX_AMOUNT, high=MAX_AMOUNT)
        check_amount("vat_percent", self.vat_percent, low=ZERO, high=Decimal(100))

    @property
    def amount(self) -> Decimal:
        return cents(self.unit_price * self.quantity)


@dataclass(frozen=True)
class VatAmount:
    """The VAT of one rate: the lines' amounts at that rate (the base) and its tax."""

    percent: Decimal
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    excluding_vat: Decimal
    vat: tuple[VatAmount, ...]  # per rate, lowest rate first
    including_vat: Decimal

    @property
    def vat_total(self) -> Decimal:
        return sum((v.vat for v in self.vat), ZERO)


def totals(lines: Iterable[Line]) -> Totals:
    """The totals of a document: excluding VAT, VAT per rate, including VAT."""
    bases: dict[Decimal, Decimal] = {}
    for line in lines:
        bases[line.vat_percent] = bases.get(line.vat_percent, ZERO) + line.amount
    per_rate = tuple(
        VatAmount(percent=p, base=base, vat=cents(base * p / 100))
        for p, base in sorted(bases.items())
    )
    excluding = sum((v.base for v in per_rate), ZERO)
    return Totals(
        excluding_vat=excluding,
        vat=per_rate,
        including_vat=excluding + sum((v.vat for v in per_rate), ZERO),
    )


# --- A quote's lines -------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitPrice:
    """A price of the price list: the amount and its VAT percentage."""

    amount: Decimal
    vat_percent: Decimal


@dataclass(frozen=True)
class QuoteInput:
    """What an adviser chooses: participants per round (with each round's limits), extras,
    and a discount."""

    participants: Sequence[int]  # round 1, round 2
    limits: Sequence[tuple[int, int]]  # (minimum, maximum) per round
    include_scan: bool = False
    include_tasting: bool = False
    discount: Decimal = ZERO


TRAINING, SCAN, TASTING, DISCOUNT = "training", "scan", "tasting", "discount"


@dataclass(frozen=True)
class QuoteLine:
    """A line of a quote: its kind (and round, for training) and its arithmetic."""

    kind: str
    round_number: int | None
    line: Line


def quote_lines(choice: QuoteInput, prices: Mapping[str, UnitPrice]) -> list[QuoteLine]:
    """The lines of a quote: training per round, the extras chosen, the discount.

    The participants must lie within each round's limits; the discount may not exceed the
    training (it is a reduction of the training fee, and so carries the training's VAT).
    """
    for number, (count, (low, high)) in enumerate(
        zip(choice.participants, choice.limits, strict=True), start=1
    ):
        check_count(f"participants_round_{number}", count, low=low, high=high)
    training = prices[TRAINING]
    lines = [
        QuoteLine(TRAINING, number, Line(count, training.amount, training.vat_percent))
        for number, count in enumerate(choice.participants, start=1)
    ]
    for kind, wanted in ((SCAN, choice.include_scan), (TASTING, choice.include_tasting)):
        if wanted:
            price = prices[kind]
            lines.append(QuoteLine(kind, None, Line(1, price.amount, price.vat_percent)))
    training_total = sum((ql.line.amount for ql in lines if ql.kind == TRAINING), ZERO)
    check_amount("discount", choice.discount, low=ZERO, high=min(training_total, MAX_AMOUNT))
    if choice.discount:
        lines.append(QuoteLine(DISCOUNT, None, Line(1, -choice.discount, training.vat_percent)))
    return lines


def split_discount(discount: Decimal, parts: int) -> list[Decimal]:
    """A discount in ``parts`` equal shares to the cent, the first ones taking the odd cents."""
    check_count("parts", parts, low=1, high=MAX_QUANTITY)
    whole = int((discount / CENT).to_integral_value())
    share, rest = divmod(whole, parts)
    return [(share + (1 if i < rest else 0)) * CENT for i in range(parts)]


def euro(value: Decimal) -> str:
    """An amount the Dutch way, whatever the language: "€ 1.300,00", "€ -650,00"."""
    amount = cents(value)
    whole, fraction = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    grouped = ".".join([whole, *groups])
    return f"€ {'-' if amount < 0 else ''}{grouped},{fraction}"
