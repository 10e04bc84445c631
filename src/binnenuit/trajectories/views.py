from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.catalogue.models import Theme
from binnenuit.core.access import can, org_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import (
    ConfirmForm,
    apply_service_errors,
    service_data,
    submit,
    submit_confirmation,
)
from binnenuit.core.htmx import redirect_after_post
from binnenuit.organisations.access import OrgRequest
from binnenuit.trajectories import selectors, services, tables
from binnenuit.trajectories.forms import (
    EnrolableSearchForm,
    EnrolmentAddForm,
    GuestForm,
    MeetingForm,
    OptionalMeetingForm,
    PhaseForm,
    ThemeChoiceForm,
    TrajectoryStartForm,
    month_from,
)
from binnenuit.trajectories.models import (
    OPTIONAL_KINDS,
    Enrolment,
    Guest,
    Meeting,
    Round,
    Trajectory,
)
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
    present = {meeting.kind for stage in timeline for meeting in stage.meetings}
    context = {
        "trajectory": trajectory,
        "timeline": timeline,
        # The optional meetings not added yet, each a button with its one-time token.
        "optional": [
            (kind, OptionalMeetingForm(initial={"kind": kind}, auto_id=False))
            for kind in OPTIONAL_KINDS
            if kind not in present
        ],
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


# --- Planning a meeting ----------------------------------------------------------------------

MEETING_PAGE = "trajectories/meeting_form.html"


def _meeting_form(meeting: Meeting, data: QueryDict | None) -> MeetingForm:
    """The planning form, on a copy of the meeting: the page keeps showing what is saved
    while the planner corrects the form. A meeting never planned offers every adviser."""
    never_planned = not (meeting.revision or meeting.date)
    return MeetingForm(
        data,
        instance=copy.copy(meeting),
        initial={"advisers": selectors.advisers_of(organisation=meeting.organisation)}
        if never_planned
        else None,
        organisation=meeting.organisation,
        **selectors.meeting_form_choices(meeting=meeting),
    )


def _meeting_page(
    request: OrgRequest,
    meeting: Meeting,
    form: MeetingForm,
    *,
    check: PlanCheck | None = None,
) -> HttpResponse:
    context = {
        "meeting": meeting,
        "form": form,
        "check": check,
        "guest_form": GuestForm(),
        "guest_columns": tables.GUESTS,
        **selectors.meeting_planning(meeting=meeting),
    }
    return render(request, MEETING_PAGE, context)


@dataclass(frozen=True)
class PlanCheck:
    """What checking the form found: refused values, or the conflicts (None: no date)."""

    problems: list[str]
    conflicts: list[selectors.ConflictView] | None


def _check(request: OrgRequest, meeting: Meeting, form: MeetingForm) -> PlanCheck:
    if not form.is_valid():
        return PlanCheck([str(e) for errors in form.errors.values() for e in errors], None)
    data = service_data(form)
    data.pop("override_reason", None)
    try:
        conflicts = services.meeting_conflicts(by=request.actor, meeting=meeting, **data)
    except ServiceError as error:
        apply_service_errors(form, error)
        return PlanCheck(error.messages, None)
    return PlanCheck([], conflicts if data["date"] is not None else None)


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def meeting_update(request: OrgRequest, pk: int) -> HttpResponse:
    """The planning page: the meeting's details, the form (conflicts refused on save unless
    a reason is given), its guests."""
    meeting = selectors.meeting_for(request.actor, pk)
    form = _meeting_form(meeting, request.POST if request.method == "POST" else None)
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
    return _meeting_page(request, meeting, form)


@require_POST
@org_view("trajectory.manage")
def meeting_check(request: OrgRequest, pk: int) -> HttpResponse:
    """The conflicts of the plan in the form, without saving it: for htmx the list alone,
    without JavaScript the planning page with the list ("Check for conflicts")."""
    meeting = selectors.meeting_for(request.actor, pk)
    form = _meeting_form(meeting, request.POST)
    check = _check(request, meeting, form)
    if request.htmx:
        return render(request, MEETING_PAGE + "#conflict-list", {"check": check})
    return _meeting_page(request, meeting, form, check=check)


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def meeting_cancel(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.actor, pk)
    back = reverse("trajectories:meeting-update", args=[request.org.slug, meeting.pk])
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: _cancel(request, meeting),
            success=_("“%(title)s” has been cancelled.") % {"title": meeting.title},
            back=back,
        )
    return render(
        request, "trajectories/meeting_cancel.html", {"meeting": meeting, "form": ConfirmForm()}
    )


def _cancel(request: OrgRequest, meeting: Meeting) -> str:
    services.meeting_cancel(by=request.actor, meeting=meeting)
    return meeting.trajectory.get_absolute_url()


@require_POST
@org_view("trajectory.manage")
def meeting_add_optional(request: OrgRequest, pk: int) -> HttpResponse:
    """Add the optional organisation scan session or tasting workshop (once each)."""
    trajectory = selectors.trajectory_for(request.actor, pk, "trajectory.manage")
    form = OptionalMeetingForm(request.POST)
    done = submit(request, form, lambda: _add_optional(request, trajectory, form))
    if done is not None:
        return done
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect_after_post(request, trajectory.get_absolute_url())


def _add_optional(request: OrgRequest, trajectory: Trajectory, form: OptionalMeetingForm) -> str:
    meeting = services.meeting_add_optional(
        by=request.actor, trajectory=trajectory, kind=form.cleaned_data["kind"]
    )
    messages.success(
        request, _("“%(title)s” has been added. Plan it now.") % {"title": meeting.title}
    )
    return reverse("trajectories:meeting-update", args=[request.org.slug, meeting.pk])


# --- Guests --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def guest_add(request: OrgRequest, pk: int) -> HttpResponse:
    """Invite a guest. From the planning page with htmx, its guests section comes back
    (with the errors beside the fields, or the new guest); without, the form's own page."""
    meeting = selectors.meeting_for(request.actor, pk)
    form = GuestForm(request.POST or None)
    if request.method == "POST":
        done = submit(request, form, lambda: _add_guest(request, meeting, form))
        if request.htmx:
            context = {
                "meeting": meeting,
                "guest_form": GuestForm() if done is not None else form,
                "guest_columns": tables.GUESTS,
                **selectors.meeting_planning(meeting=meeting),
            }
            return render(request, MEETING_PAGE + "#guests", context)
        if done is not None:
            return done
    return render(request, "trajectories/guest_form.html", {"form": form, "meeting": meeting})


def _add_guest(request: OrgRequest, meeting: Meeting, form: GuestForm) -> str:
    guest = services.guest_add(by=request.actor, meeting=meeting, **service_data(form))
    if meeting.is_planned:
        message = _("%(name)s has been added as a guest and gets the invitation by e-mail.")
    else:
        message = _(
            "%(name)s has been added as a guest and gets the invitation once the meeting "
            "has a date."
        )
    messages.success(request, message % {"name": guest.full_name})
    url = reverse("trajectories:meeting-update", args=[request.org.slug, meeting.pk])
    return url + "#guests"


@require_http_methods(["GET", "POST"])
@org_view("trajectory.manage")
def guest_remove(request: OrgRequest, pk: int) -> HttpResponse:
    guest = selectors.guest_for(request.actor, pk)
    back = reverse("trajectories:meeting-update", args=[request.org.slug, guest.meeting_id])
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: _remove_guest(request, guest, back),
            success=_("%(name)s is no longer a guest of this meeting.") % {"name": guest.full_name},
            back=back,
        )
    return render(
        request, "trajectories/guest_remove.html", {"guest": guest, "form": ConfirmForm()}
    )


def _remove_guest(request: OrgRequest, guest: Guest, back: str) -> str:
    services.guest_remove(by=request.actor, guest=guest)
    return back + "#guests"


# --- Planning views per trajectory ---------------------------------------------------------


@require_GET
@org_view("trajectory.view")
def trajectory_calendar(request: OrgRequest, pk: int) -> HttpResponse:
    """A month of the trajectory's meetings: ``?maand=2027-03``; this month without one."""
    trajectory = selectors.trajectory_for(request.actor, pk)
    today = timezone.localdate()
    month = month_from(request.GET.get("maand")) or selectors.month_start(today)
    context = {
        "trajectory": trajectory,
        "calendar": selectors.trajectory_month(trajectory=trajectory, month=month, today=today),
        "this_month": selectors.month_start(today),
    }
    return render(request, "trajectories/trajectory_calendar.html", context)


@require_GET
@org_view("trajectory.manage")
def trajectory_to_plan(request: OrgRequest, pk: int) -> HttpResponse:
    """What the project leader still has to plan: no date, no location, no facilitators."""
    trajectory = selectors.trajectory_for(request.actor, pk, "trajectory.manage")
    context = {
        "trajectory": trajectory,
        "rows": selectors.trajectory_to_plan(trajectory=trajectory, today=timezone.localdate()),
        "columns": tables.TO_PLAN,
    }
    return render(request, "trajectories/trajectory_to_plan.html", context)
