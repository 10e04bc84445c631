from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from binnenuit.access import (
    OrgRequest,
    UserRequest,
    can,
    can_create_organisation,
    get_for_org_or_404,
    org_view,
    user_view,
)
from binnenuit.core.forms import apply_service_errors
from binnenuit.core.htmx import page_or_partial, redirect_after_post
from binnenuit.core.pagination import paginate
from binnenuit.organisations import selectors, services
from binnenuit.organisations.forms import OrganisationForm, PersonForm
from binnenuit.organisations.models import Person
from binnenuit.trajectories.selectors import rounds_for_actor, trajectory_list, upcoming_meetings


@require_GET
@user_view()
def organisation_list(request: UserRequest) -> HttpResponse:
    page = paginate(request, selectors.organisation_list(user=request.user))
    return render(
        request,
        page_or_partial(request, "organisations/organisation_list.html", "results"),
        {"page": page, "can_create": can_create_organisation(request.user)},
    )


@require_http_methods(["GET", "POST"])
@user_view(can_create_organisation)
def organisation_create(request: UserRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, organisation.get_absolute_url())
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_GET
@org_view()
def organisation_detail(request: OrgRequest) -> HttpResponse:
    actor = request.actor
    context = {
        "trajectories": trajectory_list(organisation=request.org)
        if can(actor, "trajectory.view")
        else None,
        "my_rounds": rounds_for_actor(actor=actor),
        "upcoming": upcoming_meetings(actor=actor),
    }
    return render(request, "organisations/organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
@org_view("organisation.edit")
def organisation_update(request: OrgRequest) -> HttpResponse:
    # A copy: the header keeps showing the saved name and colour while the form is corrected.
    organisation = copy.copy(request.org)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, request.org.get_absolute_url())
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_GET
@org_view()
def organisation_logo(request: OrgRequest) -> FileResponse:
    if not request.org.logo:
        raise Http404
    return FileResponse(request.org.logo.open("rb"))


@require_GET
@org_view("people.view")
def person_list(request: OrgRequest) -> HttpResponse:
    search = request.GET.get("zoek", "").strip()
    page = paginate(request, selectors.person_list(actor=request.actor, search=search))
    return render(
        request,
        page_or_partial(request, "organisations/person_list.html", "results"),
        {"page": page, "search": search},
    )


@require_http_methods(["GET", "POST"])
@org_view("people.manage")
def person_create(request: OrgRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, organisation=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_create(organisation=request.org, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, _person_list_url(request))
    return render(request, "organisations/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@org_view("people.manage")
def person_update(request: OrgRequest, pk: int) -> HttpResponse:
    person = get_for_org_or_404(Person, request.actor, pk=pk)
    name = person.full_name
    form = PersonForm(request.POST or None, instance=person, organisation=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect_after_post(request, _person_list_url(request))
    # The heading keeps the saved name while the form shows what was typed.
    return render(
        request, "organisations/person_form.html", {"form": form, "person": person, "name": name}
    )


def _person_list_url(request: OrgRequest) -> str:
    return reverse("organisations:person-list", kwargs={"org_slug": request.org.slug})


@require_GET
@user_view()
def home(request: UserRequest) -> HttpResponse:
    """Straight to the one organisation of a municipality's employee; advisers see their list."""
    organisations = list(selectors.organisation_list(user=request.user)[:2])
    if len(organisations) == 1 and not request.user.is_provider_staff:
        return redirect(organisations[0].get_absolute_url())
    return redirect("organisations:organisation-list")
