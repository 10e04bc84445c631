"""Reading attendance: a meeting's list, the reports, completion and certificates.

Every function here runs a fixed number of queries, however many people or meetings.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.attendance.completion import Progress, Standing, minimum_for, progress
from binnenuit.core.access import Actor, can, fetch
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    Meeting,
    MeetingKind,
    Module,
    Phase,
    Round,
    Trajectory,
)
from binnenuit.trajectories.services import expected_attendees

# --- Fetch and check in one step ------------------------------------------------------------


def meeting_for(actor: Actor, pk: int, action: str = "attendance.view") -> Meeting:
    qs = Meeting.objects.select_related(
        "organisation", "trajectory", "round", "module__theme", "location"
    )
    return fetch(qs, actor, action, pk=pk)


def may_see_reasons(actor: Actor, meeting: Meeting | None = None) -> bool:
    """Reasons of absence (health data) only for whoever may mark this meeting, or, across
    meetings, may mark attendance at all."""
    return can(actor, "attendance.mark", meeting)


# --- One meeting ----------------------------------------------------------------------------


def meeting_attendees(*, meeting: Meeting) -> list[Attendance]:
    """The meeting's list, by name, with who recorded each (one query)."""
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "recorded_by")
        .order_by("person__full_name", "pk")
    )


def meeting_attendee(*, meeting: Meeting, person: Person) -> Attendance | None:
    return (
        Attendance.objects.filter(meeting=meeting, person=person)
        .select_related("person", "recorded_by")
        .first()
    )


def status_counts(rows: Iterable[Attendance]) -> dict[str, int]:
    """How many are present, late, absent, and not recorded yet."""
    counted = Counter(row.status for row in rows)
    return {status: counted.get(status, 0) for status in AttendanceStatus.values}


def missing_attendees(*, meeting: Meeting, rows: Iterable[Attendance]) -> int:
    """How many people the meeting expects (the brochure's defaults) are not on its list:
    a meeting planned after it was held has an empty list (three queries)."""
    if meeting.is_cancelled:
        return 0
    expected = expected_attendees([meeting])[meeting.pk]
    return len(expected - {row.person_id for row in rows})


def markable_from(meeting: Meeting) -> datetime.date | None:
    """From which day attendance can be kept: the meeting's day (None: not planned)."""
    return meeting.date if meeting.is_planned else None


def may_mark_now(meeting: Meeting) -> bool:
    day = markable_from(meeting)
    return day is not None and day <= timezone.localdate()


# --- A round's completion -------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One person at one meeting: the status ("" when not on its list) and the reason."""

    status: str
    reason: str = ""

    @property
    def on_list(self) -> bool:
        return bool(self.status)


@dataclass(frozen=True)
class PersonProgress:
    person: Person
    enrolment_id: int
    cells: list[Cell]  # per meeting of the round, in the round's order
    progress: Progress

    @property
    def standing(self) -> Standing:
        return self.progress.standing


@dataclass(frozen=True)
class RoundProgress:
    """A round's modules (not cancelled) and each enrolled person's progress through them."""

    round: Round
    meetings: list[Meeting]
    minimum: int
    people: list[PersonProgress] = field(default_factory=list)

    @property
    def completed(self) -> list[PersonProgress]:
        return [p for p in self.people if p.standing == Standing.COMPLETED]

    @property
    def at_risk(self) -> list[PersonProgress]:
        return [p for p in self.people if p.standing == Standing.AT_RISK]

    @property
    def started(self) -> bool:
        today = timezone.localdate()
        return any(m.date is not None and m.date <= today for m in self.meetings)

    def of(self, person_id: int) -> PersonProgress | None:
        return next((p for p in self.people if p.person.pk == person_id), None)


def round_progress(rounds: Iterable[Round], *, person: Person | None = None) -> list[RoundProgress]:
    """Each round's progress, for everyone enrolled or only ``person``: three queries."""
    rounds = list(rounds)
    if not rounds:
        return []
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in (
        Meeting.objects.filter(round__in=rounds, kind=MeetingKind.MODULE, cancelled_at__isnull=True)
        .select_related("module__theme")
        .order_by("sequence", "pk")
    ):
        meetings[meeting.round_id or 0].append(meeting)
    enrolments = Enrolment.objects.filter(
        round__in=rounds, status=Enrolment.Status.ENROLLED
    ).select_related("person")
    rows = Attendance.objects.filter(
        meeting__in=[m.pk for ms in meetings.values() for m in ms]
    ).values_list("meeting_id", "person_id", "status", "absence_reason")
    if person is not None:
        enrolments = enrolments.filter(person=person)
        rows = rows.filter(person=person)
    cells = {(m, p): Cell(status, reason) for m, p, status, reason in rows}
    people: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in enrolments.order_by("person__full_name", "pk"):
        people[enrolment.round_id].append(enrolment)
    result = []
    for round_ in rounds:
        own = meetings.get(round_.pk, [])
        minimum = minimum_for(round_.stage, round_.completion_minimum, len(own))
        progresses = []
        for enrolment in people.get(round_.pk, []):
            row = [cells.get((m.pk, enrolment.person_id), Cell("")) for m in own]
            progresses.append(
                PersonProgress(
                    person=enrolment.person,
                    enrolment_id=enrolment.pk,
                    cells=row,
                    progress=progress((c.status for c in row), minimum=minimum),
                )
            )
        result.append(RoundProgress(round=round_, meetings=own, minimum=minimum, people=progresses))
    return result


def trajectory_rounds(*, trajectory: Trajectory) -> list[Round]:
    return list(
        Round.objects.for_org(trajectory.organisation)
        .filter(trajectory=trajectory)
        .select_related("trajectory", "organisation")
        .order_by("stage")
    )


def overview_rounds(*, actor: Actor) -> list[RoundProgress]:
    """For the organisation's overview: the rounds under way (a module held, their trajectory
    not yet done: not in the pool phase) with who completed and who is at risk. Four queries."""
    rounds = (
        Round.objects.for_org(actor.organisation)
        .exclude(trajectory__phase__in=[Phase.OFFER, Phase.POOL])
        .select_related("trajectory")
        .order_by("trajectory__name", "trajectory_id", "stage")
    )
    return [p for p in round_progress(rounds) if p.started]


# --- Reports across meetings ----------------------------------------------------------------


def person_attendance(*, trajectory: Trajectory, person: Person) -> list[Attendance]:
    """Everything the person was on the list for in the trajectory, in date order."""
    return list(
        Attendance.objects.filter(meeting__trajectory=trajectory, person=person)
        .select_related("meeting__round", "meeting__module__theme")
        .order_by(F("meeting__date").asc(nulls_last=True), "meeting__sequence", "pk")
    )


@dataclass(frozen=True)
class DepartmentRow:
    round: Round
    department: str
    people: int
    attended: int
    absent: int
    completed: int
    at_risk: int

    @property
    def rate(self) -> int | None:
        """Attended as a percentage of what was recorded (None before anything was)."""
        recorded = self.attended + self.absent
        return round(100 * self.attended / recorded) if recorded else None


def department_rows(progresses: Iterable[RoundProgress]) -> list[DepartmentRow]:
    """Per round and department: people, modules followed and missed, completed, at risk."""
    result = []
    for round_progress_ in progresses:
        by_department: dict[str, list[PersonProgress]] = defaultdict(list)
        for person in round_progress_.people:
            by_department[person.person.department.strip() or _("(no department)")].append(person)
        for department in sorted(by_department, key=str.casefold):
            people = by_department[department]
            result.append(
                DepartmentRow(
                    round=round_progress_.round,
                    department=department,
                    people=len(people),
                    attended=sum(p.progress.attended for p in people),
                    absent=sum(p.progress.absent for p in people),
                    completed=sum(p.standing == Standing.COMPLETED for p in people),
                    at_risk=sum(p.standing == Standing.AT_RISK for p in people),
                )
            )
    return result


# --- The actor's own ------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnAttendance:
    person: Person | None
    rows: list[Attendance]
    rounds: list[RoundProgress]


def own_attendance(*, actor: Actor) -> OwnAttendance:
    """The actor's own records across the organisation, and their rounds' progress."""
    person: Person | None = actor.fact("organisations.person")
    if person is None:
        return OwnAttendance(person=None, rows=[], rounds=[])
    rows = list(
        Attendance.objects.filter(person=person)
        .select_related("meeting__trajectory", "meeting__round")
        .order_by(F("meeting__date").asc(nulls_last=True), "meeting__sequence", "pk")
    )
    rounds = (
        Round.objects.for_org(actor.organisation)
        .filter(enrolments__person=person, enrolments__status=Enrolment.Status.ENROLLED)
        .select_related("trajectory")
        .order_by("trajectory__name", "trajectory_id", "stage")
    )
    return OwnAttendance(person=person, rows=rows, rounds=round_progress(rounds, person=person))


# --- Certificates ---------------------------------------------------------------------------


def enrolment_for(actor: Actor, pk: int, action: str = "attendance.certificate") -> Enrolment:
    qs = Enrolment.objects.select_related("person", "round__trajectory", "organisation")
    return fetch(qs, actor, action, pk=pk)


@dataclass(frozen=True)
class Certificate:
    enrolment: Enrolment
    modules: list[Meeting]  # the modules followed (present or late), in order
    minimum: int
    total: int

    @property
    def person(self) -> Person:
        return self.enrolment.person

    @property
    def round(self) -> Round:
        return self.enrolment.round


def certificate_of(*, enrolment: Enrolment) -> Certificate | None:
    """The certificate of someone who completed the round; None for anyone else."""
    if enrolment.status != Enrolment.Status.ENROLLED:
        return None
    (found,) = round_progress([enrolment.round], person=enrolment.person)
    mine = found.of(enrolment.person_id)
    if mine is None or not mine.progress.completed:
        return None
    followed = [
        meeting
        for meeting, cell in zip(found.meetings, mine.cells, strict=True)
        if cell.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
    ]
    return Certificate(
        enrolment=enrolment, modules=followed, minimum=found.minimum, total=len(found.meetings)
    )


def people_of(*, actor: Actor) -> QuerySet[Person]:
    """The organisation's employees, for a form that names one (marking attendance)."""
    return Person.objects.for_org(actor.organisation)


def module_counts(rounds: Iterable[Round]) -> dict[int, int]:
    """How many modules each round has (one query)."""
    counts: Counter[int] = Counter(
        Module.objects.filter(round__in=list(rounds)).values_list("round_id", flat=True)
    )
    return dict(counts)
