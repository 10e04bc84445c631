from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Phase, Round, Trajectory

# --- Fetch and check in one step (404 when missing or foreign, 403 when refused) ----------


def trajectory_for(actor: Actor, pk: int, action: str = "trajectory.view") -> Trajectory:
    qs = Trajectory.objects.select_related("template", "organisation")
    return fetch(qs, actor, action, pk=pk)


def round_for(actor: Actor, pk: int, action: str = "round.view") -> Round:
    return fetch(Round.objects.select_related("trajectory", "organisation"), actor, action, pk=pk)


def meeting_for(actor: Actor, pk: int, action: str = "trajectory.manage") -> Meeting:
    qs = Meeting.objects.select_related("trajectory__organisation")
    return fetch(qs, actor, action, pk=pk)


def enrolment_for(actor: Actor, pk: int, action: str = "trajectory.manage") -> Enrolment:
    qs = Enrolment.objects.select_related("person", "round__organisation")
    return fetch(qs, actor, action, pk=pk)


# --- Lists ---------------------------------------------------------------------------------


def trajectory_list(*, actor: Actor) -> QuerySet[Trajectory]:
    return Trajectory.objects.visible_to(actor).select_related("template")


@dataclass(frozen=True)
class TimelineStage:
    phase: Phase
    label: str
    state: str  # "done", "current" or "todo"
    meetings: list[Meeting]
    panels: tuple[SafeString, ...] = ()  # what other apps show here (trajectories.panels)

    @property
    def is_offer(self) -> bool:
        return self.phase == Phase.OFFER

    @property
    def is_pool(self) -> bool:
        return self.phase == Phase.POOL


def trajectory_timeline(*, trajectory: Trajectory) -> list[TimelineStage]:
    """The five phases with their meetings, in one query for the meetings.

    A meeting sits in the phase of its round's stage; meetings without a round prepare.
    """
    meetings = (
        Meeting.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory)
        .select_related("round", "module__theme")
    )
    by_phase: dict[Phase, list[Meeting]] = {p: [] for p in Phase}
    for meeting in meetings:
        stage = Stage(meeting.round.stage) if meeting.round else Stage.PREPARATION
        by_phase[Phase(stage.value)].append(meeting)
    current = list(Phase).index(Phase(trajectory.phase))
    return [
        TimelineStage(
            phase=phase,
            label=str(phase.label),
            state="done" if i < current else "current" if i == current else "todo",
            meetings=by_phase[phase],
        )
        for i, phase in enumerate(Phase)
    ]


def round_list(*, trajectory: Trajectory) -> QuerySet[Round]:
    return (
        Round.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory)
        .annotate(
            enrolled_count=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)
            ),
            waitlisted_count=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)
            ),
        )
    )


def rounds_for_actor(*, actor: Actor) -> QuerySet[Round]:
    return (
        Round.objects.visible_to(actor).select_related("trajectory").order_by("trajectory", "stage")
    )


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


ENROLABLE_SHOWN = 10  # search results offered at once on the round page


def enrolable_people(*, round_: Round, search: str = "") -> QuerySet[Person]:
    """Employees of the organisation in neither round of this trajectory (or withdrawn)."""
    taken = Enrolment.objects.filter(round__trajectory_id=round_.trajectory_id).exclude(
        status=Enrolment.Status.WITHDRAWN
    )
    return (
        Person.objects.for_org(round_.organisation)
        .search(search)
        .exclude(pk__in=taken.values("person_id"))
        .only("pk", "full_name", "job_title", "department")
        .order_by("full_name", "pk")
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
        Meeting.objects.visible_to(actor)
        .filter(date__gte=today)
        .select_related("round", "module__theme")
        .in_day_order()[:limit]
    )
