"""The adviser's scan pages, the live screen, the report, and the respondents' public pages."""

from __future__ import annotations

import csv

import segno
from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binnenuit.core.access import org_view
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.forms import ConfirmForm, apply_service_errors, submit, submit_confirmation
from binnenuit.core.htmx import page_or_partial
from binnenuit.core.ratelimit import public_form_over_limit
from binnenuit.organisations.access import OrgRequest
from binnenuit.scan import documents, selectors, services
from binnenuit.scan.forms import (
    HONEYPOT,
    AnswersForm,
    GroupForm,
    ReviewForm,
    ScanCreateForm,
    ScanForm,
)
from binnenuit.scan.models import Scan

# Posts an hour from one address: a whole room of 50 behind the town hall's one address,
# each choosing a group and sending (and correcting) their answers a few times.
RESPOND_LIMIT = 600
COOKIE = "bu_respondent"
COOKIE_AGE = 60 * 24 * 60 * 60  # the respondent can come back to change answers for 60 days


# --- The adviser's pages --------------------------------------------------------------------


def qr_code_svg(url: str, *, title: str) -> SafeString:
    """The link as a QR code, drawn here as inline SVG (no script), with its own title."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, dark="#000000", light="#ffffff", omitsize=False, title=title
    )
    return mark_safe(svg)  # noqa: S308 (segno's own SVG of our own URL; the title is escaped)


@require_GET
@org_view("scan.view")
def scan_list(request: OrgRequest) -> HttpResponse:
    return render(request, "scan/scan_list.html", {"scans": selectors.scan_list(request.actor)})


def _departments(request: OrgRequest) -> list[str]:
    from binnenuit.organisations.models import Person

    names = (
        Person.objects.filter(organisation=request.org)
        .exclude(department="")
        .values_list("department", flat=True)
        .distinct()
        .order_by("department")
    )
    return [_("Employees %(department)s") % {"department": d} for d in names[:6]]


@require_http_methods(["GET", "POST"])
@org_view("scan.manage")
def scan_create(request: OrgRequest) -> HttpResponse:
    defaults = services.default_groups(_departments(request))
    form = ScanCreateForm(
        request.POST or None,
        organisation=request.org,
        questionnaire=True,
        conclusions=False,
        initial=ScanForm.initial_for(defaults, services.default_questions()),
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.scan_create(
                by=request.actor,
                **form.service_data(defaults),
            ).get_absolute_url(),
            success=_("The scan has been made. Open it when the session starts."),
        )
        if done is not None:
            return done
    return render(request, "scan/scan_form.html", {"form": form, "scan": None})


@require_http_methods(["GET", "POST"])
@org_view("scan.view")  # then the scan: 404 when foreign, 403 when not theirs to run
def scan_update(request: OrgRequest, pk: int) -> HttpResponse:
    scan = selectors.scan_for(request.actor, pk, "scan.manage")
    groups = [services.GroupSpec(g.name, g.kind) for g in selectors.scan_groups(scan)]
    questions = [q.text for q in selectors.scan_questions(scan)]
    initial = {
        "title": scan.title,
        "session_date": scan.session_date,
        "location": scan.location,
        "conclusions": scan.conclusions,
        **ScanForm.initial_for(groups, questions),
    }
    form = ScanForm(
        request.POST or None,
        organisation=request.org,
        questionnaire=scan.status == Scan.Status.DRAFT,
        initial=initial,
    )
    defaults = services.default_groups([])
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: services.scan_update(
                by=request.actor, scan=scan, **form.service_data(defaults)
            ).get_absolute_url(),
            success=_("The scan has been saved."),
        )
        if done is not None:
            return done
    return render(request, "scan/scan_form.html", {"form": form, "scan": scan})


@require_GET
@org_view("scan.view")
def scan_detail(request: OrgRequest, pk: int) -> HttpResponse:
    scan = selectors.scan_for(request.actor, pk)
    public_url = settings.SITE_URL + scan.get_public_url()
    context = {
        "scan": scan,
        "groups": selectors.scan_groups(scan),
        "questions": selectors.scan_questions(scan),
        "competences": selectors.scan_competences(scan),
        "live": selectors.scan_live(scan),
        "public_url": public_url,
        "qr_code": qr_code_svg(
            public_url, title=_("QR code of the link to the scan %(title)s") % {"title": scan.title}
        ),
        "form": ConfirmForm(),
    }
    return render(request, "scan/scan_detail.html", context)


@require_http_methods(["GET", "POST"])
@org_view("scan.view")  # then the scan: 404 when foreign, 403 when not theirs to run
def scan_status(request: OrgRequest, pk: int) -> HttpResponse:
    """Open the scan to respondents, or close it (confirmed on a page of its own)."""
    scan = selectors.scan_for(request.actor, pk, "scan.manage")
    if scan.status == Scan.Status.CLOSED:
        raise Http404
    opening = scan.status == Scan.Status.DRAFT
    if request.method == "POST":
        service = services.scan_open if opening else services.scan_close
        return submit_confirmation(
            request,
            lambda: service(by=request.actor, scan=scan).get_absolute_url(),
            success=_("Respondents can answer now.") if opening else _("The scan is closed."),
            back=scan.get_absolute_url(),
        )
    context = {"scan": scan, "opening": opening, "form": ConfirmForm()}
    return render(request, "scan/scan_status.html", context)


@require_GET
@org_view("scan.view")
def scan_live(request: OrgRequest, pk: int) -> HttpResponse:
    """The session's screen: it asks for its figures again every 5 seconds (htmx)."""
    scan = selectors.scan_for(request.actor, pk)
    template = page_or_partial(request, "scan/live.html", "live")
    return render(request, template, {"scan": scan, "live": selectors.scan_live(scan)})


@require_http_methods(["GET", "POST"])
@org_view("scan.view")  # then the scan: 404 when foreign, 403 when not theirs to run
def open_answers(request: OrgRequest, pk: int) -> HttpResponse:
    """Every open answer as given, for the adviser to release into the report (or not)."""
    scan = selectors.scan_for(request.actor, pk, "scan.release")
    if request.method == "POST":
        answer = selectors.open_answer_for(request.actor, int(request.POST.get("answer") or 0))
        if answer.question.scan_id != scan.pk:
            raise Http404
        form = ReviewForm(request.POST, prefix=f"a{answer.pk}")
        if form.is_valid():
            try:
                services.open_answer_review(by=request.actor, answer=answer, **form.cleaned_data)
            except ServiceError as error:
                apply_service_errors(form, error)
            else:
                url = reverse("scan:open-answers", kwargs={"org_slug": request.org.slug, "pk": pk})
                return redirect(f"{url}#answer-{answer.pk}")
        # The refusal is shown above the list; the rest of the answers are unchanged.
        errors = [str(e) for errs in form.errors.values() for e in errs]
        return _open_answers_page(request, scan, errors)
    return _open_answers_page(request, scan, [])


def _open_answers_page(request: OrgRequest, scan: Scan, errors: list[str]) -> HttpResponse:
    grouped = selectors.open_answers(scan, released_only=False)
    rows = [
        (
            item.question,
            [
                (
                    a,
                    ReviewForm(
                        initial={"released": a.released, "redacted_text": a.redacted_text},
                        prefix=f"a{a.pk}",
                    ),
                )
                for a in item.answers
            ],
        )
        for item in grouped
    ]
    return render(request, "scan/open_answers.html", {"scan": scan, "rows": rows, "errors": errors})


@require_GET
@org_view("scan.view")
def report(request: OrgRequest, pk: int) -> HttpResponse:
    scan = selectors.scan_for(request.actor, pk)
    context = {**documents.report_context(scan), "form": ConfirmForm()}
    template = page_or_partial(request, "scan/report.html", "pdf-state")
    return render(request, template, context)


@require_http_methods(["POST"])
@org_view("scan.view")  # then the scan: 404 when foreign, 403 when not theirs to run
def report_make(request: OrgRequest, pk: int) -> HttpResponse:
    scan = selectors.scan_for(request.actor, pk, "scan.manage")
    back = reverse("scan:report", kwargs={"org_slug": request.org.slug, "pk": scan.pk})

    def run() -> str:
        services.report_request(by=request.actor, scan=scan)
        return back

    return submit_confirmation(
        request,
        run,
        success=_("The PDF is being made. This page shows when it is ready."),
        back=back,
    )


@require_GET
@org_view("scan.view")
def report_pdf(request: OrgRequest, pk: int) -> FileResponse:
    scan = selectors.scan_for(request.actor, pk)
    if scan.report_state != Scan.ReportState.READY or not scan.report_pdf:
        raise Http404
    return FileResponse(
        scan.report_pdf.open("rb"),
        as_attachment=True,
        filename=documents.report_filename(scan),
        content_type="application/pdf",
    )


@require_GET
@org_view("scan.view")
def report_csv(request: OrgRequest, pk: int) -> HttpResponse:
    """The figures as a spreadsheet: the same shown groups as the page and the PDF."""
    scan = selectors.scan_for(request.actor, pk)
    analysis = selectors.scan_analysis(scan)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = documents.report_filename(scan).removesuffix(".pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read it as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Competence"),
            _("Group"),
            _("Respondents"),
            _("Mean strength"),
            _("Mean importance"),
            _("Gap"),
            _("Spread strength"),
            _("Spread importance"),
        ]
    )

    def number(value: float | None) -> str:
        return "" if value is None else number_format(round(value, 2), 2)

    if analysis.shown:
        for row in analysis.rows:
            for name_, stat in [(_("All groups"), row.total)] + [
                (c.name, s) for c, s in zip(analysis.columns, row.groups, strict=True)
            ]:
                writer.writerow(
                    [
                        _csv_safe(row.competence.name),
                        _csv_safe(name_),
                        stat.n,
                        number(stat.mean_strength),
                        number(stat.mean_importance),
                        number(stat.gap),
                        number(stat.sd_strength),
                        number(stat.sd_importance),
                    ]
                )
    return response


def _csv_safe(text: str) -> str:
    """No formula injection: a cell starting like a formula is read as text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- The respondents' pages (public, no login) ------------------------------------------------


def _public_scan(request: HttpRequest, token: str) -> Scan | HttpResponse:
    """The scan behind the link, or a page that says the link does not work (a typo, an old
    or tampered link): the same page whatever was typed."""
    try:
        return selectors.scan_by_token(token)
    except Http404:
        return render(request, "scan/respond_unknown.html", status=404)


def _closed(request: HttpRequest, scan: Scan) -> HttpResponse:
    status = 410 if scan.status == Scan.Status.CLOSED else 403
    return render(request, "scan/respond_closed.html", {"scan": scan}, status=status)


def _with_token(
    request: HttpRequest, scan: Scan, response: HttpResponse, token: str
) -> HttpResponse:
    if request.COOKIES.get(COOKIE) != token:
        response.set_cookie(
            COOKIE,
            token,
            max_age=COOKIE_AGE,
            path=scan.get_public_url(),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """Step 1: which group are you in? The browser gets its random key here."""
    scan = _public_scan(request, token)
    if isinstance(scan, HttpResponse):
        return scan
    if not scan.is_open:
        return _closed(request, scan)
    browser_token = request.COOKIES.get(COOKIE) or services.new_browser_token()
    current = selectors.response_of(scan, browser_token)
    form = GroupForm(
        request.POST or None,
        groups=selectors.scan_groups(scan),
        initial={"group": current.group_id if current else None},
    )
    if request.method == "POST":
        if public_form_over_limit(request, "scan", limit=RESPOND_LIMIT):
            return render(request, "organisations/too_many_attempts.html", status=429)
        if request.POST.get(HONEYPOT):
            return redirect("scan:thanks", token=token)
        if form.is_valid():
            try:
                services.response_choose_group(
                    scan=scan, browser_token=browser_token, group_id=form.cleaned_data["group"]
                )
            except ServiceError as error:
                apply_service_errors(form, error)
            else:
                return _with_token(
                    request, scan, redirect("scan:answer", token=token), browser_token
                )
    context = {"scan": scan, "form": form, "honeypot": HONEYPOT, "again": current is not None}
    return _with_token(request, scan, render(request, "scan/respond.html", context), browser_token)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: per competence, strength and importance; then the open questions."""
    scan = _public_scan(request, token)
    if isinstance(scan, HttpResponse):
        return scan
    if not scan.is_open:
        return _closed(request, scan)
    browser_token = request.COOKIES.get(COOKIE, "")
    current = selectors.response_of(scan, browser_token)
    if current is None:
        return redirect("scan:respond", token=token)
    answers, texts = selectors.response_answers(current)
    form = AnswersForm(
        request.POST or None,
        competences=selectors.scan_competences(scan),
        questions=selectors.scan_questions(scan),
        answers=answers,
        texts=texts,
    )
    if request.method == "POST":
        if public_form_over_limit(request, "scan", limit=RESPOND_LIMIT):
            return render(request, "organisations/too_many_attempts.html", status=429)
        if form.is_valid():
            try:
                services.response_submit(
                    scan=scan,
                    browser_token=browser_token,
                    scores=form.scores(),
                    open_answers=form.open_answers(),
                )
            except ServiceError as error:
                apply_service_errors(form, error)
            else:
                return redirect("scan:thanks", token=token)
    context = {"scan": scan, "form": form, "group": current.group}
    return render(request, "scan/answer.html", context)


@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    scan = _public_scan(request, token)
    if isinstance(scan, HttpResponse):
        return scan
    return render(request, "scan/respond_thanks.html", {"scan": scan})
