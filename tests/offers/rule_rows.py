"""The offers app's rules in the table of tests/test_rules.py (and trajectory.agree, which
this app asked trajectories for)."""

from __future__ import annotations

from tests.test_rules import N, Row, Y, roles

ROWS = [
    Row("pricelist.edit", None, None, roles(Y, N, N, N, N), outside=True),
    Row("invoice.overview", None, None, roles(Y, N, N, N, N), outside=True),
    Row("quote.view", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
    Row("quote.manage", None, None, roles(Y, N, N, N, N)),
    Row("quote.decide", None, None, roles(N, Y, Y, N, N, outsider=Y)),
    Row("quote.start_trajectory", None, None, roles(Y, Y, N, N, N, outsider=Y)),
    Row("invoice.view", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
    Row("invoice.manage", None, None, roles(Y, N, N, N, N)),
    Row(
        "trajectory.agree",
        lambda w: w.trajectory,
        lambda w: w.other_trajectory,
        roles(Y, Y, Y, N, N),
    ),
]
