"""The offers app's entries in the privacy register.

Price lists, quotes and invoices are business records between the provider and an
organisation; they describe no one. A quote is about a person in one way: who accepted it
(``accepted_by``, a login), kept as proof of the agreement. It is a key, as a membership's
login is: the quote is in that person's export, and erasing them anonymises the login row
(its name and address) while the quote stays accepted by it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, declare

_PURPOSE = _("Quotes and invoices for the programme: the agreement and its payment.")
_RETENTION = _(
    "Kept as the financial records of the agreement (the tax administration's seven years)."
)
_OWNED = {"id": NOT_PERSONAL, "organisation": NOT_PERSONAL, "created_at": NOT_PERSONAL}
_LINE = {
    **_OWNED,
    "position": NOT_PERSONAL,
    "kind": NOT_PERSONAL,
    "round_number": NOT_PERSONAL,
    "description": NOT_PERSONAL,  # a price's description or a discount's reason
    "quantity": NOT_PERSONAL,
    "unit_price": NOT_PERSONAL,
    "vat": NOT_PERSONAL,
}

declare(
    "offers.PriceList",
    fields={
        "id": NOT_PERSONAL,
        "valid_from": NOT_PERSONAL,
        "valid_until": NOT_PERSONAL,
        "terms": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
    },
    purpose=_("The provider's prices and terms."),
    retention=_("Kept: sent quotes refer to them."),
)
declare(
    "offers.Price",
    fields={
        "id": NOT_PERSONAL,
        "price_list": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "amount": NOT_PERSONAL,
        "vat": NOT_PERSONAL,
    },
    purpose=_("The provider's prices and terms."),
    retention=_("Kept: sent quotes refer to them."),
)
declare(
    "offers.Counter",
    fields={"id": NOT_PERSONAL, "key": NOT_PERSONAL, "last": NOT_PERSONAL},
    purpose=_("Numbering quotes and invoices without gaps."),
    retention=_("Kept."),
)
declare(
    "offers.Quote",
    fields={
        **_OWNED,
        "number": NOT_PERSONAL,
        "version": NOT_PERSONAL,
        "replaces": NOT_PERSONAL,
        "trajectory": NOT_PERSONAL,
        "price_list": NOT_PERSONAL,
        "participants_round_1": NOT_PERSONAL,
        "participants_round_2": NOT_PERSONAL,
        "include_scan": NOT_PERSONAL,
        "include_tasting": NOT_PERSONAL,
        "discount_amount": NOT_PERSONAL,
        "discount_reason": NOT_PERSONAL,  # the reason of a price agreement, not about anyone
        "valid_until": NOT_PERSONAL,
        "state": NOT_PERSONAL,
        "total_excluding_vat": NOT_PERSONAL,
        "total_including_vat": NOT_PERSONAL,
        "sent_at": NOT_PERSONAL,
        # Who accepted it: a key to the login, which is the person (exported with their
        # data; anonymised as a login, while the quote stays accepted by that row).
        "accepted_by": NOT_PERSONAL,
        "accepted_at": NOT_PERSONAL,
        "declined_at": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    subject="accepted_by",
    retention=_RETENTION,
    about=_("The login that accepted a quote for its organisation."),
)
declare(
    "offers.QuoteLine",
    fields={**_LINE, "quote": NOT_PERSONAL},
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "offers.Invoice",
    fields={
        **_OWNED,
        "number": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "quote": NOT_PERSONAL,
        "round": NOT_PERSONAL,
        "credits": NOT_PERSONAL,
        "state": NOT_PERSONAL,
        "issued_on": NOT_PERSONAL,
        "total_excluding_vat": NOT_PERSONAL,
        "total_including_vat": NOT_PERSONAL,
        "sent_at": NOT_PERSONAL,
        "due_on": NOT_PERSONAL,
        "paid_on": NOT_PERSONAL,
        "credited_at": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "offers.InvoiceLine",
    fields={**_LINE, "invoice": NOT_PERSONAL},
    purpose=_PURPOSE,
    retention=_RETENTION,
)
