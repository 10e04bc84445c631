"""The scan report's PDF, made by the worker (``./dev worker``), never inside a request:
``services.report_request`` asks for it, the task renders and keeps it."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from binnenuit.scan.documents import report_filename, report_pdf
from binnenuit.scan.models import Scan

logger = logging.getLogger(__name__)


@task
def scan_report_make(scan_id: int) -> str:
    """Render the report of one scan; what happened, for the task log."""
    return report_make(scan_id=scan_id)


def report_make(*, scan_id: int, language: str = "nl") -> str:
    """Render and keep the report's PDF: "ready", "failed", or "skipped" (not asked for)."""
    scan = Scan.objects.select_related("organisation", "location", "template").get(pk=scan_id)
    if scan.report_state != Scan.ReportState.PENDING:
        return "skipped"
    try:
        content = report_pdf(scan, language=language)
    except Exception:
        logger.exception("The report of scan %s could not be made.", scan_id)
        Scan.objects.filter(pk=scan_id).update(report_state=Scan.ReportState.FAILED)
        return "failed"
    old = scan.report_pdf.name if scan.report_pdf else ""
    scan.report_pdf.save(report_filename(scan), ContentFile(content), save=False)
    Scan.objects.filter(pk=scan_id).update(
        report_pdf=scan.report_pdf.name,
        report_state=Scan.ReportState.READY,
        report_made_at=timezone.now(),
    )
    if old and old != scan.report_pdf.name:
        scan.report_pdf.storage.delete(old)
    return "ready"
