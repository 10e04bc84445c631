from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenuit.core.access import org_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import (
    ConfirmForm,
    apply_service_errors,
    service_data,
    submit,
    submit_confirmation,
)
from binnenuit.core.htmx import redirect_after_post
from binnenuit.core.ratelimit import public_form_over_limit
from binnenuit.organisations.access import OrgRequest
from binnenuit.recruitment import selectors, services, tables
from binnenuit.recruitment.forms import (
    HONEYPOT,
    ApplicationForm,
    CallForm,
    CallOpenForm,
    DecisionForm,
    meeting_label,
)
from binnenuit.recruitment.models import Application, Call, CallCriterion, Decision
from binnenuit.recruitment.privacy import RETENTION_DAYS
from binnenuit.trajectories.models import Meeting
from binnenuit.trajectories.selectors import round_for

APPLY_LIMIT = 30  # applications an hour from one address (a whole office behind one NAT)


# --- The call (organisers) ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view("recruitment.manage")
def call_open(request: OrgRequest, pk: int) -> HttpResponse:
    """Open the call of a round (a round that has one already: to the call's page)."""
    round_ = round_for(request.actor, pk, "recruitment.manage")
    existing = Call.objects.filter(round=round_).first()
    if existing is not None and request.method == "GET":
        return redirect(existing.get_absolute_url())
    form = CallOpenForm(
        request.POST or None, initial={"text": services.call_draft_text(round_=round_)}
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.call_open(
                by=request.actor, round_=round_, **service_data(form)
            ).get_absolute_url(),
            success=_("The call is open. Share its link on the intranet."),
        )
        if done is not None:
            return done
    return render(request, "recruitment/call_form.html", {"form": form, "round": round_})


def qr_code_svg(url: str, *, title: str) -> SafeString:
    """The link as a QR code, drawn here as inline SVG (no script), with its own title."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, dark="#000000", light="#ffffff", omitsize=False, title=title
    )
    return mark_safe(svg)  # noqa: S308 (segno's own SVG of our own URL; the title is escaped)


@require_GET
@org_view("recruitment.manage")
def call_detail(request: OrgRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.actor, pk)
    public_url = settings.SITE_URL + call.get_public_url()
    context = {
        "call": call,
        "round": call.round,
        "public_url": public_url,
        "qr_code": qr_code_svg(
            public_url,
            title=_("QR code of the application link for %(round)s") % {"round": call.round.label},
        ),
        "criteria": call.criteria.all(),
        "counts": selectors.decision_counts(call=call),
    }
    return render(request, "recruitment/call_detail.html", context)


@require_http_methods(["GET", "POST"])
@org_view("recruitment.manage")
def call_update(request: OrgRequest, pk: int) -> HttpResponse:
    """Change the text or closing date; for a closed call: reopen it with a new date."""
    call = selectors.call_for(request.actor, pk)
    reopening = not call.is_open
    initial = {"text": call.text, "deadline": None if reopening else call.deadline}
    form = CallForm(request.POST or None, initial=initial)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.call_update(
                by=request.actor, call=call, **service_data(form)
            ).get_absolute_url(),
            success=_("The call is open again.") if reopening else _("The call has been saved."),
        )
        if done is not None:
            return done
    return render(
        request,
        "recruitment/call_form.html",
        {"form": form, "round": call.round, "call": call, "reopening": reopening},
    )


@require_http_methods(["GET", "POST"])
@org_view("recruitment.manage")
def call_close(request: OrgRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.actor, pk)
    if request.method == "POST":
        return submit_confirmation(
            request,
            lambda: services.call_close(by=request.actor, call=call).get_absolute_url(),
            success=_("The call is closed: its link no longer accepts applications."),
            back=call.get_absolute_url(),
        )
    return render(request, "recruitment/call_close.html", {"call": call, "form": ConfirmForm()})


# --- The selection board (organisers) -----------------------------------------------------


def _prepare(
    application: Application,
    *,
    form: DecisionForm,
    meetings: list[Meeting],
    positions: dict[int, int],
) -> Application:
    """Put on the application what its card shows: its form, place, stated availability."""
    enrolment = application.enrolment
    stated = [(meeting_label(m), application.available_for(m.pk)) for m in meetings]
    application.form = form  # type: ignore[attr-defined]
    application.waitlist_place = (  # type: ignore[attr-defined]
        positions.get(enrolment.pk) if enrolment is not None else None
    )
    application.stated = stated  # type: ignore[attr-defined]
    application.available_count = sum(1 for _label, yes in stated if yes)  # type: ignore[attr-defined]
    return application


def _board_context(
    call: Call, params: Mapping[str, str], *, bound: DecisionForm | None = None
) -> dict[str, Any]:
    """The board: a page of applications with their forms, the composition, the counts.

    ``params`` holds the page (``pagina``) and the decision shown (``besluit``); ``bound`` is
    a decision form sent back with its errors, shown on its card instead of a fresh one.
    """
    round_ = call.round
    shown = params.get("besluit", "")
    if shown not in Decision.values:
        shown = ""
    criteria = list(call.criteria.all())
    meetings = selectors.planned_meetings(round_=round_)
    paginator = Paginator(selectors.applications(call=call, decision=shown), settings.PAGE_SIZE)
    page = paginator.get_page(params.get("pagina"))
    positions = selectors.waitlist_positions(round_=round_)
    for application in page:
        form = (
            bound
            if bound is not None and bound.prefix == f"a{application.pk}"
            else _decision_form(application, criteria)
        )
        _prepare(application, form=form, meetings=meetings, positions=positions)
    return {
        "call": call,
        "round": round_,
        "page": page,
        "page_number": page.number,
        "shown": shown,
        "query": urlencode({"besluit": shown}) if shown else "",
        "counts": selectors.decision_counts(call=call),
        "composition": selectors.composition(round_=round_, meetings=meetings),
        "category_columns": tables.CATEGORIES,
        "department_columns": tables.DEPARTMENTS,
    }


def _decision_form(
    application: Application, criteria: list[CallCriterion], data: Any = None
) -> DecisionForm:
    return DecisionForm(
        data,
        prefix=f"a{application.pk}",
        criteria=criteria,
        initial={
            "decision": application.decision,
            "reason": application.decision_reason,
            "criteria": application.criteria_met,
        },
    )


@require_GET
@org_view("recruitment.manage")
def selection_board(request: OrgRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.actor, pk)
    context = _board_context(call, request.GET)
    return render(request, "recruitment/selection_board.html", context)


@require_POST
@org_view("recruitment.manage")
def application_decide(request: OrgRequest, pk: int) -> HttpResponse:
    """Save one application's checklist and decision; htmx gets the card and the composition."""
    application = selectors.application_for(request.actor, pk)
    call = application.call
    criteria = list(call.criteria.all())
    form = _decision_form(application, criteria, request.POST)
    outcome = None
    if form.is_valid():
        try:
            outcome = services.application_decide(
                by=request.actor,
                application=application,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                criteria_met=form.cleaned_data["criteria"],
            )
        except ServiceError as error:
            apply_service_errors(form, error)
    if outcome is None:  # shown again as sent, with the reason beside the decision
        if request.htmx:
            context = _card_context(request, call, application, form)
            return render(request, "recruitment/selection_board.html#decided", context)
        context = _board_context(call, request.POST, bound=form)
        if not any(a.pk == application.pk for a in context["page"]):  # filtered away meanwhile
            for field_errors in form.errors.values():
                messages.error(request, " ".join(str(e) for e in field_errors))
        return render(request, "recruitment/selection_board.html", context)
    level = {"warning": messages.WARNING, "info": messages.INFO}.get(outcome.level)
    messages.add_message(request, level or messages.SUCCESS, outcome.message)
    if request.htmx:
        fresh = Application.objects.select_related("person", "enrolment").get(pk=application.pk)
        context = _card_context(request, call, fresh, _decision_form(fresh, criteria))
        return render(request, "recruitment/selection_board.html#decided", context)
    board = reverse("recruitment:selection", kwargs={"org_slug": request.org.slug, "pk": call.pk})
    query = {k: v for k in ("pagina", "besluit") if (v := request.POST.get(k, ""))}
    url = board + ("?" + urlencode(query) if query else "") + f"#application-{application.pk}"
    return redirect_after_post(request, url)


def _card_context(
    request: OrgRequest, call: Call, application: Application, form: DecisionForm
) -> dict[str, Any]:
    """What the htmx answer needs: the one card, and the composition to swap out of band."""
    round_ = call.round
    meetings = selectors.planned_meetings(round_=round_)
    positions = selectors.waitlist_positions(round_=round_)
    _prepare(application, form=form, meetings=meetings, positions=positions)
    shown = request.POST.get("besluit", "")
    return {
        "call": call,
        "round": round_,
        "application": application,
        "shown": shown if shown in Decision.values else "",
        "page_number": request.POST.get("pagina", ""),
        "counts": selectors.decision_counts(call=call),
        "composition": selectors.composition(round_=round_, meetings=meetings),
        "category_columns": tables.CATEGORIES,
        "department_columns": tables.DEPARTMENTS,
    }


# --- Applying (public, no login) ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, token: str) -> HttpResponse:
    """The public application form behind a call's secret link."""
    call = selectors.call_by_token(token)
    if not call.is_open:
        return render(request, "recruitment/apply_closed.html", {"call": call}, status=410)
    round_ = call.round
    form = ApplicationForm(
        request.POST or None,
        meetings=selectors.planned_meetings(round_=round_),
        departments=selectors.department_choices(organisation=call.organisation),
    )
    if request.method == "POST":
        if public_form_over_limit(request, "application", limit=APPLY_LIMIT):
            return render(request, "organisations/too_many_attempts.html", status=429)
        thanks = reverse("recruitment:apply-thanks", kwargs={"token": token})
        if request.POST.get(HONEYPOT):
            return redirect(thanks)  # a bot: it learns nothing, nothing is kept
        if form.is_valid():
            try:
                services.application_submit(call=call, **form.service_data())
            except ServiceError as error:
                apply_service_errors(form, error)
            else:
                return redirect(thanks)
    context = {
        "call": call,
        "round": round_,
        "form": form,
        "criteria": call.criteria.all(),
        "honeypot": HONEYPOT,
    }
    return render(request, "recruitment/apply.html", context)


@require_GET
def apply_thanks(request: HttpRequest, token: str) -> HttpResponse:
    call = selectors.call_by_token(token)
    return render(request, "recruitment/apply_thanks.html", {"call": call})


@require_GET
def applicant_privacy(request: HttpRequest) -> HttpResponse:
    """What happens with an applicant's details: for everyone, before they apply."""
    return render(request, "recruitment/applicant_privacy.html", {"days": RETENTION_DAYS})
