"""Daily work: quotes past their validity expire; rounds whose first meeting has come get
their draft invoice (once: the invoice's constraint and the round's lock see to that)."""

from __future__ import annotations

import datetime

from django.tasks import task

from binnenuit.core.periodic import periodic
from binnenuit.offers import services


@periodic(every=datetime.timedelta(days=1))
@task
def offers_expire_quotes() -> int:
    return services.quotes_expire()


@periodic(every=datetime.timedelta(days=1))
@task
def offers_invoice_started_rounds() -> int:
    return len(services.invoices_create_due())
