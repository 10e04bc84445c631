"""The analysis: figures equal a hand-computed example, stay right on a large generated scan
in a constant number of queries, and never show a group below the anonymity threshold."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from binnenuit.catalogue.models import Competence
from binnenuit.scan import selectors, services
from binnenuit.scan.models import Answer, GroupKind, Response
from binnenuit.scan.selectors import MERGED, MIN_GROUP
from binnenuit.scan.services import GroupSpec
from tests.scan.conftest import competences, make_scan, respond

TWO_GROUPS = [
    GroupSpec("Medewerkers", GroupKind.EMPLOYEES),
    GroupSpec("Inwoners", GroupKind.CITIZENS),
]


def close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, abs_tol=1e-9)


@pytest.fixture
def example(world):
    """Two groups of 5. On the first competence (None is "don't know"):
    employees strength 1, 2, 3, 4, ? and importance 5, 5, 4, 4, ?;
    citizens strength 2 ×5 and importance 3 ×5. On the second: everyone 4 and 4."""
    scan = make_scan(world, groups=TWO_GROUPS)
    first, second = competences(scan)[:2]
    employees = [(1, 5), (2, 5), (3, 4), (4, 4), (None, None)]
    for strength, importance in employees:
        respond(scan, "Medewerkers", {first.pk: (strength, importance), second.pk: (4, 4)})
    for _ in range(5):
        respond(scan, "Inwoners", {first.pk: (2, 3), second.pk: (4, 4)})
    return scan, first, second


def test_the_figures_equal_the_hand_computed_example(example):
    scan, first, second = example
    analysis = selectors.scan_analysis(scan)
    assert analysis.shown is True
    assert analysis.respondents == 10
    assert [(c.name, c.respondents) for c in analysis.columns] == [
        ("Medewerkers", 5),
        ("Inwoners", 5),
    ]
    row = next(r for r in analysis.rows if r.competence == first)
    # Total: strength (1+2+3+4 + 5×2) / 9 = 20/9; importance (5+5+4+4 + 5×3) / 9 = 33/9.
    assert row.total.n_strength == 9
    assert row.total.n_importance == 9
    assert close(row.total.mean_strength, 20 / 9)
    assert close(row.total.mean_importance, 33 / 9)
    assert close(row.total.gap, 13 / 9)
    # Employees: "don't know" left out: strength 2.5 (spread √1.25), importance 4.5, gap 2.
    employees, citizens = row.groups
    assert employees.n_strength == 4
    assert close(employees.mean_strength, 2.5)
    assert close(employees.sd_strength, math.sqrt(1.25))
    assert close(employees.mean_importance, 4.5)
    assert close(employees.sd_importance, 0.5)
    assert close(employees.gap, 2.0)
    assert close(citizens.mean_strength, 2.0)
    assert close(citizens.sd_strength, 0.0)
    assert close(citizens.gap, 1.0)
    # Citizens see 0.5 less strength than the employees.
    assert analysis.compares is True
    assert close(row.difference, -0.5)
    other = next(r for r in analysis.rows if r.competence == second)
    assert close(other.total.gap, 0.0)
    assert other.total.n == 10
    # The biggest gap first; competences nobody scored have no gap and are not ranked.
    assert [r.competence for r in analysis.by_gap] == [first, second]
    assert analysis.differences[0].competence == first
    untouched = [r for r in analysis.rows if r.competence not in (first, second)]
    assert all(r.total.gap is None and r.total.n == 0 for r in untouched)


def test_dont_know_is_stored_as_nothing_and_counts_in_no_mean(example):
    scan, first, _second = example
    assert (
        Answer.objects.filter(response__scan=scan, competence=first, strength__isnull=True).count()
        == 0
    )  # "don't know" on both: no row at all
    token = services.new_browser_token()
    respond(scan, "Inwoners", {first.pk: (None, 1)}, token=token)
    answer = Answer.objects.get(response__browser_token=token)
    assert answer.strength is None
    assert answer.importance == 1
    row = selectors.scan_analysis(scan).rows[0]
    assert row.total.n_strength == 9  # unchanged: the new "don't know" is not a score
    assert row.total.n_importance == 10
    assert close(row.total.mean_importance, 34 / 10)


def test_organisation_gaps_come_from_the_latest_closed_scan(world, example):
    scan, first, second = example
    assert selectors.organisation_gaps(world.org) is None  # still open
    services.scan_close(by=world.actor("adviser"), scan=scan)
    gaps = selectors.organisation_gaps(world.org)
    assert gaps is not None
    assert close(gaps[first.pk], 13 / 9)
    assert close(gaps[second.pk], 0.0)
    assert set(gaps) == {first.pk, second.pk}
    assert selectors.organisation_gaps(world.other_org) is None


# --- Anonymity -------------------------------------------------------------------------------


def sized(world, sizes: dict[str, int]):
    groups = [GroupSpec(name, GroupKind.EMPLOYEES) for name in sizes]
    scan = make_scan(world, groups=groups)
    first = competences(scan)[0]
    for value, (name, count) in enumerate(sizes.items(), start=1):
        for _ in range(count):
            respond(scan, name, {first.pk: (value, 5)})
    return scan, first


def test_small_groups_are_merged_into_other_groups(world):
    scan, first = sized(world, {"Wijken": 6, "Sport": 3, "Cultuur": 2})
    analysis = selectors.scan_analysis(scan)
    assert [(c.key != MERGED, c.respondents) for c in analysis.columns] == [(True, 6), (False, 5)]
    merged = analysis.columns[1]
    assert merged.merged == ("Sport", "Cultuur")
    # Merged: (3×2 + 2×3) / 5.
    assert close(analysis.rows[0].groups[1].mean_strength, 12 / 5)
    assert analysis.hidden == 0
    assert analysis.respondents == 11


def test_a_group_too_small_even_merged_is_left_out_everywhere_totals_included(world):
    scan, first = sized(world, {"Wijken": 6, "Sport": 3})
    analysis = selectors.scan_analysis(scan)
    assert [c.name for c in analysis.columns] == ["Wijken"]
    assert analysis.hidden == 3
    # The total is the shown group's alone: with Sport in it, Sport's answers could be
    # worked out from the total and Wijken's figures.
    assert analysis.respondents == 6
    assert close(analysis.rows[0].total.mean_strength, 1.0)
    assert analysis.rows[0].total.n == 6


def test_below_the_threshold_in_total_nothing_is_shown(world):
    scan, first = sized(world, {"Wijken": MIN_GROUP - 1})
    analysis = selectors.scan_analysis(scan)
    assert analysis.shown is False
    assert analysis.rows == []
    assert analysis.by_gap == []
    live = selectors.scan_live(scan)
    assert live.respondents == MIN_GROUP - 1  # how many came: no answers given away
    assert live.gaps == []
    services.scan_close(by=world.actor("adviser"), scan=scan)
    assert selectors.organisation_gaps(world.org) is None


def test_employees_and_citizens_are_compared_only_when_both_are_large_enough(world):
    scan = make_scan(world, groups=TWO_GROUPS)
    first = competences(scan)[0]
    for _ in range(6):
        respond(scan, "Medewerkers", {first.pk: (3, 4)})
    for _ in range(4):
        respond(scan, "Inwoners", {first.pk: (1, 4)})
    analysis = selectors.scan_analysis(scan)
    assert analysis.compares is False
    assert analysis.differences == []


# --- A large generated scan ------------------------------------------------------------------


def extra_competences(template, count: int) -> None:
    """Grow the framework to ``count`` competences (version 1 has 14)."""
    existing = list(Competence.objects.filter(template=template).order_by("position"))
    principle = existing[-1].principle
    for i in range(len(existing), count):
        Competence.objects.create(
            template=template,
            principle=principle,
            code=f"EX{chr(65 + i)}",
            name=f"Extra {i}",
            description="Extra.",
            indicators="Extra.",
            position=i + 1,
        )


def generate(scan, respondents: int, rng: random.Random) -> dict:
    """Respondents spread over the scan's groups with random scores; the raw scores kept to
    compute the expected figures here, in Python."""
    groups = list(scan.groups.order_by("position"))
    comps = competences(scan)
    raw: dict = {}
    for n in range(respondents):
        group = groups[n % len(groups)]
        response = Response.objects.create(
            organisation=scan.organisation,
            scan=scan,
            group=group,
            browser_token=services.new_browser_token(),
        )
        answers = []
        for competence in comps:
            strength = None if rng.random() < 0.1 else rng.randint(1, 5)
            importance = None if rng.random() < 0.1 else rng.randint(1, 5)
            raw.setdefault((competence.pk, group.pk), []).append((strength, importance))
            if strength is not None or importance is not None:
                answers.append(
                    Answer(
                        response=response,
                        competence=competence,
                        strength=strength,
                        importance=importance,
                    )
                )
        Answer.objects.bulk_create(answers)
    return raw


def test_a_generated_scan_of_50_by_16_by_3_is_right_in_a_constant_number_of_queries(world):
    groups = [
        GroupSpec("Medewerkers", GroupKind.EMPLOYEES),
        GroupSpec("Inwoners", GroupKind.CITIZENS),
        GroupSpec("Partners", GroupKind.PARTNERS),
    ]
    small = make_scan(world, groups=groups, title="Klein")
    extra_competences(small.template, 16)
    assert len(competences(small)) == 16
    rng = random.Random(50)  # noqa: S311 (a seeded test instance)
    generate(small, 15, rng)
    with CaptureQueriesContext(connection) as few:
        selectors.scan_analysis(small)

    scan = make_scan(world, groups=groups, title="Groot")
    raw = generate(scan, 50, rng)
    with CaptureQueriesContext(connection) as many:
        analysis = selectors.scan_analysis(scan)
    assert len(many) == len(few)
    assert len(many) <= 8

    assert analysis.respondents == 50
    by_group = {c.name: i for i, c in enumerate(analysis.columns)}
    for row in analysis.rows:
        everyone = []
        for group in scan.groups.all():
            scores = raw[(row.competence.pk, group.pk)]
            everyone += scores
            stat = row.groups[by_group[group.name]]
            strengths = [s for s, _i in scores if s is not None]
            assert stat.n_strength == len(strengths)
            assert close(stat.mean_strength, statistics.fmean(strengths))
            assert close(stat.sd_strength, statistics.pstdev(strengths))
        strengths = [s for s, _i in everyone if s is not None]
        importances = [i for _s, i in everyone if i is not None]
        assert close(row.total.mean_strength, statistics.fmean(strengths))
        assert close(row.total.mean_importance, statistics.fmean(importances))
        assert close(row.total.gap, statistics.fmean(importances) - statistics.fmean(strengths))
        assert close(row.total.sd_importance, statistics.pstdev(importances))
