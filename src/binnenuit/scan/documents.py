"""The scan report ("inventarisatie van de eigen kracht en leerdoelen"): one context for the
HTML page and the tagged PDF, so that both show the same figures under the same rule."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from binnenuit.core.pdf import render_pdf
from binnenuit.scan import charts, selectors
from binnenuit.scan.models import Scan


def report_context(scan: Scan) -> dict[str, Any]:
    analysis = selectors.scan_analysis(scan)
    groups = [
        {
            "column": column,
            "stats": stats,
            "chart": charts.group_chart(column.name, stats, chart_id=f"group-chart-{i}"),
        }
        for i, (column, stats) in enumerate(analysis.group_rows, start=1)
    ]
    by_gap = analysis.by_gap
    return {
        "scan": scan,
        "organisation": scan.organisation,
        "analysis": analysis,
        "by_gap": by_gap,
        "gap_chart": charts.gap_chart(by_gap) if by_gap else "",
        "groups": groups,
        "differences": analysis.differences[:5],
        "open_answers": selectors.open_answers(scan, released_only=True),
        "min_group": selectors.MIN_GROUP,
    }


def report_pdf(scan: Scan, *, language: str = "nl") -> bytes:
    context = {
        **report_context(scan),
        "provider": settings.PROVIDER,
        "made_on": timezone.localdate(),
    }
    return render_pdf("scan/pdf/report.html", context, language=language)


def report_filename(scan: Scan) -> str:
    return f"organisatiescan-{slugify(scan.organisation.name)}-{scan.pk}.pdf"
