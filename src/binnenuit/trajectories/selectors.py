from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from binnenuit.access import Actor, meetings_visible_to, rounds_visible_to
from binnenuit.organisations.models import Organisation, Person
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Phase, Round, Trajectory


def trajectory_list(*, organisation: Organisation) -> QuerySet[Trajectory]:
    return Trajectory.objects.for_org(organisation).select_related("template")


@dataclass(frozen=True)
class TimelineStage:
    phase: str
    label: str
    state: str  # "done", "current" or "todo"
    meetings: list[Meeting]


def trajectory_timeline(*, trajectory: Trajectory) -> list[TimelineStage]:
    """The five phases with their meetings, in one query for the meetings."""
    meetings = list(
        Meeting.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory)
        .select_related("round", "module__theme")
    )
    by_phase: dict[str, list[Meeting]] = {p: [] for p in Phase.values}
    for meeting in meetings:
        if meeting.round is None:
            by_phase[Phase.PREPARATION].append(meeting)
        elif meeting.round.number == 1:
            by_phase[Phase.ROUND_1].append(meeting)
        elif meeting.round.number == 2:
            by_phase[Phase.ROUND_2].append(meeting)
        else:
            by_phase[Phase.POOL].append(meeting)
    current = Phase.values.index(trajectory.phase)
    return [
        TimelineStage(
            phase=value,
            label=str(label),
            state="done" if i < current else "current" if i == current else "todo",
            meetings=by_phase[value],
        )
        for i, (value, label) in enumerate(Phase.choices)
    ]


def round_list(*, trajectory: Trajectory) -> QuerySet[Round]:
    return (
        Round.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory)
        .annotate(
            enrolled_count=Count("enrolments", filter=Q(enrolments__status="enrolled")),
            waitlisted_count=Count("enrolments", filter=Q(enrolments__status="waitlisted")),
        )
    )


def rounds_for_actor(*, actor: Actor) -> QuerySet[Round]:
    return rounds_visible_to(actor).select_related("trajectory").order_by("trajectory", "number")


def round_detail(*, round_: Round, with_waiting_list: bool) -> dict[str, object]:
    """The round's modules, meetings and members; the waiting list only for its organisers."""
    modules = Module.objects.filter(round=round_).select_related("theme")
    meetings = Meeting.objects.filter(round=round_).select_related("module__theme")
    shown = [Enrolment.Status.ENROLLED]
    if with_waiting_list:
        shown.append(Enrolment.Status.WAITLISTED)
    enrolments = (
        Enrolment.objects.filter(round=round_, status__in=shown)
        .select_related("person")
        .order_by("status", "person__full_name")
    )
    return {"modules": modules, "meetings": meetings, "enrolments": enrolments}


def enrolable_people(*, round_: Round) -> QuerySet[Person]:
    """Employees of the organisation in neither round of this trajectory (or withdrawn)."""
    taken = Enrolment.objects.filter(round__trajectory_id=round_.trajectory_id).exclude(
        status=Enrolment.Status.WITHDRAWN
    )
    return (
        Person.objects.for_org(round_.organisation)
        .exclude(pk__in=taken.values("person_id"))
        .only("pk", "full_name", "department")
    )


def theme_slots(*, trajectory: Trajectory) -> QuerySet[Module]:
    return (
        Module.objects.for_org(trajectory.organisation)
        .filter(round__trajectory=trajectory, is_theme_slot=True)
        .select_related("theme")
        .order_by("position")
    )


def upcoming_meetings(*, actor: Actor, limit: int = 5) -> QuerySet[Meeting]:
    today = timezone.localdate()
    return (
        meetings_visible_to(actor)
        .filter(date__gte=today)
        .select_related("round", "module__theme")
        .order_by("date", "part_of_day")[:limit]
    )
