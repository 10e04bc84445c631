"""Module 2's algorithms as plain functions: no Django, plain data in, plain data out.

- **Coverage**: per competence, the organisation's gap and the trainers strong in it.
- **Theme choice**: the round-2 themes (as many as there are theme slots) that together cover
  the most gap weight, each with a trainer team of at least two trainers strong in one of its
  competences, no trainer in more than two teams; among the best, the choice that gives the
  most trainers a team. Exact: every combination is looked at (4 of 20 themes is 4,845), the
  cheap bound first, the team check only until the best feasible one is found.
- **Coach pairing**: an optimal assignment of trainers to round-2 participants
  (``scipy.optimize.linear_sum_assignment``) on a score that explains itself: the
  participant's learning goals the trainer is strong in, each weighted by one plus the
  organisation's gap, and a bonus for working in another department. Hard exclusions: the
  trainer is the participant's line manager, or they are in the same team. Locked pairs stay.
  With more participants than trainers some trainers coach two (as few as possible); with
  fewer, some trainers have none. Same input, same output.

Problems are returned as :class:`Problem` codes with their numbers, never raised: the
screens put them into words.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

BRIDGE_BONUS = 1.0  # working in another department: bridging the organisation
MAX_TEAMS = 2  # a trainer is in at most this many theme teams
MIN_TEAM = 2  # a theme team has at least this many trainers
DIGITS = 9  # scores are compared rounded to this many decimals: sums of floats stay exact


@dataclass(frozen=True)
class Problem:
    """Something the input does not allow, with what the screen needs to say it."""

    code: str
    ids: tuple[int, ...] = ()
    count: int = 0


@dataclass(frozen=True)
class Trainer:
    id: int
    strengths: frozenset[int]  # competence ids
    department: str = ""
    team: str = ""


@dataclass(frozen=True)
class Participant:
    id: int
    goals: tuple[int, ...]  # competence ids of their learning goals
    department: str = ""
    team: str = ""
    line_manager_id: int | None = None


@dataclass(frozen=True)
class ThemeOption:
    id: int
    competences: frozenset[int]


# --- Coverage: the strength–gap matrix's columns ------------------------------------------


@dataclass(frozen=True)
class Coverage:
    competence: int
    gap: float
    trainers: tuple[int, ...]

    @property
    def covered(self) -> bool:
        return bool(self.trainers)


def coverage(
    trainers: Sequence[Trainer], competences: Sequence[int], gaps: Mapping[int, float]
) -> list[Coverage]:
    """Per competence (in the order given): its gap and the trainers strong in it."""
    return [
        Coverage(c, float(gaps.get(c, 0.0)), tuple(t.id for t in trainers if c in t.strengths))
        for c in competences
    ]


# --- Theme choice -------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeChoice:
    """Chosen themes with their teams, and what that covers and leaves; or why none fits."""

    themes: tuple[int, ...]
    teams: Mapping[int, tuple[int, ...]]  # theme id → trainer ids
    covered: tuple[int, ...]  # competence ids with a gap (> 0) the themes train
    uncovered: tuple[int, ...]  # competence ids with a gap the themes leave
    weight: float  # the gap weight covered
    without_team: tuple[int, ...]  # trainers in no team
    problems: tuple[Problem, ...] = ()

    @property
    def feasible(self) -> bool:
        return bool(self.themes) and not self.problems


def _weight(competences: Iterable[int], gaps: Mapping[int, float]) -> float:
    return round(sum(max(0.0, gaps.get(c, 0.0)) for c in set(competences)), DIGITS)


def eligible(theme: ThemeOption, trainers: Sequence[Trainer]) -> tuple[int, ...]:
    """The trainers strong in at least one of the theme's competences."""
    return tuple(t.id for t in trainers if t.strengths & theme.competences)


def _minimum_teams(
    themes: Sequence[int], candidates: Mapping[int, Sequence[int]]
) -> dict[int, list[int]] | None:
    """Two trainers per theme, each trainer in at most two teams: a small max flow.

    Each theme needs ``MIN_TEAM`` units, each trainer gives ``MAX_TEAMS``; augmenting paths
    in a fixed order keep it deterministic. None when it cannot be done.
    """
    load: dict[int, int] = {}
    teams: dict[int, list[int]] = {t: [] for t in themes}

    def augment(theme: int, seen: set[int]) -> bool:
        for trainer in candidates[theme]:
            if trainer in seen or trainer in teams[theme]:
                continue
            seen.add(trainer)
            if load.get(trainer, 0) < MAX_TEAMS:
                teams[theme].append(trainer)
                load[trainer] = load.get(trainer, 0) + 1
                return True
            # The trainer is full: free one of their places if another trainer can take it.
            for other in themes:
                if other != theme and trainer in teams[other] and trainer not in teams[theme]:
                    teams[other].remove(trainer)
                    if augment(other, seen):
                        teams[theme].append(trainer)
                        return True
                    teams[other].append(trainer)
        return False

    for theme in themes:
        for _unit in range(MIN_TEAM):
            if not augment(theme, set()):
                return None
    return {t: sorted(members) for t, members in teams.items()}


def _complete_teams(
    themes: Sequence[int], candidates: Mapping[int, Sequence[int]], teams: dict[int, list[int]]
) -> dict[int, tuple[int, ...]]:
    """Every trainer without a team joins the smallest team they are strong enough for."""
    placed = {t for members in teams.values() for t in members}
    everyone = sorted({t for theme in themes for t in candidates[theme]})
    for trainer in everyone:
        if trainer in placed:
            continue
        options = [theme for theme in themes if trainer in candidates[theme]]
        best = min(options, key=lambda theme: (len(teams[theme]), themes.index(theme)))
        teams[best].append(trainer)
        placed.add(trainer)
    return {theme: tuple(sorted(teams[theme])) for theme in themes}


def _describe(
    themes: Sequence[int],
    teams: Mapping[int, tuple[int, ...]],
    options: Mapping[int, ThemeOption],
    trainers: Sequence[Trainer],
    gaps: Mapping[int, float],
    problems: Sequence[Problem] = (),
) -> ThemeChoice:
    trained = {c for t in themes for c in options[t].competences}
    wanted = sorted((c for c, g in gaps.items() if g > 0), key=lambda c: (-gaps[c], c))
    placed = {t for members in teams.values() for t in members}
    return ThemeChoice(
        themes=tuple(themes),
        teams=dict(teams),
        covered=tuple(c for c in wanted if c in trained),
        uncovered=tuple(c for c in wanted if c not in trained),
        weight=_weight(trained, gaps),
        without_team=tuple(t.id for t in trainers if t.id not in placed),
        problems=tuple(problems),
    )


def choose_themes(
    themes: Sequence[ThemeOption],
    trainers: Sequence[Trainer],
    gaps: Mapping[int, float],
    count: int = 4,
) -> ThemeChoice:
    """The best ``count`` themes with their teams (see the module's docstring).

    Ties are broken by the most trainers with a team, then by the themes' order given.
    Infeasible input gives a choice without themes and the problems that explain it.
    """
    order = {t.id: position for position, t in enumerate(themes)}
    options = {t.id: t for t in themes}
    candidates = {t.id: eligible(t, trainers) for t in themes}
    usable = [t.id for t in themes if len(candidates[t.id]) >= MIN_TEAM]
    problems: list[Problem] = []
    if len(trainers) < MIN_TEAM or len(trainers) * MAX_TEAMS < count * MIN_TEAM:
        problems.append(Problem("too_few_trainers", count=len(trainers)))
    if len(usable) < count:
        problems.append(Problem("too_few_themes_with_teams", count=len(usable)))
    if problems:
        return _describe((), {}, options, trainers, gaps, problems)
    masks = {
        t: sum(1 << i for i, tr in enumerate(trainers) if tr.id in candidates[t]) for t in usable
    }
    ranked = []
    for combo in itertools.combinations(usable, count):
        weight = _weight((c for t in combo for c in options[t].competences), gaps)
        reach = 0
        for t in combo:
            reach |= masks[t]
        ranked.append((-weight, -reach.bit_count(), tuple(order[t] for t in combo), combo))
    ranked.sort()
    for *_key, combo in ranked:
        teams = _minimum_teams(combo, candidates)
        if teams is not None:
            complete = _complete_teams(combo, candidates, teams)
            return _describe(combo, complete, options, trainers, gaps)
    return _describe(
        (), {}, options, trainers, gaps, [Problem("no_teams_possible", count=len(trainers))]
    )


def evaluate_themes(
    chosen: Mapping[int, Sequence[int]],
    themes: Sequence[ThemeOption],
    trainers: Sequence[Trainer],
    gaps: Mapping[int, float],
    count: int = 4,
) -> ThemeChoice:
    """A choice made by hand (theme id → its team): what it covers and which rules it breaks."""
    options = {t.id: t for t in themes}
    strong = {t.id: t.strengths for t in trainers}
    problems: list[Problem] = []
    if len(chosen) != count:
        problems.append(Problem("wrong_number_of_themes", count=len(chosen)))
    for theme, team in chosen.items():
        if len(set(team)) < MIN_TEAM:
            problems.append(Problem("team_too_small", ids=(theme,), count=len(set(team))))
        weak = tuple(
            sorted(
                t for t in set(team) if not strong.get(t, frozenset()) & options[theme].competences
            )
        )
        if weak:
            problems.append(Problem("not_strong_in_theme", ids=(theme, *weak)))
    load: dict[int, int] = {}
    for team in chosen.values():
        for trainer in set(team):
            load[trainer] = load.get(trainer, 0) + 1
    busy = tuple(sorted(t for t, n in load.items() if n > MAX_TEAMS))
    if busy:
        problems.append(Problem("too_many_teams", ids=busy))
    teams = {theme: tuple(sorted(set(team))) for theme, team in chosen.items()}
    result = _describe(list(chosen), teams, options, trainers, gaps, problems)
    if result.without_team:
        problems.append(Problem("trainers_without_team", ids=result.without_team))
    return _describe(list(chosen), teams, options, trainers, gaps, problems)


# --- Coach pairing ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreParts:
    """Why a pair scores what it does."""

    goals: float  # the participant's goals the trainer is strong in, weighted by the gaps
    bridge: float  # the bonus for working in another department
    covered: tuple[int, ...]  # the goals (competence ids) the trainer is strong in

    @property
    def total(self) -> float:
        return round(self.goals + self.bridge, DIGITS)


@dataclass(frozen=True)
class Pair:
    trainer: int
    participant: int
    parts: ScoreParts
    locked: bool = False


@dataclass(frozen=True)
class Pairing:
    pairs: tuple[Pair, ...]
    total: float
    without_coach: tuple[int, ...] = ()  # participants no trainer may coach
    idle_trainers: tuple[int, ...] = ()  # trainers with no coachee
    doubled_trainers: tuple[int, ...] = ()  # trainers with two (or more) coachees
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def excluded(trainer: Trainer, participant: Participant) -> str:
    """Why this trainer may not coach this participant ("" when they may)."""
    if participant.line_manager_id == trainer.id:
        return "line_manager"
    if (
        trainer.team
        and trainer.team == participant.team
        and trainer.department == participant.department
    ):
        return "same_team"
    return ""


def score(
    trainer: Trainer,
    participant: Participant,
    gaps: Mapping[int, float],
    bridge_bonus: float = BRIDGE_BONUS,
) -> ScoreParts:
    """One pair's score, in its parts (the same numbers the vectorised matrix holds)."""
    covered = tuple(g for g in dict.fromkeys(participant.goals) if g in trainer.strengths)
    goals = round(sum(1.0 + max(0.0, gaps.get(g, 0.0)) for g in covered), DIGITS)
    bridge = (
        bridge_bonus
        if trainer.department
        and participant.department
        and trainer.department != participant.department
        else 0.0
    )
    return ScoreParts(goals=goals, bridge=bridge, covered=covered)


def score_matrix(
    trainers: Sequence[Trainer],
    participants: Sequence[Participant],
    gaps: Mapping[int, float],
    bridge_bonus: float = BRIDGE_BONUS,
) -> tuple[np.ndarray, np.ndarray]:
    """Scores (participants × trainers) and the allowed cells, built with numpy, no loops
    over pairs: goal weights times strengths, plus the department bonus."""
    competences = sorted(
        {c for t in trainers for c in t.strengths} | {g for p in participants for g in p.goals}
    )
    column = {c: i for i, c in enumerate(competences)}
    strengths = np.zeros((len(trainers), len(competences)))
    for i, t in enumerate(trainers):
        strengths[i, [column[c] for c in t.strengths]] = 1.0
    goals = np.zeros((len(participants), len(competences)))
    for j, p in enumerate(participants):
        for g in dict.fromkeys(p.goals):
            goals[j, column[g]] = 1.0 + max(0.0, gaps.get(g, 0.0))
    scores = goals @ strengths.T

    def codes(values: list[str]) -> tuple[np.ndarray, dict[str, int]]:
        known: dict[str, int] = {}
        return np.array([known.setdefault(v, len(known)) for v in values]), known

    departments, known = codes(
        [t.department for t in trainers] + [p.department for p in participants]
    )
    blank = known.get("", -1)
    t_dep, p_dep = departments[: len(trainers)], departments[len(trainers) :]
    other = (
        (p_dep[:, None] != t_dep[None, :]) & (p_dep[:, None] != blank) & (t_dep[None, :] != blank)
    )
    scores = np.round(scores + bridge_bonus * other, DIGITS)
    teams, known_teams = codes(
        [f"{t.department}\x00{t.team}" if t.team else "" for t in trainers]
        + [f"{p.department}\x00{p.team}" if p.team else "" for p in participants]
    )
    no_team = known_teams.get("", -1)
    t_team, p_team = teams[: len(trainers)], teams[len(trainers) :]
    same_team = (p_team[:, None] == t_team[None, :]) & (t_team[None, :] != no_team)
    index = {t.id: i for i, t in enumerate(trainers)}
    managers = np.array(
        [index.get(p.line_manager_id, -1) if p.line_manager_id else -1 for p in participants]
    )
    manager = managers[:, None] == np.arange(len(trainers))[None, :]
    return scores, ~(same_team | manager)


def pair(
    trainers: Sequence[Trainer],
    participants: Sequence[Participant],
    gaps: Mapping[int, float],
    locks: Iterable[tuple[int, int]] = (),
    bridge_bonus: float = BRIDGE_BONUS,
) -> Pairing:
    """The optimal pairs (see the module's docstring); ``locks`` are (trainer, participant)."""
    problems: list[Problem] = []
    if not trainers:
        problems.append(Problem("no_trainers"))
    if not participants:
        problems.append(Problem("no_participants"))
    if problems:
        return Pairing(
            (),
            0.0,
            tuple(p.id for p in participants),
            tuple(t.id for t in trainers),
            (),
            tuple(problems),
        )
    trainers = sorted(trainers, key=lambda t: t.id)
    participants = sorted(participants, key=lambda p: p.id)
    by_trainer = {t.id: t for t in trainers}
    by_participant = {p.id: p for p in participants}
    capacity = math.ceil(len(participants) / len(trainers))
    kept: list[Pair] = []
    used: dict[int, int] = {}
    for trainer_id, participant_id in sorted(set(locks)):
        t, p = by_trainer.get(trainer_id), by_participant.get(participant_id)
        if t is None or p is None or any(k.participant == participant_id for k in kept):
            problems.append(Problem("lock_not_possible", ids=(trainer_id, participant_id)))
            continue
        if excluded(t, p):
            problems.append(Problem("lock_excluded", ids=(trainer_id, participant_id)))
            continue
        kept.append(Pair(t.id, p.id, score(t, p, gaps, bridge_bonus), locked=True))
        used[t.id] = used.get(t.id, 0) + 1
    capacity = max([capacity, *used.values()])
    open_participants = [p for p in participants if p.id not in {k.participant for k in kept}]
    found: list[Pair] = []
    without: list[int] = []
    if open_participants:
        scores, allowed = score_matrix(trainers, open_participants, gaps, bridge_bonus)
        cells, without = _assign(trainers, open_participants, scores, allowed, used, capacity)
        found = [
            Pair(
                trainers[c].id,
                open_participants[r].id,
                score(trainers[c], open_participants[r], gaps, bridge_bonus),
            )
            for r, c in cells
        ]
    pairs = tuple(sorted([*kept, *found], key=lambda x: (x.trainer, x.participant)))
    count: dict[int, int] = {}
    for made in pairs:
        count[made.trainer] = count.get(made.trainer, 0) + 1
    if without:
        problems.append(Problem("without_coach", ids=tuple(without)))
    return Pairing(
        pairs=pairs,
        total=round(sum(p.parts.total for p in pairs), DIGITS),
        without_coach=tuple(without),
        idle_trainers=tuple(t.id for t in trainers if t.id not in count),
        doubled_trainers=tuple(t for t, n in sorted(count.items()) if n > 1),
        problems=tuple(problems),
    )


def _assign(
    trainers: Sequence[Trainer],
    participants: Sequence[Participant],
    scores: np.ndarray,
    allowed: np.ndarray,
    used: Mapping[int, int],
    capacity: int,
) -> tuple[list[tuple[int, int]], list[int]]:
    """Rows (participants) to trainer places: as many pairs as possible, then as few second
    places as possible, then the highest score. Forbidden cells are never used.

    A trainer has ``capacity`` places (less those their locks hold); their first place costs
    only the score, each next place costs ``extra`` more, more than any score can make up.
    """
    n = len(participants)
    spread = float(np.abs(scores).max()) if scores.size else 0.0
    extra = 2.0 * n * spread + 1.0
    places = [
        (place, i)
        for place in range(capacity)
        for i, t in enumerate(trainers)
        if place >= used.get(t.id, 0)
    ]
    columns = [i for _place, i in places]
    penalty = np.array([extra * place for place, _i in places])
    cost = np.where(allowed[:, columns], -scores[:, columns] + penalty[None, :], np.inf)
    try:
        if cost.shape[1] < n:
            raise ValueError("fewer places than participants")
        rows, cols = linear_sum_assignment(cost)
    except ValueError:
        # Not everyone can have a coach: "no coach" places, worse than any real place.
        none = n * (extra * capacity + spread) + 1.0
        cost = np.hstack([cost, np.full((n, n), none)])
        rows, cols = linear_sum_assignment(cost)
    pairs = [(int(r), columns[int(c)]) for r, c in zip(rows, cols, strict=True) if c < len(columns)]
    paired = {r for r, _c in pairs}
    return pairs, [participants[r].id for r in range(n) if r not in paired]


def swap_effect(
    first: tuple[Trainer, Participant],
    second: tuple[Trainer, Participant],
    gaps: Mapping[int, float],
    bridge_bonus: float = BRIDGE_BONUS,
) -> tuple[float, str]:
    """The change in the total when two pairs exchange their participants, and the reason
    it is not allowed ("" when it is)."""
    (t1, p1), (t2, p2) = first, second
    reason = excluded(t1, p2) or excluded(t2, p1)
    before = score(t1, p1, gaps, bridge_bonus).total + score(t2, p2, gaps, bridge_bonus).total
    after = score(t1, p2, gaps, bridge_bonus).total + score(t2, p1, gaps, bridge_bonus).total
    return round(after - before, DIGITS), reason
