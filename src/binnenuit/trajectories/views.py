from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.catalogue.models import Theme
from binnenuit.core.access import can, org_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import ConfirmForm, service_data, submit, submit_confirmation
from binnenuit.core.htmx import redirect_after_post
from binnenuit.organisations.access import OrgRequest
from binnenuit.trajectories import selectors, services, tables
from binnenuit.trajectories.forms import (
    EnrolableSearchForm,
    EnrolmentAddForm,
    MeetingForm,
    PhaseForm,
    ThemeChoiceForm,
    TrajectoryStartForm,
)
from binnenuit.trajectories.models import Enrolment, Round, Trajectory
from binnenuit.trajectories.panels import phase_panels


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def trajectory_start(request: OrgRequest) -> HttpResponse:
    form = TrajectoryStartForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.trajectory_start(
                by=request.actor, **service_data(form)
            ).get_absolute_url(),
            success=_("The trajectory has started. Plan its meetings next."),
        )
        if done is not None:
            return done
    return render(request, "trajectories/trajectory_start.html", {"form": form})


@require_GET
@org_view("trajectory.view")
def trajectory_detail(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk)
    timeline = [
        replace(stage, panels=tuple(phase_panels(request, trajectory, stage.phase)))
        for stage in selectors.trajectory_timeline(trajectory=trajectory)
    ]
    context = {
        "trajectory": trajectory,
        "timeline": timeline,
        "rounds": selectors.round_list(trajectory=trajectory),
        "slots": selectors.theme_slots(trajectory=trajectory),
        "phase_form": PhaseForm(initial={"phase": trajectory.phase}),
    }
    return render(request, "trajectories/trajectory_detail.html", context)


@require_POST
@org_view("trajectory.manage")
def trajectory_phase(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "trajectory.manage")
    form = PhaseForm(request.POST)
    if form.is_valid():
        services.trajectory_set_phase(
            by=request.actor, trajectory=trajectory, phase=form.cleaned_data["phase"]
        )
        messages.success(request, _("The phase has been changed."))
    else:
        messages.error(request, _("Choose one of the phases."))
    return redirect_after_post(request, trajectory.get_absolute_url())


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def trajectory_themes(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = selectors.trajectory_for(request.actor, pk, "trajectory.manage")
    slots = list(selectors.theme_slots(trajectory=trajectory))
    form = ThemeChoiceForm(request.POST or None, trajectory=trajectory, slots=slots)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: _choose_themes(request, trajectory, form.choices()),
            success=_("The round 2 themes have been saved."),
        )
        if done is not None:
            return done
    themes = trajectory.template.themes.all()
    return render(
        request,
        "trajectories/trajectory_themes.html",
        {"trajectory": trajectory, "form": form, "themes": themes},
    )


def _choose_themes(
    request: OrgRequest, trajectory: Trajectory, choices: Mapping[int, Theme | None]
) -> str:
    services.trajectory_choose_themes(by=request.actor, trajectory=trajectory, choices=choices)
    return trajectory.get_absolute_url()


@require_GET
@org_view()
def round_detail(request: OrgRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_for(request.actor, pk)
    return _render_round(request, round_)


def _render_round(request: OrgRequest, round_: Round, partial: str | None = None) -> HttpResponse:
    """The round page; for htmx only its members or the search results, as asked."""
    may_manage = can(request.actor, "trajectory.manage", round_)
    search = EnrolableSearchForm(request.POST if request.method == "POST" else request.GET)
    text = search.cleaned_data["zoek"] if search.is_valid() else ""
    context: dict[str, object] = {
        "round": round_,
        **selectors.round_detail(round_=round_, with_waiting_list=may_manage),
        "search": text,
        "meeting_columns": tables.MEETINGS,
        "member_columns": tables.MEMBERS,
        "candidate_columns": tables.CANDIDATES,
    }
    if may_manage and text:
        found = list(
            selectors.enrolable_people(round_=round_, search=text)[: selectors.ENROLABLE_SHOWN + 1]
        )
        context["candidates"] = found[: selectors.ENROLABLE_SHOWN]
        context["more_candidates"] = len(found) > selectors.ENROLABLE_SHOWN
    template = "trajectories/round_detail.html"
    if request.htmx:
        template += "#" + (
            partial or ("candidates" if request.htmx.target == "candidates" else "members")
        )
    return render(request, template, context)


@require_POST
@org_view("trajectory.manage")
def enrolment_add(request: OrgRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_for(request.actor, pk, "trajectory.manage")
    form = EnrolmentAddForm(request.POST, people=selectors.enrolable_people(round_=round_))
    if form.is_valid():
        try:
            enrolment = services.enrolment_add(
                by=request.actor, round_=round_, person=form.cleaned_data["person"]
            )
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
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
        return _render_round(request, round_, partial="members")  # updated in place
    search = request.POST.get("zoek", "").strip()  # back to the same search results
    query = "?" + urlencode({"zoek": search}) if search else ""
    return redirect_after_post(request, round_.get_absolute_url() + query)


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def enrolment_withdraw(request: OrgRequest, pk: int) -> HttpResponse:
    enrolment = selectors.enrolment_for(request.actor, pk)
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: _withdraw(request, enrolment),
            success=_("%(name)s has been taken out of the round.") % {"name": enrolment.person},
            back=enrolment.round.get_absolute_url(),
        )
    return render(
        request,
        "trajectories/enrolment_withdraw.html",
        {"enrolment": enrolment, "form": ConfirmForm()},
    )


def _withdraw(request: OrgRequest, enrolment: Enrolment) -> str:
    promoted = services.enrolment_withdraw(by=request.actor, enrolment=enrolment)
    if promoted is not None:
        messages.info(
            request, _("%(name)s moved up from the waiting list.") % {"name": promoted.person}
        )
    return enrolment.round.get_absolute_url()


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def meeting_update(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.actor, pk)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initial=None
        if meeting.revision or meeting.date
        else {"advisers": selectors.advisers_of(organisation=request.org)},
        **selectors.meeting_form_choices(meeting=meeting),
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.meeting_plan(
                by=request.actor, meeting=meeting, **service_data(form)
            ).trajectory.get_absolute_url(),
            success=_("The meeting has been saved."),
        )
        if done is not None:
            return done
    return render(request, "trajectories/meeting_form.html", {"form": form, "meeting": meeting})
