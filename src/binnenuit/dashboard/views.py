from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from binnenuit.core.access import ActorRequest, can, org_view, user_view
from binnenuit.core.htmx import page_or_partial
from binnenuit.core.pagination import paginate
from binnenuit.dashboard import selectors, tables
from binnenuit.organisations.access import OrgRequest
from binnenuit.trajectories.selectors import rounds_for_actor, trajectory_list, upcoming_meetings


@require_GET
@user_view()
def home(request: ActorRequest) -> HttpResponse:
    """Straight to the one organisation of a municipality's employee; advisers see their list."""
    organisations = list(selectors.organisations_of(user=request.user)[:2])
    if len(organisations) == 1 and not can(request.actor, "organisation.create"):
        return redirect(organisations[0].get_absolute_url())
    return redirect("dashboard:organisation-list")


@require_GET
@user_view()
def organisation_list(request: ActorRequest) -> HttpResponse:
    archived = request.GET.get("gearchiveerd") == "1"
    page = paginate(request, selectors.organisations_of(user=request.user, archived=archived))
    context = {
        "page": page,
        "rows": selectors.organisation_rows(user=request.user, page=page),
        "columns": tables.ORGANISATIONS,
        "archived": archived,
        "has_archived": not archived
        and selectors.organisations_of(user=request.user, archived=True).exists(),
    }
    return render(
        request, page_or_partial(request, "dashboard/organisation_list.html", "results"), context
    )


@require_GET
@org_view()
def organisation_detail(request: OrgRequest) -> HttpResponse:
    actor = request.actor
    context = {
        "trajectories": trajectory_list(actor=actor),
        "my_rounds": rounds_for_actor(actor=actor),
        "upcoming": upcoming_meetings(actor=actor),
    }
    return render(request, "dashboard/organisation_detail.html", context)
