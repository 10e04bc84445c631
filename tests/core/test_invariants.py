"""The database itself refuses rows that break the model's invariants, on SQLite and PostgreSQL.

These bypass the services on purpose (``update``, ``create`` without ``full_clean``): a bug in
a service, a data migration or a hand-made query must still not store an impossible row.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from binnenuit.catalogue.models import Stage
from binnenuit.organisations.models import Organisation
from binnenuit.trajectories.models import Meeting, MeetingKind, Module, Round

pytestmark = pytest.mark.django_db


def refused(write) -> None:
    """The write raises an IntegrityError, now or when constraints are checked."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()
        connection.check_constraints()  # PostgreSQL checks deferred keys at commit


def test_a_round_minimum_above_its_maximum_is_refused(world):
    refused(lambda: Round.objects.filter(pk=world.round_1.pk).update(min_participants=15))


def test_a_module_session_without_a_module_is_refused(world):
    meeting = Meeting.objects.filter(trajectory=world.trajectory, kind=MeetingKind.MODULE).first()
    refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(module=None))


def test_a_preparation_meeting_with_a_module_is_refused(world):
    meeting = Meeting.objects.filter(trajectory=world.trajectory, round__isnull=True).first()
    module = Module.objects.filter(round=world.round_1).first()
    refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(module=module))


def test_a_meeting_in_a_round_of_another_trajectory_is_refused(world):
    meeting = Meeting.objects.filter(round=world.round_1).first()
    elsewhere = world.other_trajectory.rounds.get(stage=Stage.ROUND_1)
    module = elsewhere.modules.first()
    refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(round=elsewhere, module=module))


def test_a_meeting_with_a_module_of_another_round_is_refused(world):
    meeting = Meeting.objects.filter(round=world.round_1).first()
    other_module = world.round_2.modules.first()
    refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(module=other_module))


def test_a_new_meeting_in_a_foreign_round_is_refused(world):
    elsewhere = world.other_trajectory.rounds.get(stage=Stage.ROUND_2)
    refused(
        lambda: Meeting.objects.create(
            organisation=world.org,
            trajectory=world.trajectory,
            round=elsewhere,
            module=elsewhere.modules.first(),
            kind=MeetingKind.MODULE,
            title="Verkeerd",
        )
    )


def test_one_theme_at_most_once_per_round(world):
    slots = list(world.round_2.modules.filter(is_theme_slot=True).order_by("position"))
    theme = world.trajectory.template.themes.first()
    Module.objects.filter(pk=slots[0].pk).update(theme=theme)
    refused(lambda: Module.objects.filter(pk=slots[1].pk).update(theme=theme))


def test_two_rounds_of_one_stage_are_refused(world):
    refused(
        lambda: Round.objects.create(
            organisation=world.org, trajectory=world.trajectory, stage=Stage.ROUND_1
        )
    )


def test_deleting_an_organisation_never_takes_its_history_along(world):
    with pytest.raises(ProtectedError):
        Organisation.objects.filter(pk=world.org.pk).delete()
    assert Organisation.objects.filter(pk=world.org.pk).exists()
    assert world.trajectory.meetings.count() == 12
