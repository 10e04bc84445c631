"""Documents as tagged PDF: an HTML template rendered by WeasyPrint.

Tagged (``pdf_tags``) so that screen readers can read the structure: headings, tables, lists
and the reading order come from the HTML. The template is a full HTML document of its own
(``<html lang="nl">``, a ``<title>``), with its styles inline in a ``<style>`` element.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: Mapping[str, Any], *, language: str = "nl") -> bytes:
    """The template as a tagged PDF, in ``language``; images and fonts from our static files."""
    from weasyprint import HTML  # imported late: it loads Pango, which pages never need

    with translation.override(language):
        html = render_to_string(template, dict(context))
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    pdf: bytes = document.write_pdf(pdf_tags=True, custom_metadata=True)
    return pdf
