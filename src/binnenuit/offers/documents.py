"""What a quote and an invoice show, on the page and in their PDF: one context for both."""

from __future__ import annotations

import base64
from pathlib import PurePath
from typing import Any

from django.conf import settings

from binnenuit.core.pdf import render_pdf
from binnenuit.offers import pricing, selectors
from binnenuit.offers.models import DocumentLine, Invoice, Quote, vat_percent

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def document_totals(lines: list[DocumentLine]) -> pricing.Totals:
    return pricing.totals(line.line for line in lines)


def _logo_uri(organisation: Any) -> str:
    """The organisation's logo as a data: URI (so the PDF needs no file or URL), or ""."""
    if not organisation.logo:
        return ""
    kind = LOGO_TYPES.get(PurePath(organisation.logo.name).suffix.lower())
    if kind is None:
        return ""
    try:
        with organisation.logo.open("rb") as file:
            data = file.read()
    except OSError:
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def quote_context(quote: Quote) -> dict[str, Any]:
    lines = selectors.quote_lines(quote=quote)
    return {
        "quote": quote,
        "organisation": quote.organisation,
        "lines": lines,
        "totals": document_totals(lines),
        "exempt_percent": vat_percent("exempt"),
        "provider": settings.PROVIDER,
    }


def invoice_context(invoice: Invoice) -> dict[str, Any]:
    lines = selectors.invoice_lines(invoice=invoice)
    return {
        "invoice": invoice,
        "organisation": invoice.organisation,
        "lines": lines,
        "totals": document_totals(lines),
        "exempt_percent": vat_percent("exempt"),
        "provider": settings.PROVIDER,
        "payment_term_days": settings.PAYMENT_TERM_DAYS,
    }


def quote_pdf(quote: Quote, *, language: str = "nl") -> bytes:
    context = {**quote_context(quote), "logo": _logo_uri(quote.organisation)}
    return render_pdf("offers/pdf/quote.html", context, language=language)


def invoice_pdf(invoice: Invoice, *, language: str = "nl") -> bytes:
    context = {**invoice_context(invoice), "logo": _logo_uri(invoice.organisation)}
    return render_pdf("offers/pdf/invoice.html", context, language=language)
