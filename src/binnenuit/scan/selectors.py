"""Reading scans: the public link, the live counts and the analysis.

The analysis is computed by the database (``Avg``, ``Count``, ``StdDev`` grouped by competence
and group), in a fixed number of queries whatever the number of answers. One anonymity rule
applies to everything that shows results (the page, the PDF, the CSV, the live screen, the
gaps next to the trainers' strengths): a group with fewer than ``MIN_GROUP`` respondents is
merged into "other groups"; a merged group still below it, or a scan below it in total, is
not shown at all.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils.translation import gettext as _

from binnenuit.catalogue.models import Competence
from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Organisation
from binnenuit.scan.models import (
    STAFF_KINDS,
    Answer,
    GroupKind,
    OpenAnswer,
    OpenQuestion,
    RespondentGroup,
    Response,
    Scan,
)

MIN_GROUP = 5  # fewer respondents than this in a group: merged or hidden, everywhere
MERGED = -1  # the key of "other groups"
LIVE_TOP = 5  # the biggest gaps on the live screen


def scan_list(actor: Actor) -> QuerySet[Scan]:
    return (
        Scan.objects.visible_to(actor)
        .select_related("location")
        .annotate(respondents=Count("responses", distinct=True))
        .order_by("-session_date", "-pk")
    )


def scan_for(actor: Actor, pk: int, action: str = "scan.view") -> Scan:
    """One scan of the actor's organisation (404 for a foreign one), checked for ``action``."""
    queryset = Scan.objects.select_related("organisation", "location", "template")
    return fetch(queryset, actor, action, pk=pk)


def scan_by_token(token: str) -> Scan:
    """The scan behind a public link; the same 404 for anything else, whatever was typed."""
    if not token or len(token) > 64:
        raise Http404
    scan = (
        Scan.objects.select_related("organisation")
        .filter(token=token, organisation__archived_at__isnull=True)
        .first()
    )
    if scan is None:
        raise Http404
    return scan


def scan_groups(scan: Scan) -> list[RespondentGroup]:
    return list(scan.groups.order_by("position"))


def scan_questions(scan: Scan) -> list[OpenQuestion]:
    return list(scan.questions.order_by("position"))


def scan_competences(scan: Scan) -> list[Competence]:
    return list(
        Competence.objects.filter(template_id=scan.template_id)
        .select_related("principle")
        .order_by("position")
    )


def response_of(scan: Scan, browser_token: str) -> Response | None:
    if not browser_token:
        return None
    return Response.objects.filter(scan=scan, browser_token=browser_token).first()


def response_answers(response: Response | None) -> tuple[dict[int, Answer], dict[int, str]]:
    """A respondent's answers so far: per competence, and the open answers per question."""
    if response is None:
        return {}, {}
    answers = {a.competence_id: a for a in response.answers.all()}
    texts = {o.question_id: o.text for o in response.open_answers.all()}
    return answers, texts


# --- The analysis -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    """Strength and importance of one competence among some respondents ("don't know" left out)."""

    n_strength: int = 0
    mean_strength: float | None = None
    sd_strength: float | None = None
    n_importance: int = 0
    mean_importance: float | None = None
    sd_importance: float | None = None

    @property
    def gap(self) -> float | None:
        if self.mean_strength is None or self.mean_importance is None:
            return None
        return self.mean_importance - self.mean_strength

    @property
    def n(self) -> int:
        return max(self.n_strength, self.n_importance)


EMPTY = Stat()


@dataclass(frozen=True)
class Column:
    """A group as the results show it: a group of its own, or the merged smaller ones."""

    key: int
    name: str
    respondents: int
    merged: tuple[str, ...] = ()


@dataclass
class Row:
    competence: Competence
    total: Stat
    groups: list[Stat]  # in the order of the analysis' columns
    staff: Stat = EMPTY  # employees and management
    citizens: Stat = EMPTY

    @property
    def difference(self) -> float | None:
        """Citizens' view of our strength minus the employees' (None when either is hidden)."""
        if self.staff.mean_strength is None or self.citizens.mean_strength is None:
            return None
        return self.citizens.mean_strength - self.staff.mean_strength

    @property
    def abs_difference(self) -> float:
        return abs(self.difference or 0.0)


@dataclass
class Analysis:
    scan: Scan
    respondents: int  # the respondents who answered, in the shown groups
    columns: list[Column]
    hidden: int  # respondents of groups too small to show even when merged
    rows: list[Row] = field(default_factory=list)  # in the framework's order
    compares: bool = False  # employees and citizens both large enough to compare

    @property
    def shown(self) -> bool:
        return self.respondents >= MIN_GROUP

    @property
    def by_gap(self) -> list[Row]:
        rows = [r for r in self.rows if r.total.gap is not None]
        return sorted(rows, key=lambda r: (-(r.total.gap or 0.0), r.competence.position))

    @property
    def differences(self) -> list[Row]:
        rows = [r for r in self.rows if r.difference is not None]
        return sorted(rows, key=lambda r: (-r.abs_difference, r.competence.position))

    @property
    def group_rows(self) -> list[tuple[Column, list[tuple[Row, Stat]]]]:
        """Per column, each competence's figures: for a chart and table per group."""
        return [(c, [(r, r.groups[i]) for r in self.rows]) for i, c in enumerate(self.columns)]


def _group_sizes(scan: Scan) -> list[tuple[RespondentGroup, int]]:
    """Each group with the number of its respondents who gave at least one answer."""
    groups = scan.groups.annotate(
        size=Count(
            "responses",
            filter=Q(responses__answers__isnull=False),
            distinct=True,
        )
    ).order_by("position")
    return [(g, g.size) for g in groups]


def _columns(sizes: list[tuple[RespondentGroup, int]]) -> tuple[list[Column], dict[int, int], int]:
    """The anonymity rule: the columns, each group's column key (absent: hidden), hidden count."""
    columns: list[Column] = []
    bucket: dict[int, int] = {}
    small = [(g, n) for g, n in sizes if 0 < n < MIN_GROUP]
    for group, size in sizes:
        if size >= MIN_GROUP:
            columns.append(Column(key=group.pk, name=group.name, respondents=size))
            bucket[group.pk] = group.pk
    merged_size = sum(n for _g, n in small)
    hidden = 0
    if merged_size >= MIN_GROUP:
        names = tuple(g.name for g, _n in small)
        columns.append(
            Column(key=MERGED, name=_("Other groups"), respondents=merged_size, merged=names)
        )
        bucket.update({g.pk: MERGED for g, _n in small})
    else:
        hidden = merged_size
    return columns, bucket, hidden


# The spread is the population standard deviation, from the mean of the squares: the same on
# every database (SQLite's own STDDEV fails on a group of "don't know" only).
_AGGREGATES: dict[str, Any] = {
    "n_strength": Count("strength"),
    "mean_strength": Avg("strength", output_field=FloatField()),
    "square_strength": Avg(F("strength") * F("strength"), output_field=FloatField()),
    "n_importance": Count("importance"),
    "mean_importance": Avg("importance", output_field=FloatField()),
    "square_importance": Avg(F("importance") * F("importance"), output_field=FloatField()),
}


def _stat(values: Mapping[str, Any]) -> Stat:
    def number(name: str) -> float | None:
        value = values.get(name)
        return None if value is None else float(value)

    def spread(name: str) -> float | None:
        mean, square = number(f"mean_{name}"), number(f"square_{name}")
        if mean is None or square is None:
            return None
        return math.sqrt(max(square - mean * mean, 0.0))

    return Stat(
        n_strength=int(values.get("n_strength") or 0),
        mean_strength=number("mean_strength"),
        sd_strength=spread("strength"),
        n_importance=int(values.get("n_importance") or 0),
        mean_importance=number("mean_importance"),
        sd_importance=spread("importance"),
    )


def _bucketed(mapping: dict[int, int]) -> Case:
    whens = [When(response__group_id=group, then=Value(key)) for group, key in mapping.items()]
    return Case(*whens, default=Value(None), output_field=IntegerField())


def scan_analysis(scan: Scan) -> Analysis:
    """The scan's figures per competence: in total, per shown group, and employees against
    citizens; with the anonymity rule applied (see the module's docstring)."""
    sizes = _group_sizes(scan)
    columns, bucket, hidden = _columns(sizes)
    # Only the shown groups count anywhere, totals included: a total with a hidden group in it
    # would give that group's answers away (the total minus the shown groups).
    respondents = sum(c.respondents for c in columns)
    analysis = Analysis(scan=scan, respondents=respondents, columns=columns, hidden=hidden)
    if not analysis.shown:
        return analysis
    competences = scan_competences(scan)
    answers = Answer.objects.filter(response__scan=scan)
    shown_groups = list(bucket)
    totals = {
        v["competence_id"]: _stat(v)
        for v in answers.filter(response__group_id__in=shown_groups)
        .values("competence_id")
        .annotate(**_AGGREGATES)
        .order_by()
    }
    per_group = {
        (v["competence_id"], v["bucket"]): _stat(v)
        for v in answers.annotate(bucket=_bucketed(bucket))
        .filter(bucket__isnull=False)
        .values("competence_id", "bucket")
        .annotate(**_AGGREGATES)
        .order_by()
    }
    sides = _sides([(g, n) for g, n in sizes if g.pk in bucket])
    analysis.compares = len(sides) == 2
    per_side: dict[tuple[int, str], Stat] = {}
    if analysis.compares:
        side = Case(
            When(response__group__kind__in=STAFF_KINDS, then=Value("staff")),
            When(response__group__kind=GroupKind.CITIZENS, then=Value("citizens")),
            default=Value(""),
        )
        for v in (
            answers.filter(response__group_id__in=shown_groups)
            .annotate(side=side)
            .exclude(side="")
            .values("competence_id", "side")
            .annotate(**_AGGREGATES)
            .order_by()
        ):
            per_side[(v["competence_id"], v["side"])] = _stat(v)
    for competence in competences:
        analysis.rows.append(
            Row(
                competence=competence,
                total=totals.get(competence.pk, EMPTY),
                groups=[per_group.get((competence.pk, c.key), EMPTY) for c in columns],
                staff=per_side.get((competence.pk, "staff"), EMPTY),
                citizens=per_side.get((competence.pk, "citizens"), EMPTY),
            )
        )
    return analysis


def _sides(sizes: list[tuple[RespondentGroup, int]]) -> set[str]:
    """Which of employees and citizens have enough respondents to be compared."""
    counts: dict[str, int] = defaultdict(int)
    for group, size in sizes:
        if group.kind in STAFF_KINDS:
            counts["staff"] += size
        elif group.kind == GroupKind.CITIZENS:
            counts["citizens"] += size
    return {side for side, n in counts.items() if n >= MIN_GROUP}


@dataclass(frozen=True)
class Live:
    """What the session's screen shows: respondents per group and the biggest gaps so far."""

    respondents: int
    groups: list[tuple[str, int]]
    gaps: list[Row]
    shown: bool


def scan_live(scan: Scan) -> Live:
    sizes = _group_sizes(scan)
    analysis = scan_analysis(scan)
    return Live(
        respondents=sum(n for _g, n in sizes),
        groups=[(g.name, n) for g, n in sizes],
        gaps=analysis.by_gap[:LIVE_TOP],
        shown=analysis.shown,
    )


@dataclass(frozen=True)
class QuestionAnswers:
    question: OpenQuestion
    answers: list[OpenAnswer]


def open_answers(scan: Scan, *, released_only: bool) -> list[QuestionAnswers]:
    """The open answers grouped per question: for the report only the released ones."""
    answers = OpenAnswer.objects.filter(question__scan=scan).exclude(text="")
    if released_only:
        answers = answers.filter(released=True)
    grouped: dict[int, list[OpenAnswer]] = defaultdict(list)
    for answer in answers.order_by("question__position", "pk"):
        grouped[answer.question_id].append(answer)
    return [QuestionAnswers(q, grouped.get(q.pk, [])) for q in scan_questions(scan)]


def open_answer_for(actor: Actor, pk: int) -> OpenAnswer:
    """One open answer of a scan of the actor's organisation, for the adviser to release."""
    answer = (
        OpenAnswer.objects.select_related("question__scan")
        .filter(question__scan__organisation=actor.organisation, pk=pk)
        .first()
    )
    if answer is None:
        raise Http404
    fetch(Scan, actor, "scan.release", pk=answer.question.scan_id)
    return answer


def organisation_gaps(organisation: Organisation) -> dict[int, float] | None:
    """Competence pk → gap (importance − strength) of the organisation's latest closed scan,
    with the anonymity rule applied; None when there is no closed scan or it shows nothing."""
    scan = (
        Scan.objects.filter(organisation=organisation, status=Scan.Status.CLOSED)
        .order_by("-closed_at", "-pk")
        .first()
    )
    if scan is None:
        return None
    analysis = scan_analysis(scan)
    if not analysis.shown:
        return None
    return {row.competence.pk: row.total.gap for row in analysis.rows if row.total.gap is not None}
