from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from binnenuit.catalogue.models import ROUND_STAGES, Stage
from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import FunctionCategory, Location, Organisation, Person, Role
from binnenuit.trajectories.conflicts import Conflict, ConflictKind, Slot
from binnenuit.trajectories.models import (
    AMSTERDAM,
    Attendance,
    Enrolment,
    Guest,
    Meeting,
    MeetingKind,
    Module,
    PartOfDay,
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
    qs = Meeting.objects.select_related(
        "organisation", "trajectory__organisation", "round", "module__theme", "location"
    )
    return fetch(qs, actor, action, pk=pk)


def guest_for(actor: Actor, pk: int, action: str = "trajectory.manage") -> Guest:
    qs = Guest.objects.select_related("meeting__trajectory", "organisation")
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
    location_count: int | None = None  # a round's stage: the different locations it uses

    @property
    def is_offer(self) -> bool:
        return self.phase == Phase.OFFER

    @property
    def is_pool(self) -> bool:
        return self.phase == Phase.POOL


def with_planning_details(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings with what their planning shows: the location, the facilitators and advisers
    (names only), the number of guests; three queries, however many meetings."""
    return (
        meetings.select_related("organisation", "round", "module__theme", "location")
        .prefetch_related(
            Prefetch(
                "facilitators",
                queryset=Person.objects.only("pk", "full_name").order_by("full_name", "pk"),
            ),
            Prefetch(
                "advisers",
                queryset=get_user_model()
                .objects.only("pk", "full_name", "email")
                .order_by("full_name", "pk"),
            ),
        )
        .annotate(guest_count=Count("guests"))
    )


def location_count(meetings: Iterable[Meeting]) -> int:
    """How many different locations these meetings use (cancelled ones not counted)."""
    return len({m.location_id for m in meetings if m.location_id and not m.is_cancelled})


def trajectory_timeline(*, trajectory: Trajectory) -> list[TimelineStage]:
    """The five phases with their meetings and their planning details, in three queries.

    A meeting sits in the phase of its round's stage; meetings without a round prepare.
    Each round's stage tells how many different locations the round uses.
    """
    meetings = with_planning_details(
        Meeting.objects.for_org(trajectory.organisation).filter(trajectory=trajectory)
    )
    by_phase: dict[Phase, list[Meeting]] = {p: [] for p in Phase}
    for meeting in meetings:
        stage = Stage(meeting.round.stage) if meeting.round else Stage.PREPARATION
        by_phase[Phase(stage.value)].append(meeting)
    current = list(Phase).index(Phase(trajectory.phase))
    rounds = {Phase(s.value) for s in ROUND_STAGES}
    return [
        TimelineStage(
            phase=phase,
            label=str(phase.label),
            state="done" if i < current else "current" if i == current else "todo",
            meetings=by_phase[phase],
            location_count=location_count(by_phase[phase]) if phase in rounds else None,
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
    meetings = list(
        Meeting.objects.filter(round=round_).select_related("module__theme", "location")
    )
    shown = [Enrolment.Status.ENROLLED]
    if with_waiting_list:
        shown.append(Enrolment.Status.WAITLISTED)
    enrolments = (
        Enrolment.objects.filter(round=round_, status__in=shown)
        .select_related("person")
        .order_by("status", "person__full_name")
    )
    return {
        "modules": modules,
        "meetings": meetings,
        "location_count": location_count(meetings),
        "enrolments": enrolments,
    }


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
        .select_related("round", "module__theme", "location")
        .in_day_order()[:limit]
    )


# --- Planning -------------------------------------------------------------------------------


def expected_attendees(meetings: Iterable[Meeting]) -> dict[int, set[int]]:
    """Who attends each meeting by the brochure's defaults (meeting key → Person keys).

    The theme session: the organisation's management. The intakes: round 1's people. A
    module: its round's people. The optional scan and tasting: nobody by default. Three
    queries, however many meetings.
    """
    meetings = list(meetings)
    expected: dict[int, set[int]] = {m.pk: set() for m in meetings}
    if not meetings:
        return expected
    organisation_ids = {m.organisation_id for m in meetings}
    trajectory_ids = {m.trajectory_id for m in meetings}
    enrolled: dict[tuple[int, str], set[int]] = {}
    for trajectory_id, stage, person_id in Enrolment.objects.filter(
        round__trajectory_id__in=trajectory_ids, status=Enrolment.Status.ENROLLED
    ).values_list("round__trajectory_id", "round__stage", "person_id"):
        enrolled.setdefault((trajectory_id, stage), set()).add(person_id)
    management: dict[int, set[int]] = {}
    if any(m.kind == MeetingKind.THEME_SESSION for m in meetings):
        for organisation_id, person_id in Person.objects.filter(
            organisation_id__in=organisation_ids,
            function_category=FunctionCategory.MANAGEMENT,
            left_on__isnull=True,
        ).values_list("organisation_id", "pk"):
            management.setdefault(organisation_id, set()).add(person_id)
    stages = dict(Round.objects.filter(trajectory_id__in=trajectory_ids).values_list("pk", "stage"))
    for meeting in meetings:
        if meeting.kind == MeetingKind.THEME_SESSION:
            expected[meeting.pk] = management.get(meeting.organisation_id, set())
        elif meeting.kind == MeetingKind.INTAKE:
            expected[meeting.pk] = enrolled.get((meeting.trajectory_id, Stage.ROUND_1), set())
        elif meeting.kind == MeetingKind.MODULE and meeting.round_id is not None:
            stage = stages[meeting.round_id]
            expected[meeting.pk] = enrolled.get((meeting.trajectory_id, stage), set())
    return expected


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


# --- The planning page, the month calendar and what is still to plan -----------------------


def meeting_defaults(meeting: Meeting) -> str:
    """Who leads and who attends a meeting of this kind, as the brochure has it."""
    if meeting.kind == MeetingKind.THEME_SESSION:
        return gettext("The organisation's managers attend; the advisers facilitate.")
    if meeting.kind == MeetingKind.INTAKE:
        return gettext("The people of round 1 attend; the advisers facilitate.")
    if needs_trainers(meeting):
        return gettext(
            "A team of trainers facilitates and the advisers coach them; the participants of "
            "round 2 attend."
        )
    if meeting.kind == MeetingKind.MODULE:
        return gettext("The advisers facilitate; the trainers in training attend.")
    return gettext(
        "The advisers facilitate. Nobody is on the list by default: invite the people who "
        "take part as guests."
    )


def needs_trainers(meeting: Meeting) -> bool:
    """Round 2's modules are led by the new trainers; every other meeting by an adviser."""
    return (
        meeting.kind == MeetingKind.MODULE
        and meeting.round is not None
        and meeting.round.stage == Stage.ROUND_2
    )


@dataclass(frozen=True)
class PartOfDayTimes:
    label: str
    starts: datetime.time
    ends: datetime.time


def meeting_planning(*, meeting: Meeting) -> dict[str, object]:
    """What the planning page shows beside the form, in a fixed number of queries: who is
    expected by default, the guests, and the organisation's times for the parts of the day."""
    listed = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    return {
        "defaults": meeting_defaults(meeting),
        "attendee_count": len(expected_attendees([meeting])[meeting.pk] | listed),
        "guests": list(Guest.objects.filter(meeting=meeting).order_by("full_name", "pk")),
        "part_of_day_times": [
            PartOfDayTimes(str(part.label), *meeting.organisation.part_of_day_times(part))
            for part in PartOfDay
        ],
    }


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    meetings: list[Meeting]


@dataclass(frozen=True)
class CalendarWeek:
    number: int  # the ISO week number, as Dutch calendars show it
    days: list[CalendarDay]


@dataclass(frozen=True)
class MonthCalendar:
    month: datetime.date  # its first day
    weeks: list[CalendarWeek]
    previous: datetime.date  # the first day of the month before
    next: datetime.date
    months_with_meetings: list[datetime.date]  # first days, for the empty month's links
    unplanned_count: int  # the trajectory's meetings without a date (cancelled ones aside)

    @property
    def days_with_meetings(self) -> list[CalendarDay]:
        """The month's days that have meetings: the calendar as a list, for small screens."""
        return [d for w in self.weeks for d in w.days if d.in_month and d.meetings]

    @property
    def is_empty(self) -> bool:
        return not self.days_with_meetings


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _month_after(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=31)).replace(day=1)


def trajectory_month(
    *, trajectory: Trajectory, month: datetime.date, today: datetime.date
) -> MonthCalendar:
    """A month of the trajectory's meetings, week by week from Monday, in three queries.

    Cancelled meetings stay in their day (shown as cancelled); every week is whole, so the
    days of the months around it are there too, empty.
    """
    first = month_start(month)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    own = Meeting.objects.for_org(trajectory.organisation).filter(trajectory=trajectory)
    by_day: dict[datetime.date, list[Meeting]] = {}
    in_view = own.filter(date__gte=weeks[0][0], date__lte=weeks[-1][-1]).select_related(
        "organisation", "location", "module__theme"
    )
    for meeting in in_view.in_day_order():
        if meeting.date is not None:
            by_day.setdefault(meeting.date, []).append(meeting)
    return MonthCalendar(
        month=first,
        weeks=[
            CalendarWeek(
                number=week[0].isocalendar().week,
                days=[
                    CalendarDay(
                        date=day,
                        in_month=day.month == first.month,
                        is_today=day == today,
                        meetings=by_day.get(day, []) if day.month == first.month else [],
                    )
                    for day in week
                ],
            )
            for week in weeks
        ],
        previous=month_start(first - datetime.timedelta(days=1)),
        next=_month_after(first),
        months_with_meetings=list(own.filter(date__isnull=False).dates("date", "month")),
        unplanned_count=own.filter(date__isnull=True, cancelled_at__isnull=True).count(),
    )


@dataclass(frozen=True)
class ToPlan:
    """A meeting that still needs planning, and what it lacks."""

    meeting: Meeting
    missing: list[str]


def trajectory_to_plan(*, trajectory: Trajectory, today: datetime.date) -> list[ToPlan]:
    """The trajectory's coming meetings without a date, a location or facilitators (round 2's
    modules need trainers, the others an adviser), in the programme's order; two queries.

    Cancelled and held meetings are not listed: there is nothing left to plan about them.
    """
    meetings = (
        Meeting.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory, cancelled_at__isnull=True)
        .filter(Q(date__isnull=True) | Q(date__gte=today))
        .select_related("round", "module__theme", "location")
        .annotate(
            facilitator_count=Count("facilitators", distinct=True),
            adviser_count=Count("advisers", distinct=True),
        )
        .order_by("sequence", "pk")
    )
    found = []
    for meeting in meetings:
        missing = []
        if meeting.date is None:
            missing.append(gettext("no date yet"))
        if meeting.location_id is None:
            missing.append(gettext("no location yet"))
        if needs_trainers(meeting) and not meeting.facilitator_count:  # type: ignore[attr-defined]
            missing.append(gettext("no trainers yet"))
        elif not needs_trainers(meeting) and not meeting.adviser_count:  # type: ignore[attr-defined]
            missing.append(gettext("no adviser yet"))
        if missing:
            found.append(ToPlan(meeting, missing))
    return found
