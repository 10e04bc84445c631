"""Reading module 2 and coaching: the input of the algorithms as plain data, the matrix,
the themes, the pairs and their log. Every read is scoped to the actor's organisation."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binnenuit.catalogue.models import Competence, Stage, Theme
from binnenuit.coaching import matching
from binnenuit.coaching.models import (
    CoachingMeeting,
    CoachPair,
    GapWeight,
    LearningGoal,
    PrivateNote,
    ThemeTeam,
)
from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Person
from binnenuit.profiles.models import Profile
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Round, Trajectory

SCAN, HAND, NONE = "scan", "hand", "none"
CHECK_IN_MODULES = (1, 3, 5)  # suggested check-ins: after these round-2 modules


def trajectory_for(actor: Actor, pk: int, action: str) -> Trajectory:
    return fetch(Trajectory.objects.select_related("template"), actor, action, pk=pk)


def round_of(trajectory: Trajectory, stage: Stage) -> Round:
    return Round.objects.get(trajectory=trajectory, stage=stage)


# --- The organisation's gaps ---------------------------------------------------------------


@dataclass(frozen=True)
class Gaps:
    """Competence key → gap weight, and where the weights come from."""

    weights: dict[int, float]
    source: str  # SCAN, HAND or NONE


def gap_weights(trajectory: Trajectory) -> Gaps:
    """The gaps of the organisation's latest closed scan; without one, the learning goals the
    project leader entered by hand for this trajectory."""
    from binnenuit.scan import selectors as scan_selectors  # the one place coaching reads scans

    scanned = scan_selectors.organisation_gaps(trajectory.organisation)
    if scanned is not None:
        return Gaps({int(c): float(g) for c, g in scanned.items()}, SCAN)
    hand = dict(
        GapWeight.objects.filter(trajectory=trajectory).values_list("competence_id", "weight")
    )
    return Gaps({c: float(w) for c, w in hand.items()}, HAND if hand else NONE)


def hand_weights(trajectory: Trajectory) -> dict[int, int]:
    return dict(
        GapWeight.objects.filter(trajectory=trajectory).values_list("competence_id", "weight")
    )


def competences_of(trajectory: Trajectory) -> list[Competence]:
    return list(
        Competence.objects.filter(template_id=trajectory.template_id)
        .select_related("principle")
        .order_by("position", "pk")
    )


# --- Trainers and participants as the algorithms take them --------------------------------


def trainers_of(trajectory: Trajectory) -> list[Person]:
    """The trajectory's trainers: the people enrolled in its round 1 who still work at the
    organisation, by name."""
    today = timezone.localdate()
    return list(
        Person.objects.filter(
            Q(left_on__isnull=True) | Q(left_on__gt=today),
            enrolments__round__trajectory=trajectory,
            enrolments__round__stage=Stage.ROUND_1,
            enrolments__status=Enrolment.Status.ENROLLED,
        ).order_by("full_name", "pk")
    )


def strengths_of(people: list[Person]) -> dict[int, frozenset[int]]:
    """Person key → the competences of their X-factor (one query)."""
    through = Profile.strengths.through
    found: dict[int, set[int]] = defaultdict(set)
    for person_id, competence_id in through.objects.filter(
        profile__person__in=[p.pk for p in people]
    ).values_list("profile__person_id", "competence_id"):
        found[person_id].add(competence_id)
    return {p.pk: frozenset(found.get(p.pk, ())) for p in people}


def participant_enrolments(trajectory: Trajectory) -> list[Enrolment]:
    """Round 2's enrolled participants with their learning goals, by name."""
    goals = LearningGoal.objects.select_related("competence").order_by("pk")
    return list(
        Enrolment.objects.filter(
            round__trajectory=trajectory,
            round__stage=Stage.ROUND_2,
            status=Enrolment.Status.ENROLLED,
        )
        .select_related("person")
        .prefetch_related(Prefetch("learning_goals", queryset=goals))
        .order_by("person__full_name", "pk")
    )


def as_trainer(person: Person, strengths: frozenset[int]) -> matching.Trainer:
    return matching.Trainer(person.pk, strengths, person.department, person.team)


def as_participant(enrolment: Enrolment) -> matching.Participant:
    person = enrolment.person
    return matching.Participant(
        person.pk,
        tuple(g.competence_id for g in enrolment.learning_goals.all()),
        person.department,
        person.team,
        person.line_manager_id,
    )


# --- The strength–gap matrix ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    competence: Competence
    gap: float | None
    trainers: int  # how many trainers are strong in it


@dataclass(frozen=True)
class Cell:
    """A trainer's strength in a competence: the gap it covers, and its band for the colour
    (0 no gap, 1–3 growing); not strong: None."""

    strong: bool
    gap: float | None
    band: int


def _cell(strong: bool, gap: float | None) -> Cell:
    if not strong:
        return Cell(False, None, 0)
    value = gap or 0.0
    band = 0 if value <= 0 else 1 if value < 1 else 2 if value < 2 else 3
    return Cell(True, round(value, 2) if gap is not None else None, band)


@dataclass(frozen=True)
class MatrixRow:
    trainer: Person
    cells: list[Cell]
    count: int
    covered_gap: float  # the gap weight of the competences the trainer is strong in


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[MatrixRow]
    gaps: Gaps
    uncovered: list[Column] = field(default_factory=list)  # gaps no trainer is strong in
    sort: str = "name"


def strength_gap_matrix(trajectory: Trajectory, sort: str = "name") -> Matrix:
    """Trainers × competences: a fixed number of queries, whatever the number of trainers."""
    gaps = gap_weights(trajectory)
    competences = competences_of(trajectory)
    trainers = trainers_of(trajectory)
    strengths = strengths_of(trainers)
    coverage = matching.coverage(
        [as_trainer(t, strengths[t.pk]) for t in trainers],
        [c.pk for c in competences],
        gaps.weights,
    )
    columns = [
        Column(c, gaps.weights.get(c.pk), len(cov.trainers))
        for c, cov in zip(competences, coverage, strict=True)
    ]
    rows = [
        MatrixRow(
            trainer=t,
            cells=[_cell(c.pk in strengths[t.pk], gaps.weights.get(c.pk)) for c in competences],
            count=len(strengths[t.pk]),
            covered_gap=round(sum(max(0.0, gaps.weights.get(c, 0.0)) for c in strengths[t.pk]), 2),
        )
        for t in trainers
    ]
    codes = {c.competence.code: i for i, c in enumerate(columns)}
    if sort == "strengths":
        rows.sort(key=lambda r: (-r.count, r.trainer.full_name))
    elif sort == "gap":
        rows.sort(key=lambda r: (-r.covered_gap, r.trainer.full_name))
    elif sort in codes:
        rows.sort(key=lambda r: (not r.cells[codes[sort]].strong, r.trainer.full_name))
    else:
        sort = "name"
    uncovered = [c for c in columns if c.gap and c.gap > 0 and c.trainers == 0]
    uncovered.sort(key=lambda c: -(c.gap or 0))
    return Matrix(columns, rows, gaps, uncovered, sort)


# --- Themes and teams ---------------------------------------------------------------------


def theme_slots(trajectory: Trajectory) -> list[Module]:
    """Round 2's theme modules, in order, with their theme and team."""
    return list(
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True)
        .select_related("theme")
        .prefetch_related(
            Prefetch("theme_team__trainers", queryset=Person.objects.order_by("full_name", "pk"))
        )
        .order_by("position")
    )


def team_of(module: Module) -> list[Person]:
    try:
        team = module.theme_team
    except ThemeTeam.DoesNotExist:
        return []
    return list(team.trainers.all())


def themes_of(trajectory: Trajectory) -> list[Theme]:
    return list(
        Theme.objects.filter(template_id=trajectory.template_id)
        .prefetch_related("competences")
        .order_by("position", "name")
    )


@dataclass
class ThemeInput:
    """Everything theme choice needs, read once."""

    themes: list[Theme]
    trainers: list[Person]
    strengths: dict[int, frozenset[int]]
    gaps: Gaps
    slots: list[Module]

    @property
    def options(self) -> list[matching.ThemeOption]:
        return [
            matching.ThemeOption(t.pk, frozenset(c.pk for c in t.competences.all()))
            for t in self.themes
        ]

    @property
    def plain_trainers(self) -> list[matching.Trainer]:
        return [as_trainer(t, self.strengths[t.pk]) for t in self.trainers]


def theme_input(trajectory: Trajectory) -> ThemeInput:
    trainers = trainers_of(trajectory)
    return ThemeInput(
        themes=themes_of(trajectory),
        trainers=trainers,
        strengths=strengths_of(trainers),
        gaps=gap_weights(trajectory),
        slots=theme_slots(trajectory),
    )


def recommend_themes(data: ThemeInput) -> matching.ThemeChoice:
    return matching.choose_themes(
        data.options, data.plain_trainers, data.gaps.weights, count=len(data.slots)
    )


# --- Pairs --------------------------------------------------------------------------------


def pairs_of(round_: Round) -> list[CoachPair]:
    return list(
        CoachPair.objects.filter(round=round_)
        .select_related("trainer", "participant")
        .order_by("trainer__full_name", "participant__full_name", "pk")
    )


def pair_for(actor: Actor, pk: int, action: str) -> CoachPair:
    queryset = CoachPair.objects.select_related(
        "trainer", "participant", "round__trajectory", "organisation"
    )
    return fetch(queryset, actor, action, pk=pk)


def own_pairs(actor: Actor) -> list[CoachPair]:
    """The published pairs the actor is in, as coach or coachee."""
    person = actor.fact("organisations.person")
    if person is None:
        return []
    return list(
        CoachPair.objects.for_org(actor.organisation)
        .filter(Q(trainer=person) | Q(participant=person), published_at__isnull=False)
        .select_related("trainer", "participant", "round__trajectory")
        .order_by("-round__trajectory__starts_on", "pk")
    )


def own_enrolment(actor: Actor) -> Enrolment | None:
    """The actor's latest round-2 enrolment."""
    ids = actor.fact("coaching.round_2_enrolment_ids")
    return (
        Enrolment.objects.filter(pk__in=ids)
        .select_related("round__trajectory")
        .order_by("-round__trajectory__starts_on", "-pk")
        .first()
    )


def goals_of(enrolment: Enrolment) -> list[LearningGoal]:
    return list(LearningGoal.objects.filter(enrolment=enrolment).select_related("competence"))


def enrolment_of(pair: CoachPair) -> Enrolment | None:
    return Enrolment.objects.filter(round_id=pair.round_id, person_id=pair.participant_id).first()


def meetings_of(pair: CoachPair) -> list[CoachingMeeting]:
    return list(
        CoachingMeeting.objects.filter(pair=pair)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("topics", queryset=LearningGoal.objects.select_related("competence"))
        )
    )


def own_notes(actor: Actor, pair: CoachPair) -> QuerySet[PrivateNote]:
    """The actor's own private notes on the pair: nobody else's, ever."""
    return PrivateNote.objects.visible_to(actor).filter(notebook__pair=pair)


def own_note(actor: Actor, pk: int) -> PrivateNote:
    """One of the actor's own private notes; 404 for anyone else's, whatever their role."""
    return get_object_or_404(
        PrivateNote.objects.visible_to(actor).select_related("notebook"), pk=pk
    )


def check_ins(round_: Round) -> list[datetime.date]:
    """Suggested check-ins: the dates of round 2's modules 1, 3 and 5 (planned ones)."""
    return [
        day
        for day in Meeting.objects.filter(
            round=round_, module__position__in=CHECK_IN_MODULES, date__isnull=False
        )
        .order_by("date")
        .values_list("date", flat=True)
        if day is not None
    ]


@dataclass(frozen=True)
class PairActivity:
    """What an organiser sees of a pair: whether they meet, never what about."""

    pair: CoachPair
    meetings: int
    last: datetime.date | None
    dates: list[datetime.date]


def pair_activity(round_: Round) -> list[PairActivity]:
    pairs = (
        CoachPair.objects.filter(round=round_, published_at__isnull=False)
        .select_related("trainer", "participant")
        .annotate(meeting_count=Count("meetings"), last_meeting=Max("meetings__date"))
        .order_by("trainer__full_name", "pk")
    )
    dates: dict[int, list[datetime.date]] = defaultdict(list)
    for pair_id, date in (
        CoachingMeeting.objects.filter(pair__round=round_)
        .order_by("date")
        .values_list("pair_id", "date")
    ):
        dates[pair_id].append(date)
    return [PairActivity(p, p.meeting_count, p.last_meeting, dates[p.pk]) for p in pairs]


def any_trajectory_pairs(trajectory: Trajectory) -> Any:
    return CoachPair.objects.filter(round__trajectory=trajectory).exists()
