from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.core.access import ActorRequest, org_view, user_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import (
    ConfirmForm,
    apply_service_errors,
    service_data,
    submit,
    submit_confirmation,
)
from binnenuit.core.htmx import page_or_partial
from binnenuit.core.pagination import paginate
from binnenuit.core.ratelimit import public_form_over_limit
from binnenuit.organisations import invitations, selectors, services, tables
from binnenuit.organisations.access import OrgRequest
from binnenuit.organisations.forms import (
    DayPartsForm,
    InvitationForm,
    LocationForm,
    NewPasswordForm,
    OrganisationForm,
    PersonForm,
    RoleForm,
)
from binnenuit.organisations.models import Role

SEARCH_COUNT_CAP = 200  # a search matching more is not counted whole: it asks to narrow down
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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
@org_view("organisation.edit")
def organisation_day_parts(request: OrgRequest) -> HttpResponse:
    organisation = copy.copy(request.org)
    form = DayPartsForm(request.POST or None, instance=organisation)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.organisation_set_day_parts(
                by=request.actor, organisation=organisation, times=form.times()
            ).get_absolute_url(),
            success=_("The times of the parts of the day have been saved."),
        )
        if done is not None:
            return done
    return render(request, "organisations/day_parts_form.html", {"form": form})


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


# --- Locations -----------------------------------------------------------------------------


@require_GET
@org_view("locations.view")
def location_list(request: OrgRequest) -> HttpResponse:
    page = paginate(request, selectors.location_list(actor=request.actor))
    return render(
        request, "organisations/location_list.html", {"page": page, "columns": tables.LOCATIONS}
    )


@require_http_methods(["GET", "POST"])
@org_view("locations.manage")
def location_create(request: OrgRequest) -> HttpResponse:
    form = LocationForm(request.POST or None)
    if request.method == "POST":

        def create() -> str:
            services.location_create(by=request.actor, **service_data(form))
            return _locations(request)

        if done := submit(request, form, create, success=_("The location has been added.")):
            return done
    return render(request, "organisations/location_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@org_view("locations.manage")
def location_update(request: OrgRequest, pk: int) -> HttpResponse:
    location = selectors.location_for(request.actor, pk)
    name = location.name
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST":

        def update() -> str:
            services.location_update(by=request.actor, location=location, **service_data(form))
            return _locations(request)

        if done := submit(request, form, update, success=_("The location has been saved.")):
            return done
    context = {"form": form, "location": location, "name": name}
    return render(request, "organisations/location_form.html", context)


def _locations(request: OrgRequest) -> str:
    return reverse("organisations:location-list", kwargs={"org_slug": request.org.slug})


# --- Who has access -----------------------------------------------------------------------


@require_GET
@org_view("access.view")
def access_list(request: OrgRequest) -> HttpResponse:
    context = {
        **selectors.access_overview(actor=request.actor),
        "member_columns": tables.MEMBERS,
        "invitation_columns": tables.INVITATIONS,
        "resend_form": ConfirmForm(),
        "now": timezone.now(),
    }
    return render(request, "organisations/access_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view("access.manage")
def invitation_create(request: OrgRequest) -> HttpResponse:
    roles = invitations.invitable_roles(by=request.actor)
    form = InvitationForm(request.POST or None, roles=roles, initial=request.GET.dict())
    if request.method == "POST":

        def invite() -> str:
            invitation = invitations.invitation_create(by=request.actor, **service_data(form))
            messages.success(
                request,
                _("The invitation has been sent to %(email)s. It is valid for 7 days.")
                % {"email": invitation.email},
            )
            return _access(request)

        if done := submit(request, form, invite):
            return done
    return render(request, "organisations/invitation_form.html", {"form": form})


@require_POST
@org_view("access.manage")
def invitation_resend(request: OrgRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for(request.actor, pk)

    def resend() -> str:
        invitations.invitation_resend(by=request.actor, invitation=invitation)
        return _access(request)

    return submit_confirmation(
        request,
        resend,
        success=_("A new invitation has been sent to %(email)s. The earlier link no longer works.")
        % {"email": invitation.email},
        back=_access(request),
    )


@require_http_methods(["GET", "POST"])
@org_view("access.manage")
def invitation_revoke(request: OrgRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for(request.actor, pk)
    if request.method == "POST":

        def revoke() -> str:
            invitations.invitation_revoke(by=request.actor, invitation=invitation)
            return _access(request)

        return submit_confirmation(
            request,
            revoke,
            success=_("The invitation to %(email)s has been revoked.")
            % {"email": invitation.email},
            back=_access(request),
        )
    return render(
        request,
        "organisations/invitation_revoke.html",
        {"invitation": invitation, "form": ConfirmForm()},
    )


@require_http_methods(["GET", "POST"])
@org_view("access.manage")
def membership_role(request: OrgRequest, pk: int) -> HttpResponse:
    """Choose the new role, then confirm it on a second page."""
    membership = selectors.membership_for(request.actor, pk)
    roles = invitations.invitable_roles(by=request.actor)
    form = RoleForm(request.POST or None, roles=roles, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        role = Role(form.cleaned_data["role"])
        if "confirm" in request.POST:

            def change() -> str:
                invitations.membership_set_role(by=request.actor, membership=membership, role=role)
                return _access(request)

            return submit_confirmation(
                request,
                change,
                success=_("%(name)s is now %(role)s.")
                % {"name": membership.user.full_name, "role": role.label},
                back=_access(request),
            )
        context = {"membership": membership, "role": role, "form": ConfirmForm()}
        return render(request, "organisations/membership_role_confirm.html", context)
    return render(
        request, "organisations/membership_role.html", {"membership": membership, "form": form}
    )


@require_http_methods(["GET", "POST"])
@org_view("access.manage")
def membership_deactivate(request: OrgRequest, pk: int) -> HttpResponse:
    """Deactivate a login here (or, when it is deactivated, activate it again)."""
    membership = selectors.membership_for(request.actor, pk)
    active = membership.deactivated_at is None
    if request.method == "POST":
        service = invitations.membership_deactivate if active else invitations.membership_reactivate
        success = (
            _("%(name)s can no longer log in to this organisation. Their history is kept.")
            if active
            else _("%(name)s can log in to this organisation again.")
        ) % {"name": membership.user.full_name}

        def change() -> str:
            service(by=request.actor, membership=membership)
            return _access(request)

        return submit_confirmation(
            request,
            change,
            success=success,
            back=_access(request),
        )
    return render(
        request,
        "organisations/membership_deactivate.html",
        {"membership": membership, "active": active, "form": ConfirmForm()},
    )


@require_http_methods(["GET", "POST"])
@org_view("access.view")  # the rule itself is checked on the login, after it is found
def two_factor_reset(request: OrgRequest, pk: int) -> HttpResponse:
    membership = selectors.membership_for(request.actor, pk, "access.reset_two_factor")
    if request.method == "POST":

        def reset() -> str:
            invitations.two_factor_reset(by=request.actor, membership=membership)
            return _access(request)

        return submit_confirmation(
            request,
            reset,
            success=_(
                "The two-step login of %(name)s is reset. At their next login they set it up "
                "again with their phone."
            )
            % {"name": membership.user.full_name},
            back=_access(request),
        )
    return render(
        request,
        "organisations/two_factor_reset.html",
        {"membership": membership, "form": ConfirmForm()},
    )


def _access(request: OrgRequest) -> str:
    return reverse("organisations:access-list", kwargs={"org_slug": request.org.slug})


# --- Accepting an invitation (no login needed) --------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation: choose a password, or add the organisation to a login."""
    link = invitations.invitation_link(token)
    invitation = link.invitation
    if (
        link.state == invitations.LinkState.USED
        and invitation is not None
        and request.user.is_authenticated
        and request.user.email == invitation.email
    ):
        return redirect(invitation.organisation.get_absolute_url())  # a second click
    if link.state != invitations.LinkState.VALID or invitation is None:
        return render(
            request, "organisations/invitation_closed.html", {"state": link.state}, status=410
        )
    form = NewPasswordForm(request.POST or None) if link.existing_user is None else None
    if request.method == "POST":
        if public_form_over_limit(request, "invitation"):
            return render(request, "organisations/too_many_attempts.html", status=429)
        if form is None or form.is_valid():
            try:
                login_user = invitations.invitation_accept(
                    token=token,
                    user=request.user if request.user.is_authenticated else None,
                    password=form.cleaned_data["new_password1"] if form else "",
                )
            except ServiceError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                else:
                    apply_service_errors(form, error)
            else:
                if not request.user.is_authenticated:
                    auth_login(request, login_user, backend=MODEL_BACKEND)
                messages.success(
                    request,
                    _("Welcome to Binnenuit. You now have access to %(name)s.")
                    % {"name": invitation.organisation.name},
                )
                return redirect(invitation.organisation.get_absolute_url())
    context = {"invitation": invitation, "form": form, "existing_user": link.existing_user}
    return render(request, "organisations/invitation_accept.html", context)
