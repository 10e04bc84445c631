from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from binnenuit.audit import selectors, tables
from binnenuit.audit.events import event_of
from binnenuit.audit.forms import TrailFilterForm
from binnenuit.core.access import org_view
from binnenuit.core.htmx import page_or_partial
from binnenuit.core.pagination import paginate
from binnenuit.organisations.access import OrgRequest


@require_GET
@org_view("audit.view")
def entry_list(request: OrgRequest) -> HttpResponse:
    """The organisation's audit trail, newest first; read-only."""
    form = TrailFilterForm(request.GET)
    kind = form.kind()
    page = paginate(request, selectors.trail(actor=request.actor, kind=kind))
    return render(
        request,
        page_or_partial(request, "audit/entry_list.html", "results"),
        {
            "form": form,
            "kind": kind,
            "page": page,
            "events": [event_of(entry) for entry in page.object_list],
            "columns": tables.ENTRIES,
            "retention_days": settings.AUDIT_RETENTION_DAYS,
        },
    )
