from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap

from binnenuit.attendance import documents, exports, reports, selectors, services, tables
from binnenuit.attendance.forms import CompletionRuleForm, MarkForm
from binnenuit.core.access import can, org_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import ConfirmForm, apply_service_errors, submit, submit_confirmation
from binnenuit.organisations.access import OrgRequest
from binnenuit.organisations.selectors import person_for
from binnenuit.trajectories.models import AbsenceReason, Attendance, Meeting
from binnenuit.trajectories.selectors import round_for, trajectory_for

MEETING_PAGE = "attendance/meeting_attendance.html"

# --- A meeting's list -------------------------------------------------------------------------


def _meeting_url(meeting: Meeting) -> str:
    return reverse(
        "attendance:meeting",
        kwargs={"org_slug": meeting.organisation.slug, "pk": meeting.pk},
    )


def _meeting_context(
    request: OrgRequest, meeting: Meeting, rows: list[Attendance]
) -> dict[str, object]:
    may_mark = can(request.actor, "attendance.mark", meeting)
    may_fill = can(request.actor, "attendance.fill_list", meeting)
    return {
        "meeting": meeting,
        "rows": rows,
        "counts": selectors.status_counts(rows),
        "may_mark": may_mark,
        "may_mark_now": may_mark and selectors.may_mark_now(meeting),
        "reasons": may_mark,
        "missing": selectors.missing_attendees(meeting=meeting, rows=rows) if may_fill else 0,
        "fill_form": ConfirmForm() if may_fill else None,
        "reason_choices": AbsenceReason.choices,
    }


@require_GET
@org_view()
def meeting_attendance(request: OrgRequest, pk: int) -> HttpResponse:
    """The list at the door: who is expected, and a tap for present, late or absent."""
    meeting = selectors.meeting_for(request.actor, pk)
    rows = selectors.meeting_attendees(meeting=meeting)
    return render(request, MEETING_PAGE, _meeting_context(request, meeting, rows))


@require_POST
@org_view()
def meeting_mark(request: OrgRequest, pk: int) -> HttpResponse:
    """One tap: htmx swaps the attendee's row; without JavaScript, back to the list."""
    meeting = selectors.meeting_for(request.actor, pk, "attendance.mark")
    form = MarkForm(request.POST, people=selectors.people_of(actor=request.actor))
    marked = None
    if form.is_valid():
        try:
            marked = services.attendance_mark(
                by=request.actor,
                meeting=meeting,
                person=form.cleaned_data["person"],
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            apply_service_errors(form, error)
    if marked is None:
        refusal = " ".join(form.messages())
        if request.htmx:  # the rows stay as they are; the refusal is announced on top
            messages.error(request, refusal)
            return reswap(render(request, f"{MEETING_PAGE}#refused", {}), "none")
        rows = selectors.meeting_attendees(meeting=meeting)
        context = {**_meeting_context(request, meeting, rows), "refusal": refusal}
        return render(request, MEETING_PAGE, context)
    said = _("%(name)s: %(status)s.") % {
        "name": form.cleaned_data["person"].full_name,
        "status": reports.status_text(marked.status, marked.absence_reason, reasons=True),
    }
    messages.success(request, said)
    if request.htmx:
        rows = selectors.meeting_attendees(meeting=meeting)
        context = _meeting_context(request, meeting, rows)
        context["row"] = next(r for r in rows if r.pk == marked.pk)
        return render(request, f"{MEETING_PAGE}#marked", context)
    return redirect(f"{_meeting_url(meeting)}#attendee-{marked.person_id}")


@require_POST
@org_view()
def meeting_fill(request: OrgRequest, pk: int) -> HttpResponse:
    """Put the people the meeting expects on its list (a meeting recorded after the fact)."""
    meeting = selectors.meeting_for(request.actor, pk, "attendance.fill_list")
    url = _meeting_url(meeting)

    def fill() -> str:
        services.attendance_list_fill(by=request.actor, meeting=meeting)
        return url

    return submit_confirmation(
        request, fill, success=_("The expected people are on the list."), back=url
    )


@require_GET
@org_view()
def meeting_export(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.actor, pk)
    rows = selectors.meeting_attendees(meeting=meeting)
    sheet = reports.meeting_sheet(
        meeting, rows, reasons=selectors.may_see_reasons(request.actor, meeting)
    )
    day = meeting.date.isoformat() if meeting.date else ""
    return exports.download(sheet, fmt, f"aanwezigheid {meeting.title} {day}")


# --- Reports --------------------------------------------------------------------------------


@require_GET
@org_view("attendance.report")
def round_report(request: OrgRequest, pk: int) -> HttpResponse:
    """People × modules: who came, who completed, who is at risk."""
    round_ = round_for(request.actor, pk, "attendance.report")
    (progress,) = selectors.round_progress([round_])
    reasons = selectors.may_see_reasons(request.actor)
    context = {
        "round": round_,
        "progress": progress,
        "rows": reports.matrix_rows(progress, reasons=reasons),
        "columns": tables.round_columns(progress),
        "rule": reports.rule_text(progress),
    }
    return render(request, "attendance/round_report.html", context)


@require_GET
@org_view("attendance.report")
def round_export(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    round_ = round_for(request.actor, pk, "attendance.report")
    (progress,) = selectors.round_progress([round_])
    sheet = reports.round_sheet(progress, reasons=selectors.may_see_reasons(request.actor))
    name = f"aanwezigheid {round_.trajectory.name} ronde {round_.number}"
    return exports.download(sheet, fmt, name)


@require_GET
@org_view("attendance.report")
def person_report(request: OrgRequest, pk: int, person_pk: int) -> HttpResponse:
    """One person across the whole trajectory: every meeting they were on the list for."""
    trajectory = trajectory_for(request.actor, pk, "attendance.report")
    person = person_for(request.actor, person_pk, "attendance.report")
    rows = selectors.person_attendance(trajectory=trajectory, person=person)
    progresses = selectors.round_progress(
        selectors.trajectory_rounds(trajectory=trajectory), person=person
    )
    context = {
        "trajectory": trajectory,
        "person": person,
        "rows": rows,
        "reasons": selectors.may_see_reasons(request.actor),
        "rounds": [(p, p.of(person.pk)) for p in progresses if p.of(person.pk) is not None],
        "columns": tables.PERSON,
    }
    return render(request, "attendance/person_report.html", context)


@require_GET
@org_view("attendance.report")
def person_export(request: OrgRequest, pk: int, person_pk: int, fmt: str) -> HttpResponse:
    trajectory = trajectory_for(request.actor, pk, "attendance.report")
    person = person_for(request.actor, person_pk, "attendance.report")
    rows = selectors.person_attendance(trajectory=trajectory, person=person)
    sheet = reports.person_sheet(person, rows, reasons=selectors.may_see_reasons(request.actor))
    return exports.download(sheet, fmt, f"aanwezigheid {person.full_name} {trajectory.name}")


@require_GET
@org_view("attendance.report")
def department_report(request: OrgRequest, pk: int) -> HttpResponse:
    """Per round and department: followed, absent, completed and at risk (no reasons)."""
    trajectory = trajectory_for(request.actor, pk, "attendance.report")
    progresses = selectors.round_progress(selectors.trajectory_rounds(trajectory=trajectory))
    context = {
        "trajectory": trajectory,
        "rows": selectors.department_rows(progresses),
        "columns": tables.DEPARTMENTS,
    }
    return render(request, "attendance/department_report.html", context)


@require_GET
@org_view("attendance.report")
def department_export(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    trajectory = trajectory_for(request.actor, pk, "attendance.report")
    progresses = selectors.round_progress(selectors.trajectory_rounds(trajectory=trajectory))
    rows = selectors.department_rows(progresses)
    sheet = reports.department_sheet(trajectory.name, rows)
    return exports.download(sheet, fmt, f"aanwezigheid per afdeling {trajectory.name}")


# --- The completion rule --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view("attendance.rule")
def completion_rule(request: OrgRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.actor, pk, "attendance.rule")
    rounds = selectors.trajectory_rounds(trajectory=trajectory)
    form = CompletionRuleForm(
        request.POST or None, rounds=rounds, modules=selectors.module_counts(rounds)
    )
    if request.method == "POST":

        def save() -> str:
            services.completion_rule_set(
                by=request.actor, trajectory=trajectory, minimums=form.minimums()
            )
            return trajectory.get_absolute_url()

        done = submit(request, form, save, success=_("The completion rule has been saved."))
        if done is not None:
            return done
    context = {"trajectory": trajectory, "form": form, "rounds": rounds}
    return render(request, "attendance/completion_rule.html", context)


# --- One's own ------------------------------------------------------------------------------


@require_GET
@org_view()
def my_attendance(request: OrgRequest) -> HttpResponse:
    """A participant's (anyone's) own record: where they were, and their rounds' progress."""
    own = selectors.own_attendance(actor=request.actor)
    context = {"own": own, "columns": tables.OWN}
    return render(request, "attendance/my_attendance.html", context)


@require_GET
@org_view()
def certificate(request: OrgRequest, pk: int) -> HttpResponse:
    """The certificate of participation as a PDF, for whoever completed the round."""
    enrolment = selectors.enrolment_for(request.actor, pk)
    found = selectors.certificate_of(enrolment=enrolment)
    if found is None:
        context = {"enrolment": enrolment}
        return render(request, "attendance/no_certificate.html", context, status=404)
    content = documents.certificate_pdf(found, language=translation.get_language() or "nl")
    response = HttpResponse(content, content_type="application/pdf")
    filename = documents.certificate_filename(found)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
