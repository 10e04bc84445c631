"""The certificate of participation: a tagged PDF for whoever completed a round."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from binnenuit.attendance.selectors import Certificate
from binnenuit.core.pdf import render_pdf


def certificate_pdf(certificate: Certificate, *, language: str = "nl") -> bytes:
    """The certificate, listing the modules followed with their dates."""
    context = {
        "certificate": certificate,
        "person": certificate.person,
        "round": certificate.round,
        "trajectory": certificate.round.trajectory,
        "organisation": certificate.enrolment.organisation,
        "modules": certificate.modules,
        "provider": settings.PROVIDER,
        "issued_on": timezone.localdate(),
    }
    return render_pdf("attendance/pdf/certificate.html", context, language=language)


def certificate_filename(certificate: Certificate) -> str:
    return (
        f"certificaat-{slugify(certificate.person.full_name)}-ronde-{certificate.round.number}.pdf"
    )
