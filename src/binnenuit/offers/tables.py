from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

PRICE_LISTS = [
    Column(_("Valid")),
    Column(_("Training, per participant"), numeric=True),
    Column(_("Organisation scan"), numeric=True),
    Column(_("Tasting workshop"), numeric=True),
    Column(_("In use")),
]
QUOTES = [
    Column(_("Quote")),
    Column(_("Trajectory")),
    Column(_("Participants"), numeric=True),
    Column(_("Total including VAT"), numeric=True),
    Column(_("Valid until")),
    Column(_("State")),
]
VERSIONS = [
    Column(_("Version")),
    Column(_("State")),
    Column(_("Total including VAT"), numeric=True),
]
LINES = [
    Column(_("Description")),
    Column(_("Quantity"), numeric=True),
    Column(_("Unit price"), numeric=True),
    Column(_("VAT")),
    Column(_("Amount"), numeric=True),
]
INVOICES = [
    Column(_("Invoice")),
    Column(_("For")),
    Column(_("Invoice date")),
    Column(_("Due date")),
    Column(_("Total including VAT"), numeric=True),
    Column(_("State")),
]
OVERVIEW = [Column(_("Organisation")), *INVOICES]
TO_INVOICE = [
    Column(_("Trajectory")),
    Column(_("Round")),
    Column(_("First meeting")),
    Column(_("Enrolled"), numeric=True),
    Column(_("Action")),
]
