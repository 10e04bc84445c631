"""`./dev bench --coaching`: the speed of module 2's algorithms (binnenuit.coaching.matching).

No server and no database: the pure functions on generated instances, each timed as the best
of a few runs, against the issue's figures. Pairing includes building the score matrix.
"""

# ruff: noqa: T201 (a command-line tool: printing the report is its job)

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from binnenuit.coaching import matching

COMPETENCES = 14
DEPARTMENTS = [f"Afdeling {i}" for i in range(8)]
TEAMS = [f"Team {i}" for i in range(5)]


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: float
    target: float

    @property
    def met(self) -> bool:
        return self.seconds < self.target


def people(
    rng: random.Random, trainers: int, participants: int
) -> tuple[list[matching.Trainer], list[matching.Participant], dict[int, float]]:
    """A programme's trainers (five strengths each) and participants (three goals each),
    spread over departments and teams, a few of them managed by a trainer."""
    made = [
        matching.Trainer(
            id=i,
            strengths=frozenset(rng.sample(range(COMPETENCES), 5)),
            department=rng.choice(DEPARTMENTS),
            team=rng.choice(TEAMS),
        )
        for i in range(trainers)
    ]
    coached = [
        matching.Participant(
            id=1_000_000 + j,
            goals=tuple(rng.sample(range(COMPETENCES), 3)),
            department=rng.choice(DEPARTMENTS),
            team=rng.choice(TEAMS),
            line_manager_id=rng.randrange(trainers) if rng.random() < 0.1 else None,
        )
        for j in range(participants)
    ]
    gaps = {c: round(rng.uniform(-1.0, 3.0), 2) for c in range(COMPETENCES)}
    return made, coached, gaps


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def figures() -> list[Figure]:
    rng = random.Random(2026)  # noqa: S311 (a seeded benchmark instance, not a secret)
    small = people(rng, 14, 14)
    large = people(rng, 2000, 2000)
    themes = [
        matching.ThemeOption(k, frozenset(rng.sample(range(COMPETENCES), 3))) for k in range(20)
    ]
    trainers, _participants, gaps = people(rng, 14, 0)
    return [
        Figure("pairing 14 × 14", best_of(20, lambda: matching.pair(*small)), 0.005),
        Figure("pairing 2,000 × 2,000", best_of(3, lambda: matching.pair(*large)), 2.0),
        Figure(
            "theme choice, 20 themes × 14 trainers",
            best_of(5, lambda: matching.choose_themes(themes, trainers, gaps)),
            0.1,
        ),
    ]


def main() -> int:
    results = figures()
    width = max(len(f.name) for f in results)
    print("Module 2's algorithms (best of a few runs; pairing includes the score matrix):\n")
    for f in results:
        mark = "ok" if f.met else "TOO SLOW"
        took, target = f"{f.seconds * 1000:10.1f} ms", f"target < {f.target * 1000:g} ms"
        print(f"  {f.name:<{width}}  {took}   {target}   {mark}")
    return 0 if all(f.met for f in results) else 1
