"""Recruitment's rows in the rule table (tests/test_rules.py)."""

from __future__ import annotations

from binnenuit.recruitment.models import Call
from tests.recruitment.factories import CallFactory
from tests.test_rules import N, Row, Y, roles


def _call_of(round_) -> Call:
    return Call.objects.filter(round=round_).first() or CallFactory(round=round_)


def own_call(w):
    return _call_of(w.round_1)


def foreign_call(w):
    return _call_of(w.other_trajectory.rounds.order_by("stage").first())


ROWS = [
    # Managers see how recruitment stands (the trajectory page); only organisers run it.
    Row("recruitment.view", own_call, foreign_call, roles(Y, Y, Y, N, N)),
    Row("recruitment.manage", own_call, foreign_call, roles(Y, Y, N, N, N)),
    Row(
        "recruitment.manage",
        lambda w: w.round_2,  # opening a round's call
        lambda w: w.other_trajectory.rounds.last(),
        roles(Y, Y, N, N, N),
    ),
]
