"""The completion rule and "at risk", as pure functions (no database)."""

from __future__ import annotations

import pytest

from binnenuit.attendance.completion import (
    Risk,
    Standing,
    minimum_for,
    progress,
)

P, L, A, E = "present", "late", "absent", "expected"


@pytest.mark.parametrize(
    ("stage", "chosen", "modules", "minimum"),
    [
        ("round_1", None, 4, 3),  # the defaults: 3 of the 4 round-1 modules
        ("round_2", None, 5, 4),  # and 4 of the 5 round-2 modules
        ("round_1", 4, 4, 4),  # a trajectory's own rule
        ("round_2", 2, 5, 2),
        ("round_1", None, 2, 2),  # never more than the round has modules
        ("round_1", 4, 3, 3),  # a cancelled module lowers the bar with it
        ("round_1", None, 0, 3),  # no modules: nobody completes
    ],
)
def test_the_minimum_is_the_rounds_own_or_the_default(stage, chosen, modules, minimum):
    assert minimum_for(stage, chosen, modules) == minimum


def test_present_and_late_both_count_as_followed():
    result = progress([P, L, L, A], minimum=3)
    assert (result.attended, result.absent, result.open) == (3, 1, 0)
    assert result.standing == Standing.COMPLETED
    assert result.risks == ()


def test_someone_on_the_way_is_on_track():
    assert progress([P, A, E, E], minimum=3).standing == Standing.ON_TRACK
    assert progress([E, E, E, E], minimum=3).standing == Standing.ON_TRACK


def test_two_absences_are_at_risk_even_while_the_minimum_is_reachable():
    result = progress([A, A, E, E, E, E], minimum=3)
    assert result.reachable
    assert result.standing == Standing.AT_RISK
    assert result.risks == (Risk.ABSENCES,)


def test_no_longer_able_to_reach_the_minimum_is_at_risk_early():
    # One absence, one module not on their list (enrolled late): 2 left, 3 needed.
    result = progress([A, "", E, E], minimum=3)
    assert result.absent == 1
    assert not result.reachable
    assert result.risks == (Risk.OUT_OF_REACH,)
    assert result.standing == Standing.AT_RISK


def test_the_defaults_two_absences_in_round_1_is_both():
    result = progress([A, A, E, E], minimum=3)
    assert result.risks == (Risk.ABSENCES, Risk.OUT_OF_REACH)


def test_completed_is_never_at_risk_whatever_the_absences():
    result = progress([P, P, P, P, A, A], minimum=4)
    assert result.standing == Standing.COMPLETED
    assert result.risks == ()
