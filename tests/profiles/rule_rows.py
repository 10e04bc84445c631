"""The profiles app's rules in the table of tests/test_rules.py."""

from __future__ import annotations

from tests.test_rules import N, Row, Y, roles

ROWS = [
    Row("xfactor.view", None, None, roles(Y, Y, Y, Y, Y, outsider=Y)),
    # Only the round-1 trainer writes, and only their own profile.
    Row("xfactor.write", None, None, roles(N, N, N, Y, N)),
    Row(
        "xfactor.write",
        lambda w: w.people["trainer"],
        lambda w: w.other_org.person_set.first(),
        roles(N, N, N, Y, N),
    ),
    Row(
        "xfactor.write",
        lambda w: w.people["participant"],
        lambda w: w.other_org.person_set.first(),
        roles(N, N, N, N, N),  # someone else's record: nobody writes their story for them
    ),
    Row("xfactor.strengths", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
]
