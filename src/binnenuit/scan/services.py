"""Running an organisation scan: its questionnaire, opening and closing it, the respondents'
answers (public, no actor), releasing open answers, and the report's PDF (made by the worker).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.catalogue.models import Competence, ProgrammeTemplate
from binnenuit.catalogue.selectors import template_current
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import validate
from binnenuit.organisations.models import Location
from binnenuit.scan.models import (
    SCORE_MAX,
    SCORE_MIN,
    Answer,
    GroupKind,
    OpenAnswer,
    OpenQuestion,
    RespondentGroup,
    Response,
    Scan,
)
from binnenuit.scan.tasks import scan_report_make
from binnenuit.trajectories.models import Trajectory

TOKEN_BYTES = 24
BROWSER_TOKEN_BYTES = 24
MAX_GROUPS = 12
MAX_QUESTIONS = 6


@dataclass(frozen=True)
class GroupSpec:
    name: str
    kind: str


def _template_for(organisation_id: int) -> ProgrammeTemplate:
    """The framework of the organisation's latest trajectory, or the published version."""
    latest = (
        Trajectory.objects.filter(organisation_id=organisation_id)
        .select_related("template")
        .order_by("-starts_on", "-pk")
        .first()
    )
    template = latest.template if latest else template_current()
    if template is None or not Competence.objects.filter(template=template).exists():
        raise ServiceError(_("There is no programme version with a competence framework yet."))
    return template


def _check_questionnaire(groups: Sequence[GroupSpec], questions: Sequence[str]) -> None:
    names = [g.name.strip() for g in groups]
    if not names:
        raise ServiceError(fields={"employee_groups": _("Give at least one respondent group.")})
    if len(names) > MAX_GROUPS:
        raise ServiceError(
            fields={"employee_groups": _("Give at most %(n)s groups.") % {"n": MAX_GROUPS}}
        )
    if len({n.casefold() for n in names}) != len(names):
        raise ServiceError(fields={"employee_groups": _("Each group needs its own name.")})
    if any(len(n) > RespondentGroup._meta.get_field("name").max_length for n in names):  # type: ignore[operator]
        raise ServiceError(fields={"employee_groups": _("A group's name is too long.")})
    if len(questions) > MAX_QUESTIONS:
        raise ServiceError(
            fields={"questions": _("Ask at most %(n)s open questions.") % {"n": MAX_QUESTIONS}}
        )
    if any(len(q) > OpenQuestion._meta.get_field("text").max_length for q in questions):  # type: ignore[operator]
        raise ServiceError(fields={"questions": _("An open question is too long.")})


def _write_questionnaire(scan: Scan, groups: Sequence[GroupSpec], questions: Sequence[str]) -> None:
    scan.groups.all().delete()
    scan.questions.all().delete()
    RespondentGroup.objects.bulk_create(
        RespondentGroup(scan=scan, name=g.name.strip(), kind=g.kind, position=i)
        for i, g in enumerate(groups, start=1)
    )
    OpenQuestion.objects.bulk_create(
        OpenQuestion(scan=scan, text=q.strip(), position=i)
        for i, q in enumerate(questions, start=1)
    )


def _check_location(by: Actor, location: Location | None) -> None:
    if location is not None and location.organisation_id != by.organisation.pk:
        raise ServiceError(fields={"location": _("Choose one of the organisation's locations.")})


@transaction.atomic
def scan_create(
    *,
    by: Actor,
    title: str,
    session_date: datetime.date | None,
    location: Location | None,
    groups: Sequence[GroupSpec],
    questions: Sequence[str],
) -> Scan:
    """A new scan in draft, with the framework of the organisation's programme version."""
    require(by, "scan.manage")
    _check_location(by, location)
    _check_questionnaire(groups, questions)
    scan = Scan(
        organisation=by.organisation,
        title=title.strip(),
        session_date=session_date,
        location=location,
        template=_template_for(by.organisation.pk),
        token=secrets.token_urlsafe(TOKEN_BYTES),
    )
    validate(scan)
    scan.save()
    _write_questionnaire(scan, groups, questions)
    return scan


@transaction.atomic
def scan_update(
    *,
    by: Actor,
    scan: Scan,
    title: str,
    session_date: datetime.date | None,
    location: Location | None,
    conclusions: str = "",
    groups: Sequence[GroupSpec] | None = None,
    questions: Sequence[str] | None = None,
) -> Scan:
    """Change the session and the conclusions; the questionnaire only while in draft."""
    require(by, "scan.manage", scan)
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    _check_location(by, location)
    scan.title, scan.session_date, scan.location = title.strip(), session_date, location
    scan.conclusions = conclusions.strip()
    validate(scan)
    scan.save(update_fields=["title", "session_date", "location", "conclusions"])
    if groups is not None and questions is not None:
        if scan.status != Scan.Status.DRAFT:
            raise ServiceError(
                _("The questions and groups cannot change once respondents have the link.")
            )
        _check_questionnaire(groups, questions)
        _write_questionnaire(scan, groups, questions)
    return scan


@transaction.atomic
def scan_open(*, by: Actor, scan: Scan) -> Scan:
    """Respondents can answer from now on, through the public link."""
    require(by, "scan.manage", scan)
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.status == Scan.Status.CLOSED:
        raise ServiceError(_("This scan is closed; its answers are final."))
    scan.status = Scan.Status.OPEN
    scan.save(update_fields=["status"])
    return scan


@transaction.atomic
def scan_close(*, by: Actor, scan: Scan) -> Scan:
    """No more answers: the figures are final and the report can be made."""
    require(by, "scan.manage", scan)
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.status != Scan.Status.CLOSED:
        scan.status, scan.closed_at = Scan.Status.CLOSED, timezone.now()
        scan.save(update_fields=["status", "closed_at"])
    return scan


# --- Answering (public: no actor, the browser's random key) ----------------------------------


def new_browser_token() -> str:
    return secrets.token_urlsafe(BROWSER_TOKEN_BYTES)


def _check_open(scan: Scan) -> None:
    if not scan.is_open:
        raise ServiceError(_("This scan is not open: answers are not accepted."))


@transaction.atomic
def response_choose_group(*, scan: Scan, browser_token: str, group_id: int) -> Response:
    """The respondent's group: their set of answers, made once per browser and kept after."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)  # closing waits for us, and we for it
    _check_open(scan)
    group = RespondentGroup.objects.filter(scan=scan, pk=group_id).first()
    if group is None or not browser_token:
        raise ServiceError(fields={"group": _("Choose one of the groups.")})
    response, created = Response.objects.get_or_create(
        scan=scan,
        browser_token=browser_token,
        defaults={"organisation_id": scan.organisation_id, "group": group},
    )
    if not created and response.group_id != group.pk:
        response.group = group
        response.save(update_fields=["group", "updated_at"])
    return response


type Scores = Mapping[int, tuple[int | None, int | None]]


def _check_scores(scan: Scan, scores: Scores) -> None:
    known = set(
        Competence.objects.filter(template_id=scan.template_id).values_list("pk", flat=True)
    )
    unknown = set(scores) - known
    if unknown:
        raise ServiceError(_("These answers do not belong to this scan."))
    for strength, importance in scores.values():
        for value in (strength, importance):
            if value is not None and not SCORE_MIN <= value <= SCORE_MAX:
                raise ServiceError(
                    _('Give a score from %(low)s to %(high)s, or choose "don\'t know".')
                    % {"low": SCORE_MIN, "high": SCORE_MAX}
                )


@transaction.atomic
def response_submit(
    *,
    scan: Scan,
    browser_token: str,
    scores: Scores,
    open_answers: Mapping[int, str],
) -> Response:
    """Save the respondent's answers, replacing what their browser sent before: sending twice
    (a double click, two tabs, a change of mind) leaves one set of answers."""
    _check_open(scan)
    response = (
        Response.objects.select_for_update()
        .filter(scan_id=scan.pk, browser_token=browser_token)
        .first()
        if browser_token
        else None
    )
    if response is None:
        raise ServiceError(_("Choose your group first."))
    _check_scores(scan, scores)
    questions = set(OpenQuestion.objects.filter(scan=scan).values_list("pk", flat=True))
    if set(open_answers) - questions:
        raise ServiceError(_("These answers do not belong to this scan."))
    response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, competence_id=pk, strength=s, importance=i)
        for pk, (s, i) in scores.items()
        if s is not None or i is not None
    )
    existing = {o.question_id: o for o in response.open_answers.all()}
    for question_id, text in open_answers.items():
        text = text.strip()
        before = existing.get(question_id)
        if not text:
            if before is not None:
                before.delete()
        elif before is None:
            OpenAnswer.objects.create(response=response, question_id=question_id, text=text)
        elif before.text != text:  # changed: the adviser reads it again before it is shown
            before.text, before.released, before.redacted_text = text, False, ""
            before.save(update_fields=["text", "released", "redacted_text"])
    response.save(update_fields=["updated_at"])
    return response


# --- Open answers (the adviser) --------------------------------------------------------------


@transaction.atomic
def open_answer_review(
    *, by: Actor, answer: OpenAnswer, released: bool, redacted_text: str = ""
) -> OpenAnswer:
    """Release an open answer into the report (possibly redacted), or keep it out."""
    require(by, "scan.release", answer.question.scan)
    answer.released, answer.redacted_text = released, redacted_text.strip()
    validate(answer)
    answer.save(update_fields=["released", "redacted_text"])
    return answer


# --- The report's PDF (made by the worker, never in a request) --------------------------------


@transaction.atomic
def report_request(*, by: Actor, scan: Scan) -> Scan:
    """Ask the worker to make the report's PDF (again): pending until it is ready."""
    require(by, "scan.manage", scan)
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.status != Scan.Status.CLOSED:
        raise ServiceError(_("Close the scan first: the report shows the final figures."))
    scan.report_state = Scan.ReportState.PENDING
    scan.save(update_fields=["report_state"])
    scan_id = scan.pk
    transaction.on_commit(lambda: scan_report_make.enqueue(scan_id), robust=True)
    return scan


def default_groups(departments: Sequence[str]) -> list[GroupSpec]:
    """Employees per department, management, citizens and partners."""
    return [
        *(GroupSpec(name, GroupKind.EMPLOYEES) for name in departments),
        GroupSpec(_("Management"), GroupKind.MANAGEMENT),
        GroupSpec(_("Citizens"), GroupKind.CITIZENS),
        GroupSpec(_("Partners"), GroupKind.PARTNERS),
    ]


def default_questions() -> list[str]:
    return [
        _("What are we strong in, as an organisation, when we work with residents?"),
        _("What do we want to learn?"),
        _("Tell us about an example that went well."),
    ]
