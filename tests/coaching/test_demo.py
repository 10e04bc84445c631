"""Gemeente Voorbeeld's module 2 and coaching, as `./dev demo` builds them."""

from __future__ import annotations

import pytest

from binnenuit.coaching.models import (
    CoachingMeeting,
    CoachPair,
    LearningGoal,
    PrivateNote,
    ThemeTeam,
)
from binnenuit.trajectories.models import Enrolment

pytestmark = pytest.mark.django_db


def test_voorbeeld_has_goals_theme_teams_published_pairs_and_conversations(demo):
    voorbeeld = demo["voorbeeld"]
    pairs = list(CoachPair.objects.filter(organisation=voorbeeld))
    participants = Enrolment.objects.filter(
        organisation=voorbeeld, round__stage="round_2", status=Enrolment.Status.ENROLLED
    ).count()
    assert len(pairs) == participants  # everyone has a coach
    assert all(p.published_at for p in pairs)
    assert sum(p.locked for p in pairs) == 1
    load: dict[int, int] = {}
    for pair in pairs:
        load[pair.trainer_id] = load.get(pair.trainer_id, 0) + 1
    assert max(load.values()) == 2  # more participants than trainers: some coach two
    assert all(p.trainer.left_on is None for p in pairs)  # nobody who left coaches
    assert LearningGoal.objects.filter(organisation=voorbeeld).count() >= participants
    teams = ThemeTeam.objects.filter(organisation=voorbeeld)
    assert teams.count() == 4
    assert all(team.trainers.count() >= 2 for team in teams)
    assert CoachingMeeting.objects.filter(organisation=voorbeeld).count() >= 2
    assert PrivateNote.objects.filter(organisation=voorbeeld).count() == 1
