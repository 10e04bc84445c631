from __future__ import annotations

import copy

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binnenuit.core.access import ActorRequest, org_view, user_view
from binnenuit.core.forms import ConfirmForm, service_data, submit, submit_confirmation
from binnenuit.core.htmx import page_or_partial
from binnenuit.core.pagination import paginate
from binnenuit.organisations import selectors, services, tables
from binnenuit.organisations.access import OrgRequest
from binnenuit.organisations.forms import OrganisationForm, PersonForm

SEARCH_COUNT_CAP = 200  # a search matching more is not counted whole: it asks to narrow down


@require_http_methods(["GET", "POST"])
@user_view("organisation.create")
def organisation_create(request: ActorRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.organisation_create(
                by=request.actor, **service_data(form)
            ).get_absolute_url(),
        )
        if done is not None:
            return done
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@org_view("organisation.edit")
def organisation_update(request: OrgRequest) -> HttpResponse:
    # A copy: the header keeps showing the saved name and colour while the form is corrected.
    organisation = copy.copy(request.org)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.organisation_update(
                by=request.actor, organisation=organisation, **service_data(form)
            ).get_absolute_url(),
        )
        if done is not None:
            return done
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@org_view("organisation.archive")
def organisation_archive(request: OrgRequest) -> HttpResponse:
    """Archive (or, when archived, restore) the organisation, after a confirmation."""
    organisation = request.org
    if request.method == "POST":
        service = (
            services.organisation_restore
            if organisation.is_archived
            else services.organisation_archive
        )
        success = (
            _("%(name)s is active again.")
            if organisation.is_archived
            else _("%(name)s is archived. Its history is kept; you can restore it here.")
        ) % {"name": organisation.name}
        return submit_confirmation(
            request,
            lambda: service(by=request.actor, organisation=organisation).get_absolute_url(),
            success=success,
            back=organisation.get_absolute_url(),
        )
    return render(request, "organisations/organisation_archive.html", {"form": ConfirmForm()})


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
    people = selectors.person_list(actor=request.actor, search=search)
    page = paginate(request, people, cap=SEARCH_COUNT_CAP if search else None)
    return render(
        request,
        page_or_partial(request, "organisations/person_list.html", "results"),
        {"page": page, "search": search, "columns": tables.PEOPLE},
    )


@require_http_methods(["GET", "POST"])
@org_view("people.manage")
def person_create(request: OrgRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, organisation=request.org)
    if request.method == "POST":

        def create() -> str:
            services.person_create(by=request.actor, **service_data(form))
            return _people(request)

        if done := submit(request, form, create, success=_("The employee has been added.")):
            return done
    return render(request, "organisations/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@org_view("people.manage")
def person_update(request: OrgRequest, pk: int) -> HttpResponse:
    person = selectors.person_for(request.actor, pk)
    name = person.full_name
    form = PersonForm(request.POST or None, instance=person, organisation=request.org)
    if request.method == "POST":

        def update() -> str:
            services.person_update(by=request.actor, person=person, **service_data(form))
            return _people(request)

        if done := submit(request, form, update, success=_("The employee has been saved.")):
            return done
    # The heading keeps the saved name while the form shows what was typed.
    return render(
        request, "organisations/person_form.html", {"form": form, "person": person, "name": name}
    )


def _people(request: OrgRequest) -> str:
    return reverse("organisations:person-list", kwargs={"org_slug": request.org.slug})
