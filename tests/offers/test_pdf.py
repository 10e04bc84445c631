"""The quote and invoice PDFs open, are tagged, and say the right totals (read with pypdf)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from django.core.files.base import ContentFile

from binnenuit.demo.images import tiny_png
from binnenuit.offers import documents, services
from tests.offers.factories import round_invoice, sent_quote

pytestmark = pytest.mark.django_db


def read(pdf: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def assert_tagged(reader: pypdf.PdfReader, language: str) -> None:
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert catalog["/Lang"] == language


def images_of(reader: pypdf.PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def test_the_quote_pdf_is_tagged_and_has_the_totals(world):
    world.org.logo.save("logo.png", ContentFile(tiny_png()), save=True)
    quote = sent_quote(world, include_scan=True)
    reader, text = read(documents.quote_pdf(quote))
    assert_tagged(reader, "nl")
    assert reader.metadata.title == f"Offerte {quote.number} voor Gemeente Testdorp"
    for shown in (
        f"Offerte {quote.number}",
        "Gemeente Testdorp",
        "Binnenuit Advies",  # the provider's details
        "NL001234567B01",
        "Totaal exclusief btw € 41.300,00",
        "Btw: vrijgesteld, over € 36.400,00 € 0,00",
        "Btw 21 % over € 4.900,00 € 1.029,00",
        "Totaal inclusief btw € 42.329,00",
        "Voorwaarden",
        "vrijgesteld van btw",  # the terms of the price list
    ):
        assert shown in text, shown
    assert re.search(r"Geldig tot \d+ \w+ \d{4}", text)
    assert images_of(reader) == 1  # the organisation's logo


def test_the_quote_pdf_in_english(world):
    quote = sent_quote(world)
    reader, text = read(documents.quote_pdf(quote, language="en"))
    assert_tagged(reader, "en")
    assert "Total including VAT € 36.400,00" in text  # euros the Dutch way in English too
    assert images_of(reader) == 0  # no logo, no image


def test_the_invoice_pdf_is_tagged_and_has_the_totals_and_payment_details(world):
    invoice = round_invoice(world)
    services.invoice_send(by=world.actor("adviser"), invoice=invoice)
    reader, text = read(documents.invoice_pdf(invoice))
    assert_tagged(reader, "nl")
    assert reader.metadata.title == f"Factuur {invoice.number} voor Gemeente Testdorp"
    for shown in (
        f"Factuur {invoice.number}",
        "Totaal exclusief btw € 13.000,00",
        "Totaal inclusief btw € 13.000,00",
        "NL91ABNA0417164300",  # where to pay
        "Vervaldatum",
        f"factuurnummer {invoice.number}",
    ):
        assert shown in text, shown


def test_the_credit_note_pdf_has_negative_totals(world):
    invoice = round_invoice(world)
    note = services.invoice_credit(by=world.actor("adviser"), invoice=invoice)
    reader, text = read(documents.invoice_pdf(note))
    assert_tagged(reader, "nl")
    assert f"Creditnota {note.number}" in text
    assert f"creditnota voor factuur {invoice.number}" in text
    assert "Totaal inclusief btw € -13.000,00" in text
    assert "Betaal binnen" not in text
