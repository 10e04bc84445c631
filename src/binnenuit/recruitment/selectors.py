"""Reads for recruitment: fetch-and-check helpers, the public call, the board, the composition."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import FunctionCategory, Organisation, Person
from binnenuit.recruitment.models import Application, Call, Decision
from binnenuit.trajectories.models import Enrolment, Meeting, Round, Trajectory

# The broad group the brochure asks for: front office, field service, policy, project leaders.
BROAD_GROUP = (
    FunctionCategory.FRONT_OFFICE,
    FunctionCategory.FIELD_SERVICE,
    FunctionCategory.POLICY,
    FunctionCategory.PROJECT_LEADER,
)
MINIMUM_WARNING_DAYS = 7  # warn when the minimum is not reached this close to the first meeting
OTHER_DEPARTMENT = "__other__"  # the public form's "another department" choice


# --- Fetch and check in one step (404 when missing or foreign, 403 when refused) ----------


def call_for(actor: Actor, pk: int, action: str = "recruitment.manage") -> Call:
    qs = Call.objects.select_related("round__trajectory", "organisation")
    return fetch(qs, actor, action, pk=pk)


def application_for(actor: Actor, pk: int, action: str = "recruitment.manage") -> Application:
    qs = Application.objects.select_related("call__round__trajectory", "organisation")
    return fetch(qs, actor, action, pk=pk)


# --- The public side ----------------------------------------------------------------------


def call_by_token(token: str) -> Call:
    """The call behind a public link; the same 404 for anything else, whatever was typed."""
    if not token or len(token) > 64:
        raise Http404
    call = (
        Call.objects.select_related("round__trajectory", "organisation")
        .filter(token=token, organisation__archived_at__isnull=True)
        .first()
    )
    if call is None:
        raise Http404
    return call


def planned_meetings(*, round_: Round) -> list[Meeting]:
    """The round's meetings that have a date (and are not cancelled), in the order of the days."""
    return list(
        Meeting.objects.for_org(round_.organisation_id)
        .filter(round=round_, date__isnull=False, cancelled_at__isnull=True)
        .select_related("location")
        .in_day_order()
    )


def department_choices(*, organisation: Organisation) -> list[str]:
    """The departments the organisation's employees work in, by name."""
    return list(
        Person.objects.for_org(organisation)
        .exclude(department="")
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )


# --- The selection board ------------------------------------------------------------------


def applications(*, call: Call, decision: str = "") -> QuerySet[Application]:
    qs = Application.objects.for_org(call.organisation_id).filter(call=call)
    if decision:
        qs = qs.filter(decision=decision)
    return qs.select_related("person", "enrolment").order_by("created_at", "pk")


def waitlist_positions(*, round_: Round) -> dict[int, int]:
    """Enrolment id → its place on the round's waiting list (1 is next), in one query."""
    waiting = (
        Enrolment.objects.for_org(round_.organisation_id)
        .filter(round=round_, status=Enrolment.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    return {pk: place for place, pk in enumerate(waiting, start=1)}


def waitlist_position(enrolment: Enrolment) -> int:
    """The enrolment's place on its round's waiting list."""
    earlier = Q(created_at__lt=enrolment.created_at) | Q(
        created_at=enrolment.created_at, pk__lte=enrolment.pk
    )
    return (
        Enrolment.objects.filter(round_id=enrolment.round_id, status=Enrolment.Status.WAITLISTED)
        .filter(earlier)
        .count()
    )


def decision_counts(*, call: Call) -> dict[str, int]:
    """How many applications there are per decision, and in all ("all")."""
    counts = dict(
        Application.objects.filter(call=call)
        .order_by()
        .values_list("decision")
        .annotate(n=Count("pk"))
        .values_list("decision", "n")
    )
    return {"all": sum(counts.values()), **{d.value: counts.get(d.value, 0) for d in Decision}}


@dataclass(frozen=True)
class Share:
    label: str
    count: int


@dataclass
class Composition:
    """The selected group of a round (its enrolled people) against what the round needs."""

    selected: int
    waitlisted: int
    minimum: int
    maximum: int
    categories: list[Share] = field(default_factory=list)
    departments: list[Share] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def free(self) -> int:
        return max(self.maximum - self.selected, 0)


def composition(
    *, round_: Round, meetings: list[Meeting], today: datetime.date | None = None
) -> Composition:
    """Count, spread and warnings of the round's selected group, in one query.

    ``meetings`` are the round's planned meetings (``planned_meetings``), for the warning
    that the minimum is not reached a week before the first one.
    """
    today = today or timezone.localdate()
    members = list(
        Enrolment.objects.for_org(round_.organisation_id)
        .filter(
            round=round_,
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED],
        )
        .values_list("status", "person__function_category", "person__department")
    )
    enrolled = [
        (category, department)
        for status, category, department in members
        if status == Enrolment.Status.ENROLLED
    ]
    by_category = Counter(category for category, _department in enrolled)
    by_department = Counter(department.strip() for _category, department in enrolled)
    result = Composition(
        selected=len(enrolled),
        waitlisted=len(members) - len(enrolled),
        minimum=round_.min_participants,
        maximum=round_.max_participants,
        categories=[Share(str(c.label), by_category.get(c.value, 0)) for c in FunctionCategory],
        departments=[
            Share(name or _("Department unknown"), count)
            for name, count in sorted(by_department.items(), key=lambda i: (-i[1], i[0]))
        ],
    )
    result.warnings = _warnings(result, by_category, by_department, meetings, today)
    return result


def _warnings(
    result: Composition,
    by_category: Counter[str],
    by_department: Counter[str],
    meetings: list[Meeting],
    today: datetime.date,
) -> list[str]:
    warnings = []
    if result.selected:
        for category in BROAD_GROUP:
            if not by_category.get(category.value):
                warnings.append(
                    _("Nobody from %(category)s has been selected yet.")
                    % {"category": category.label}
                )
        for name, count in by_department.items():
            if name and result.selected > 1 and count * 2 > result.selected:
                warnings.append(
                    _(
                        "More than half of the selected group (%(count)s of %(total)s) works "
                        "in %(department)s."
                    )
                    % {"count": count, "total": result.selected, "department": name}
                )
    first = next((m.date for m in meetings if m.date is not None and m.date >= today), None)
    if (
        result.selected < result.minimum
        and first is not None
        and (first - today).days <= MINIMUM_WARNING_DAYS
    ):
        warnings.append(
            _(
                "The first meeting is on %(date)s and only %(count)s of the at least %(minimum)s "
                "participants have been selected."
            )
            % {
                "date": formats.date_format(first, "j F Y"),
                "count": result.selected,
                "minimum": result.minimum,
            }
        )
    return warnings


# --- The trajectory page's panels ---------------------------------------------------------


@dataclass(frozen=True)
class RoundRecruitment:
    """How recruitment stands for one round: its call (if any) and the counts."""

    round: Round
    call: Call | None
    applications: int
    selected: int


def trajectory_recruitment(*, trajectory: Trajectory) -> dict[str, RoundRecruitment]:
    """Per round stage: the round, its call and counts, in one query for the whole trajectory."""
    rounds = (
        Round.objects.for_org(trajectory.organisation_id)
        .filter(trajectory=trajectory)
        .select_related("call")
        .annotate(
            application_count=Count("call__applications", distinct=True),
            selected_count=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.ENROLLED),
                distinct=True,
            ),
        )
    )
    found: dict[str, RoundRecruitment] = {}
    for round_ in rounds:
        call: Call | None = getattr(round_, "call", None)
        annotated: Any = round_
        found[round_.stage] = RoundRecruitment(
            round=round_,
            call=call,
            applications=annotated.application_count,
            selected=annotated.selected_count,
        )
    return found
