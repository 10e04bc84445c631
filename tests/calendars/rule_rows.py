"""The calendars app's rules in the table of tests/test_rules.py."""

from __future__ import annotations

from binnenuit.catalogue.models import Stage
from binnenuit.trajectories.models import Meeting, MeetingKind
from tests.test_rules import N, Row, Y, roles


def _meeting(trajectory, stage: Stage | None) -> Meeting:
    if stage is None:
        return Meeting.objects.filter(trajectory=trajectory, kind=MeetingKind.INTAKE).first()
    return Meeting.objects.filter(trajectory=trajectory, round__stage=stage).first()


ROWS = [
    Row("calendar.own", None, None, roles(Y, Y, Y, Y, Y, outsider=Y), outside=True),
    Row(
        "calendar.meeting",
        lambda w: _meeting(w.trajectory, Stage.ROUND_1),
        lambda w: _meeting(w.other_trajectory, Stage.ROUND_1),
        roles(Y, Y, Y, Y, N),  # the trainer follows round 1; the participant is in round 2
    ),
    Row(
        "calendar.meeting",
        lambda w: _meeting(w.trajectory, Stage.ROUND_2),
        lambda w: _meeting(w.other_trajectory, Stage.ROUND_2),
        roles(Y, Y, Y, Y, Y),  # the trainer gives round 2
    ),
    Row(
        "calendar.meeting",
        lambda w: _meeting(w.trajectory, None),
        lambda w: _meeting(w.other_trajectory, None),
        roles(Y, Y, Y, N, N),  # a preparation meeting: staff only
    ),
]
