from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Location, Organisation, Person, Role
from binnenuit.trajectories.conflicts import Conflict, ConflictKind, Slot
from binnenuit.trajectories.models import (
    AMSTERDAM,
    Attendance,
    Enrolment,
    Meeting,
    Module,
    Phase,
    Round,
    Trajectory,
)

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


# --- Planning -------------------------------------------------------------------------------


def advisers_of(*, organisation: Organisation) -> QuerySet[Any]:
    """The logins advising the organisation: who may facilitate or coach its meetings."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.ADVISER,
            memberships__deactivated_at__isnull=True,
        )
        .order_by("full_name", "pk")
    )


def meeting_form_choices(*, meeting: Meeting) -> dict[str, QuerySet[Any]]:
    """What the planning form offers: the organisation's locations, the trajectory's round-1
    people and whoever facilitates already, and the organisation's advisers."""
    trainers = Enrolment.objects.filter(
        round__trajectory_id=meeting.trajectory_id,
        round__stage=Stage.ROUND_1,
        status=Enrolment.Status.ENROLLED,
    ).values("person_id")
    facilitating = Meeting.facilitators.through.objects.filter(meeting_id=meeting.pk).values(
        "person_id"
    )
    return {
        "locations": Location.objects.for_org(meeting.organisation),
        "facilitators": Person.objects.for_org(meeting.organisation)
        .filter(Q(pk__in=trainers) | Q(pk__in=facilitating))
        .only("pk", "full_name"),
        "advisers": advisers_of(organisation=meeting.organisation),
    }


@dataclass(frozen=True)
class Proposal:
    """A meeting as the planner proposes it: the values of the form, not yet saved."""

    meeting: Meeting
    date: datetime.date
    starts: datetime.time
    ends: datetime.time
    location: Location | None
    facilitators: frozenset[int]  # Person keys
    advisers: frozenset[int]  # User keys
    attendees: frozenset[int]  # Person keys
    guests: int  # how many


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=AMSTERDAM)


def _people(persons: Iterable[int], users: Iterable[int]) -> frozenset[str]:
    return frozenset({f"person:{p}" for p in persons} | {f"user:{u}" for u in users})


def proposal_slot(proposal: Proposal) -> Slot:
    meeting = proposal.meeting
    return Slot(
        meeting=meeting.pk,
        start=_at(proposal.date, proposal.starts),
        end=_at(proposal.date, proposal.ends),
        trajectory=meeting.trajectory_id,
        sequence=meeting.sequence,
        location=proposal.location.pk if proposal.location else None,
        capacity=proposal.location.capacity if proposal.location else None,
        headcount=len(proposal.attendees)
        + len(proposal.facilitators)
        + len(proposal.advisers)
        + proposal.guests,
        people=_people(proposal.attendees | proposal.facilitators, proposal.advisers),
        stage=meeting.round.stage if meeting.round_id and meeting.round else "",
        module_position=meeting.module.position if meeting.module_id and meeting.module else None,
    )


def planning_neighbours(proposal: Proposal) -> list[Slot]:
    """The planned meetings a proposal could conflict with, as slots, in five queries.

    The organisation's meetings on the same day (people, locations), the trajectory's own
    planned meetings (order, the design module), and meetings elsewhere on that day of the
    proposal's advisers, who work for several organisations.
    """
    meeting = proposal.meeting
    same_day_or_own = (
        Meeting.objects.filter(cancelled_at__isnull=True, date__isnull=False)
        .filter(
            Q(organisation_id=meeting.organisation_id, date=proposal.date)
            | Q(trajectory_id=meeting.trajectory_id)
            | Q(date=proposal.date, advisers__in=proposal.advisers)
        )
        .exclude(pk=meeting.pk)
        .select_related("organisation", "round", "module", "location")
        .distinct()
    )
    meetings = list(same_day_or_own)
    ids = [m.pk for m in meetings]
    attendees: dict[int, set[int]] = {}
    for meeting_id, person_id in Attendance.objects.filter(meeting__in=ids).values_list(
        "meeting_id", "person_id"
    ):
        attendees.setdefault(meeting_id, set()).add(person_id)
    facilitators: dict[int, set[int]] = {}
    for meeting_id, person_id in Meeting.facilitators.through.objects.filter(
        meeting__in=ids
    ).values_list("meeting_id", "person_id"):
        facilitators.setdefault(meeting_id, set()).add(person_id)
    advisers: dict[int, set[int]] = {}
    for meeting_id, user_id in Meeting.advisers.through.objects.filter(meeting__in=ids).values_list(
        "meeting_id", "user_id"
    ):
        advisers.setdefault(meeting_id, set()).add(user_id)
    slots = []
    for other in meetings:
        if other.date is None:  # filtered out above; says so to the type checker
            continue
        starts, ends = other.times
        persons = attendees.get(other.pk, set()) | facilitators.get(other.pk, set())
        slots.append(
            Slot(
                meeting=other.pk,
                start=_at(other.date, starts),
                end=_at(other.date, ends),
                trajectory=other.trajectory_id,
                sequence=other.sequence,
                location=other.location_id,
                capacity=other.location.capacity if other.location else None,
                people=_people(persons, advisers.get(other.pk, set())),
                stage=other.round.stage if other.round else "",
                module_position=other.module.position if other.module else None,
            )
        )
    return slots


@dataclass(frozen=True)
class ConflictView:
    """A conflict as the planner reads it."""

    kind: ConflictKind
    message: str


def describe_conflicts(proposal: Proposal, conflicts: list[Conflict]) -> list[ConflictView]:
    """Each conflict in words; a meeting at another organisation is not named (two queries)."""
    others = {
        m.pk: m
        for m in Meeting.objects.filter(
            pk__in=[c.other for c in conflicts if c.other is not None]
        ).only("pk", "title", "sequence", "organisation_id")
    }
    person_ids = {
        int(p.split(":")[1]) for c in conflicts for p in c.people if p.startswith("person:")
    }
    user_ids = {int(p.split(":")[1]) for c in conflicts for p in c.people if p.startswith("user:")}
    names = {
        f"person:{pk}": name
        for pk, name in Person.objects.filter(pk__in=person_ids).values_list("pk", "full_name")
    }
    names |= {
        f"user:{pk}": name
        for pk, name in get_user_model()
        .objects.filter(pk__in=user_ids)
        .values_list("pk", "full_name")
    }
    organisation_id = proposal.meeting.organisation_id
    views = []
    for conflict in conflicts:
        other = others.get(conflict.other) if conflict.other is not None else None
        own_other = other is not None and other.organisation_id == organisation_id
        title = other.title if own_other and other else gettext("a meeting at another organisation")
        who = ", ".join(sorted(names.get(p, "?") for p in conflict.people))
        message = {
            ConflictKind.PERSON_TWICE: gettext("%(who)s is also booked for %(other)s at that time.")
            % {"who": who, "other": title},
            ConflictKind.LOCATION_TWICE: gettext(
                "The location is also booked for %(other)s at that time."
            )
            % {"other": title},
            ConflictKind.OVER_CAPACITY: ngettext(
                "The location holds %(capacity)s people: %(count)s person too many.",
                "The location holds %(capacity)s people: %(count)s people too many.",
                conflict.detail or 0,
            )
            % {
                "capacity": proposal.location.capacity if proposal.location else "",
                "count": conflict.detail,
            },
            ConflictKind.BEFORE_DESIGN: gettext(
                "Round 2 starts before round 1's module 3, where the trainers design round 2, "
                "has been held."
            ),
            ConflictKind.OUT_OF_ORDER: gettext(
                "This is out of the programme's order: “%(other)s” comes %(when)s in the programme."
            )
            % {
                "other": title,
                "when": gettext("before it")
                if other is not None and other.sequence < proposal.meeting.sequence
                else gettext("after it"),
            },
        }[conflict.kind]
        views.append(ConflictView(conflict.kind, message))
    return views
