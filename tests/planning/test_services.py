"""``meeting_conflicts``: what ``meeting_plan`` would refuse, found without saving, behind the
same rule; and the date limits ``meeting_plan`` keeps."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from binnenuit.catalogue.models import Stage
from binnenuit.core.exceptions import ServiceError
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Meeting, PartOfDay, Trajectory
from tests.factories import LocationFactory
from tests.planning.factories import DAY, another_trajectory, meeting_of, module, plan

pytestmark = pytest.mark.django_db


def check(world, meeting: Meeting, role: str = "project_leader", **fields):
    return services.meeting_conflicts(
        by=world.actor(role),
        meeting=meeting,
        date=fields.pop("date", DAY),
        part_of_day=fields.pop("part_of_day", PartOfDay.MORNING),
        advisers=fields.pop("advisers", []),
        **fields,
    )


def test_the_check_finds_what_the_plan_refuses_and_saves_nothing(world):
    zaal = LocationFactory(organisation=world.org)
    plan(world, meeting_of(world.trajectory), location=zaal)
    meeting = meeting_of(another_trajectory(world))
    found = check(world, meeting, location=zaal)
    assert [c.message for c in found] == [
        "De locatie is op dat moment ook geboekt voor Themasessie voor het management."
    ]
    meeting.refresh_from_db()
    assert (meeting.date, meeting.location_id) == (None, None)
    with pytest.raises(ServiceError) as refused:
        services.meeting_plan(
            by=world.actor("project_leader"),
            meeting=meeting,
            date=DAY,
            part_of_day=PartOfDay.MORNING,
            location=zaal,
            advisers=[],
        )
    assert refused.value.field_errors["override_reason"] == [c.message for c in found]


def test_the_check_without_a_date_finds_nothing(world):
    assert check(world, module(world.trajectory, Stage.ROUND_2, 1), date=None) == []


def test_the_check_refuses_a_bad_value_beside_its_field(world):
    Trajectory.objects.filter(pk=world.trajectory.pk).update(starts_on=datetime.date(2027, 1, 4))
    meeting = meeting_of(world.trajectory)
    with pytest.raises(ServiceError) as refused:
        check(world, meeting, date=datetime.date(2030, 1, 5))
    assert list(refused.value.field_errors) == ["date"]
    with pytest.raises(ServiceError) as refused:
        check(world, meeting, starts_at_time=datetime.time(10), ends_at_time=datetime.time(9))
    assert list(refused.value.field_errors) == ["ends_at_time"]


@pytest.mark.parametrize("role", ["manager", "trainer", "participant", "outsider"])
def test_the_check_is_for_the_organisers_only(world, role):
    with pytest.raises(PermissionDenied):
        check(world, meeting_of(world.trajectory), role=role)


def test_the_check_refuses_another_organisations_meeting(world):
    with pytest.raises(PermissionDenied):
        check(world, meeting_of(world.other_trajectory))
