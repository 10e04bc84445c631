"""The first price list: the brochure's 2013 list prices ("Kosten", "Aanvullend aanbod").

Data, not code: the data migration and the tests call :func:`seed`, which creates the list
only when there is no price list yet. The texts are stored in Dutch, as an adviser would type
them; later lists are made on the price list pages. This module is frozen: the migration
must create exactly what it always created.

VAT: the training and the tasting (a stand-alone training module, "losse trainingsmodule")
are vocational training by a CRKBO-registered provider, exempt from VAT; the organisation
scan (a co-creation session with its analysis and report) is research and advice, at 21 %.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

VALID_FROM = datetime.date(2013, 1, 1)

TERMS = (
    "Alle bedragen zijn in euro's. De training is een beroepsopleiding van een "
    "CRKBO-geregistreerde instelling en daarom vrijgesteld van btw; over de organisatiescan "
    "wordt 21 % btw berekend. Het aantal deelnemers is minimaal 10 en maximaal 14 per "
    "trainingsronde. Elke ronde wordt bij de start gefactureerd voor het aantal ingeschreven "
    "deelnemers, met een minimum van 10; de organisatiescan en de proeverij worden apart "
    "gefactureerd. Betaling binnen 30 dagen na de factuurdatum. De offerte is geldig tot de "
    "genoemde datum."
)

PRICES = [
    ("training", "Training Overheidsparticipatie, per deelnemer", Decimal("1300.00"), "exempt"),
    (
        "scan",
        "Organisatiescan overheidsparticipatie (cocreatiesessie, analyse en rapport)",
        Decimal("4900.00"),
        "21",
    ),
    (
        "tasting",
        "Proeverij Overheidsparticipatie (introductieworkshop)",
        Decimal("1500.00"),
        "exempt",
    ),
]


def seed(*, price_list_model: Any, price_model: Any) -> None:
    """Create the first price list, unless there is a price list already."""
    if price_list_model.objects.exists():
        return
    price_list = price_list_model.objects.create(valid_from=VALID_FROM, terms=TERMS)
    price_model.objects.bulk_create(
        price_model(price_list=price_list, kind=kind, description=text, amount=amount, vat=vat)
        for kind, text, amount, vat in PRICES
    )
