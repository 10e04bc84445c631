"""The pure algorithms of module 2: checked against brute force on random instances."""

from __future__ import annotations

import itertools
import math
import random  # seeded instances for tests, not secrets

import pytest

from binnenuit.coaching import matching
from binnenuit.coaching.matching import Participant, ThemeOption, Trainer

DEPARTMENTS = ["Sociaal Domein", "Ruimte", "Publiekszaken", ""]
TEAMS = ["A", "B", ""]


def instance(rng: random.Random, n_trainers: int, n_participants: int, competences: int = 8):
    trainers = [
        Trainer(
            id=100 + i,
            strengths=frozenset(rng.sample(range(competences), rng.randint(0, 4))),
            department=rng.choice(DEPARTMENTS),
            team=rng.choice(TEAMS),
        )
        for i in range(n_trainers)
    ]
    participants = [
        Participant(
            id=500 + j,
            goals=tuple(rng.sample(range(competences), rng.randint(0, 3))),
            department=rng.choice(DEPARTMENTS),
            team=rng.choice(TEAMS),
            line_manager_id=rng.choice([None, None, *[t.id for t in trainers]]),
        )
        for j in range(n_participants)
    ]
    gaps = {c: round(rng.uniform(-0.5, 2.5), 2) for c in range(competences)}
    return trainers, participants, gaps


def allowed(t: Trainer, p: Participant) -> bool:
    return not matching.excluded(t, p)


def brute_force(trainers, participants, gaps):
    """(pairs, -extra places, total) of the best assignment, every function enumerated."""
    capacity = math.ceil(len(participants) / len(trainers))
    best = None
    for choice in itertools.product([None, *trainers], repeat=len(participants)):
        load: dict[int, int] = {}
        total, pairs = 0.0, 0
        ok = True
        for t, p in zip(choice, participants, strict=True):
            if t is None:
                continue
            if not allowed(t, p):
                ok = False
                break
            load[t.id] = load.get(t.id, 0) + 1
            if load[t.id] > capacity:
                ok = False
                break
            pairs += 1
            total += matching.score(t, p, gaps).total
        if ok:
            extra = sum(n - 1 for n in load.values())
            key = (pairs, -extra, round(total, 6))
            best = key if best is None or key > best else best
    return best


def brute_force_square(trainers, participants, gaps):
    """(pairs, total) of the best one-to-one assignment, every permutation enumerated."""
    best = None
    for order in itertools.permutations(trainers, len(participants)):
        pairs, total = 0, 0.0
        for t, p in zip(order, participants, strict=True):
            if allowed(t, p):
                pairs += 1
                total += matching.score(t, p, gaps).total
        key = (pairs, round(total, 6))
        best = key if best is None or key > best else best
    return best


def key_of(result: matching.Pairing):
    load: dict[int, int] = {}
    for p in result.pairs:
        load[p.trainer] = load.get(p.trainer, 0) + 1
    return (len(result.pairs), -sum(n - 1 for n in load.values()), round(result.total, 6))


@pytest.mark.parametrize("seed", range(12))
def test_square_pairing_equals_brute_force_up_to_8(seed):
    rng = random.Random(seed)  # noqa: S311 (a seeded test instance)
    n = 8 if seed < 3 else rng.randint(1, 7)
    trainers, participants, gaps = instance(rng, n, n)
    result = matching.pair(trainers, participants, gaps)
    assert key_of(result)[0::2] == brute_force_square(trainers, participants, gaps)


@pytest.mark.parametrize("seed", range(20))
def test_unequal_sizes_equal_brute_force(seed):
    rng = random.Random(1000 + seed)  # noqa: S311 (a seeded test instance)
    n_trainers, n_participants = rng.randint(1, 4), rng.randint(1, 5)
    trainers, participants, gaps = instance(rng, n_trainers, n_participants)
    result = matching.pair(trainers, participants, gaps)
    assert key_of(result) == brute_force(trainers, participants, gaps)


def test_scores_come_apart_into_goals_and_bridge():
    trainer = Trainer(1, frozenset({1, 2}), department="Ruimte")
    participant = Participant(9, goals=(2, 3, 1), department="Publiekszaken")
    parts = matching.score(trainer, participant, {1: 0.5, 2: 2.0, 3: 9.0})
    assert parts.covered == (2, 1)
    assert parts.goals == pytest.approx((1 + 2.0) + (1 + 0.5))
    assert parts.bridge == matching.BRIDGE_BONUS
    assert parts.total == pytest.approx(5.5)
    assert matching.score(trainer, Participant(8, (), department="Ruimte"), {}).total == 0


def test_the_matrix_equals_the_score_of_each_pair():
    rng = random.Random(7)  # noqa: S311 (a seeded test instance)
    trainers, participants, gaps = instance(rng, 9, 11)
    scores, allowed_cells = matching.score_matrix(trainers, participants, gaps)
    for j, p in enumerate(participants):
        for i, t in enumerate(trainers):
            assert scores[j, i] == pytest.approx(matching.score(t, p, gaps).total)
            assert bool(allowed_cells[j, i]) == allowed(t, p)


@pytest.mark.parametrize("seed", range(15))
def test_14_by_14_never_breaks_an_exclusion_or_a_lock(seed):
    rng = random.Random(2000 + seed)  # noqa: S311 (a seeded test instance)
    trainers, participants, gaps = instance(rng, rng.randint(10, 14), rng.randint(10, 14))
    possible = [(t, p) for t in trainers for p in participants if allowed(t, p)]
    locks = []
    for t, p in rng.sample(possible, 3):
        if all(t.id != a and p.id != b for a, b in locks):
            locks.append((t.id, p.id))
    result = matching.pair(trainers, participants, gaps, locks=locks)
    by_t = {t.id: t for t in trainers}
    by_p = {p.id: p for p in participants}
    for pair in result.pairs:
        assert allowed(by_t[pair.trainer], by_p[pair.participant])
    made = {(p.trainer, p.participant) for p in result.pairs if p.locked}
    assert made == set(locks)
    assert len({p.participant for p in result.pairs}) == len(result.pairs)
    assert set(result.without_coach) | {p.participant for p in result.pairs} == set(by_p)


def test_more_participants_than_trainers_doubles_as_few_as_possible():
    trainers = [Trainer(i, frozenset({1})) for i in range(1, 13)]
    participants = [Participant(100 + j, (1,)) for j in range(13)]
    result = matching.pair(trainers, participants, {1: 1.0})
    assert len(result.pairs) == 13
    assert len(result.doubled_trainers) == 1
    assert result.idle_trainers == ()


def test_more_trainers_than_participants_leaves_trainers_idle():
    trainers = [Trainer(i, frozenset({i})) for i in range(1, 6)]
    participants = [Participant(100, (2,)), Participant(101, (4,))]
    result = matching.pair(trainers, participants, {})
    assert {(p.trainer, p.participant) for p in result.pairs} == {(2, 100), (4, 101)}
    assert result.idle_trainers == (1, 3, 5)


def test_same_input_same_output_whatever_the_order():
    rng = random.Random(99)  # noqa: S311 (a seeded test instance)
    trainers, participants, gaps = instance(rng, 12, 13)
    first = matching.pair(trainers, participants, gaps)
    rng.shuffle(trainers)
    rng.shuffle(participants)
    assert matching.pair(trainers, participants, gaps) == first


def test_nobody_allowed_means_no_coach_not_an_error():
    manager = Trainer(1, frozenset({1}), department="X", team="T")
    participant = Participant(5, (1,), department="X", team="T", line_manager_id=1)
    result = matching.pair([manager], [participant], {})
    assert result.pairs == ()
    assert result.without_coach == (5,)
    assert matching.Problem("without_coach", ids=(5,)) in result.problems


def test_a_lock_against_an_exclusion_is_refused_and_said():
    manager = Trainer(1, frozenset({1}))
    other = Trainer(2, frozenset())
    participant = Participant(5, (1,), line_manager_id=1)
    result = matching.pair([manager, other], [participant], {}, locks=[(1, 5)])
    assert [(p.trainer, p.participant) for p in result.pairs] == [(2, 5)]
    assert matching.Problem("lock_excluded", ids=(1, 5)) in result.problems


def test_no_trainers_or_no_participants_is_explained():
    assert matching.pair([], [Participant(1, ())], {}).problems == (
        matching.Problem("no_trainers"),
    )
    assert matching.pair([Trainer(1, frozenset())], [], {}).problems == (
        matching.Problem("no_participants"),
    )


def test_swap_effect_is_the_difference_of_the_totals():
    t1, t2 = Trainer(1, frozenset({1})), Trainer(2, frozenset({2}))
    p1, p2 = Participant(10, (2,)), Participant(20, (1,))
    delta, reason = matching.swap_effect((t1, p1), (t2, p2), {1: 1.0, 2: 0.5})
    assert reason == ""
    assert delta == pytest.approx(2.0 + 1.5)
    manager = Participant(30, (1,), line_manager_id=2)
    assert matching.swap_effect((t1, manager), (t2, p2), {})[1] == "line_manager"


# --- Theme choice -------------------------------------------------------------------------


def theme_instance(rng: random.Random, n_themes: int, n_trainers: int, competences: int = 10):
    themes = [
        ThemeOption(
            id=10 + k, competences=frozenset(rng.sample(range(competences), rng.randint(1, 3)))
        )
        for k in range(n_themes)
    ]
    trainers = [
        Trainer(id=200 + i, strengths=frozenset(rng.sample(range(competences), rng.randint(1, 3))))
        for i in range(n_trainers)
    ]
    gaps = {c: round(rng.uniform(-1.0, 3.0), 2) for c in range(competences)}
    return themes, trainers, gaps


def teams_possible(combo, themes, trainers) -> bool:
    """Brute force: two trainers strong in each theme, nobody in more than two teams."""
    options = {t.id: t for t in themes}
    pairs = [
        list(itertools.combinations(matching.eligible(options[theme], trainers), 2))
        for theme in combo
    ]
    for choice in itertools.product(*pairs):
        load: dict[int, int] = {}
        for team in choice:
            for trainer in team:
                load[trainer] = load.get(trainer, 0) + 1
        if all(n <= matching.MAX_TEAMS for n in load.values()):
            return True
    return False


def exhaustive(themes, trainers, gaps, count):
    best = None
    options = {t.id: t for t in themes}
    for combo in itertools.combinations([t.id for t in themes], count):
        if not teams_possible(combo, themes, trainers):
            continue
        covered = {c for t in combo for c in options[t].competences}
        weight = round(sum(max(0.0, gaps.get(c, 0.0)) for c in covered), 6)
        reach = len({tr for t in combo for tr in matching.eligible(options[t], trainers)})
        key = (weight, reach)
        best = key if best is None or key > best else best
    return best


@pytest.mark.parametrize("seed", range(25))
def test_theme_choice_equals_exhaustive_search(seed):
    rng = random.Random(3000 + seed)  # noqa: S311 (a seeded test instance)
    themes, trainers, gaps = theme_instance(rng, rng.randint(4, 9), rng.randint(3, 7))
    result = matching.choose_themes(themes, trainers, gaps, count=4)
    best = exhaustive(themes, trainers, gaps, 4)
    if best is None:
        assert not result.feasible and result.problems
        return
    assert result.feasible
    reach = len({t for team in result.teams.values() for t in team})
    assert (round(result.weight, 6), reach) == best
    # The teams it proposes keep the rules.
    codes = {
        p.code for p in matching.evaluate_themes(result.teams, themes, trainers, gaps).problems
    }
    assert codes <= {"trainers_without_team"}


def test_too_few_trainers_is_explained_not_an_error():
    themes = [ThemeOption(k, frozenset({k})) for k in range(6)]
    trainers = [
        Trainer(1, frozenset(range(6))),
        Trainer(2, frozenset(range(6))),
        Trainer(3, frozenset()),
    ]
    result = matching.choose_themes(themes, trainers, dict.fromkeys(range(6), 1.0))
    assert not result.feasible
    assert result.themes == ()
    assert result.problems[0].code == "too_few_trainers"


def test_themes_without_two_strong_trainers_are_explained():
    themes = [ThemeOption(k, frozenset({k})) for k in range(5)]
    trainers = [Trainer(i, frozenset({0, 1})) for i in range(6)]
    result = matching.choose_themes(themes, trainers, {0: 1.0})
    assert [p.code for p in result.problems] == ["too_few_themes_with_teams"]
    assert result.problems[0].count == 2


def test_theme_choice_explains_what_it_covers_and_leaves():
    themes = [ThemeOption(k, frozenset({k})) for k in range(6)]
    trainers = [Trainer(i, frozenset({i % 6, (i + 1) % 6})) for i in range(12)]
    gaps = {0: 3.0, 1: 2.5, 2: 0.5, 3: 2.0, 4: 1.0, 5: -1.0}
    result = matching.choose_themes(themes, trainers, gaps)
    assert result.themes == (0, 1, 3, 4)
    assert result.covered == (0, 1, 3, 4)
    assert result.uncovered == (2,)
    assert result.weight == pytest.approx(8.5)
    assert result.without_team == ()


def test_a_hand_choice_shows_the_rules_it_breaks():
    themes = [ThemeOption(k, frozenset({k})) for k in range(5)]
    trainers = [Trainer(i, frozenset({0, 1, 2})) for i in range(4)]
    chosen = {0: [0, 1], 1: [0, 1], 2: [0], 4: [2, 3]}
    result = matching.evaluate_themes(chosen, themes, trainers, {0: 1.0, 4: 2.0})
    codes = {p.code: p for p in result.problems}
    assert codes["team_too_small"].ids == (2,)
    assert codes["too_many_teams"].ids == (0,)
    assert codes["not_strong_in_theme"].ids == (4, 2, 3)
    assert result.weight == pytest.approx(3.0)
