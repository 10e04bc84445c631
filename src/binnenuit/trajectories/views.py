from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.access import OrgRequest, can, get_for_org_or_404, org_view, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import apply_service_errors
from binnenuit.core.htmx import page_or_partial, redirect_after_post
from binnenuit.trajectories import selectors, services
from binnenuit.trajectories.forms import (
    EnrolmentAddForm,
    MeetingForm,
    PhaseForm,
    ThemeChoiceForm,
    TrajectoryStartForm,
)
from binnenuit.trajectories.models import Enrolment, Meeting, Round, Trajectory


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def trajectory_start(request: OrgRequest) -> HttpResponse:
    form = TrajectoryStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trajectory = services.trajectory_start(organisation=request.org, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The trajectory has started. Plan its meetings next."))
            return redirect_after_post(request, _trajectory_url(request, trajectory))
    return render(request, "trajectories/trajectory_start.html", {"form": form})


@require_GET
@org_view("trajectory.view")
def trajectory_detail(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = get_for_org_or_404(
        Trajectory.objects.select_related("template"), request.actor, pk=pk
    )
    context = {
        "trajectory": trajectory,
        "timeline": selectors.trajectory_timeline(trajectory=trajectory),
        "rounds": selectors.round_list(trajectory=trajectory),
        "slots": selectors.theme_slots(trajectory=trajectory),
        "phase_form": PhaseForm(initial={"phase": trajectory.phase}),
        "can_manage": can(request.actor, "trajectory.manage"),
    }
    return render(request, "trajectories/trajectory_detail.html", context)


@require_POST
@org_view("trajectory.manage")
def trajectory_phase(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = get_for_org_or_404(Trajectory, request.actor, pk=pk)
    form = PhaseForm(request.POST)
    if form.is_valid():
        services.trajectory_set_phase(trajectory=trajectory, phase=form.cleaned_data["phase"])
        messages.success(request, _("The phase has been changed."))
    else:
        messages.error(request, _("Choose one of the phases."))
    return redirect_after_post(request, _trajectory_url(request, trajectory))


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def trajectory_themes(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = get_for_org_or_404(Trajectory, request.actor, pk=pk)
    slots = list(selectors.theme_slots(trajectory=trajectory))
    form = ThemeChoiceForm(request.POST or None, trajectory=trajectory, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            services.trajectory_choose_themes(trajectory=trajectory, choices=form.choices())
        except ServiceError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:  # keyed by module id
            for module_id, errors in exc.message_dict.items():
                form.add_error(f"slot_{module_id}", errors)
        else:
            messages.success(request, _("The round 2 themes have been saved."))
            return redirect_after_post(request, _trajectory_url(request, trajectory))
    themes = trajectory.template.themes.all()
    return render(
        request,
        "trajectories/trajectory_themes.html",
        {"trajectory": trajectory, "form": form, "themes": themes},
    )


@require_GET
@org_view()
def round_detail(request: OrgRequest, pk: int) -> HttpResponse:
    round_ = get_for_org_or_404(Round.objects.select_related("trajectory"), request.actor, pk=pk)
    require(request.actor, "round.view", round_)
    return _render_round(request, round_)


def _render_round(request: OrgRequest, round_: Round) -> HttpResponse:
    """The round page, or only its members section when htmx asks for it."""
    can_manage = can(request.actor, "trajectory.manage")
    context = {
        "round": round_,
        **selectors.round_detail(
            round_=round_, with_waiting_list=can(request.actor, "trajectory.manage")
        ),
        "can_manage": can_manage,
        "enrol_form": EnrolmentAddForm(people=selectors.enrolable_people(round_=round_))
        if can_manage
        else None,
    }
    return render(
        request, page_or_partial(request, "trajectories/round_detail.html", "members"), context
    )


@require_POST
@org_view("trajectory.manage")
def enrolment_add(request: OrgRequest, pk: int) -> HttpResponse:
    round_ = get_for_org_or_404(Round.objects.select_related("trajectory"), request.actor, pk=pk)
    form = EnrolmentAddForm(request.POST, people=selectors.enrolable_people(round_=round_))
    if form.is_valid():
        try:
            enrolment = services.enrolment_add(round_=round_, person=form.cleaned_data["person"])
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            if enrolment.status == Enrolment.Status.WAITLISTED:
                messages.warning(
                    request,
                    _("The round is full: %(name)s is on the waiting list.")
                    % {"name": enrolment.person},
                )
            else:
                messages.success(
                    request, _("%(name)s has been added to the round.") % {"name": enrolment.person}
                )
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("person", [])))
    if request.htmx:
        return _render_round(request, round_)  # the members section, updated in place
    return redirect_after_post(request, _round_url(request, round_))


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def enrolment_withdraw(request: OrgRequest, pk: int) -> HttpResponse:
    enrolment = get_for_org_or_404(
        Enrolment.objects.select_related("person", "round"), request.actor, pk=pk
    )
    if request.method == "POST":
        promoted = services.enrolment_withdraw(enrolment=enrolment)
        messages.success(
            request, _("%(name)s has been taken out of the round.") % {"name": enrolment.person}
        )
        if promoted is not None:
            messages.info(
                request, _("%(name)s moved up from the waiting list.") % {"name": promoted.person}
            )
        return redirect_after_post(request, _round_url(request, enrolment.round))
    return render(request, "trajectories/enrolment_withdraw.html", {"enrolment": enrolment})


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def meeting_update(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = get_for_org_or_404(Meeting.objects.select_related("trajectory"), request.actor, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect_after_post(request, _trajectory_url(request, meeting.trajectory))
    return render(request, "trajectories/meeting_form.html", {"form": form, "meeting": meeting})


def _trajectory_url(request: OrgRequest, trajectory: Trajectory) -> str:
    return reverse(
        "trajectories:trajectory-detail", kwargs={"org_slug": request.org.slug, "pk": trajectory.pk}
    )


def _round_url(request: OrgRequest, round_: Round) -> str:
    return reverse(
        "trajectories:round-detail", kwargs={"org_slug": request.org.slug, "pk": round_.pk}
    )
