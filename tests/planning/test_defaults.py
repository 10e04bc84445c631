"""Who attends and who leads each kind of meeting by default, as the brochure has it.

The theme session: the organisation's managers attend. The two intakes: round 1's people.
Round 1's modules: the trainers in training attend, the advisers facilitate. Round 2's
modules: the participants attend, a team of trainers facilitates, the advisers coach. The
optional scan and tasting: nobody by default (their people come as guests).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from binnenuit.catalogue.models import Stage
from binnenuit.organisations.models import FunctionCategory, Membership, Role
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Attendance, Enrolment, Meeting, MeetingKind
from binnenuit.trajectories.selectors import expected_attendees, meeting_defaults
from tests.factories import UserFactory
from tests.planning.factories import DAY, meeting_of, module

pytestmark = pytest.mark.django_db


def listed(meeting: Meeting) -> set[int]:
    return set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))


def test_each_kind_of_meeting_expects_the_brochures_people(world):
    director = world.person(function_category=FunctionCategory.MANAGEMENT)
    world.person(function_category=FunctionCategory.MANAGEMENT, left_on=datetime.date(2026, 1, 1))
    trainer, participant = world.people["trainer"].pk, world.people["participant"].pk
    theme_session = meeting_of(world.trajectory)
    intakes = list(Meeting.objects.filter(trajectory=world.trajectory, kind=MeetingKind.INTAKE))
    round_1 = module(world.trajectory, Stage.ROUND_1, 1)
    round_2 = module(world.trajectory, Stage.ROUND_2, 1)
    tasting = services.meeting_add_optional(
        by=world.actor("project_leader"), trajectory=world.trajectory, kind=MeetingKind.TASTING
    )

    expected = expected_attendees([theme_session, *intakes, round_1, round_2, tasting])

    assert expected[theme_session.pk] == {director.pk}  # not who has left, nor other staff
    assert len(intakes) == 2
    assert all(expected[intake.pk] == {trainer} for intake in intakes)
    assert expected[round_1.pk] == {trainer}
    assert expected[round_2.pk] == {participant}
    assert expected[tasting.pk] == set()


def test_planning_puts_the_expected_people_on_the_list(world):
    director = world.person(function_category=FunctionCategory.MANAGEMENT)
    by = world.actor("project_leader")
    theme_session = services.meeting_plan(
        by=by, meeting=meeting_of(world.trajectory), date=DAY, part_of_day="morning"
    )
    round_2 = services.meeting_plan(
        by=by,
        meeting=module(world.trajectory, Stage.ROUND_2, 1),
        date=DAY + datetime.timedelta(days=90),
        part_of_day="afternoon",
        override_reason="Ronde 1 ontwerpt ronde 2 later.",
    )
    assert listed(theme_session) == {director.pk}
    assert listed(round_2) == {world.people["participant"].pk}
    # Who joins the round later is on the list of its coming meetings too.
    newcomer = world.person()
    services.enrolment_add(by=by, round_=world.round_2, person=newcomer)
    assert listed(round_2) == {world.people["participant"].pk, newcomer.pk}
    enrolment = Enrolment.objects.get(round=world.round_2, person=newcomer)
    services.enrolment_withdraw(by=by, enrolment=enrolment)
    assert listed(round_2) == {world.people["participant"].pk}


def test_a_first_plan_is_advised_by_the_organisations_advisers_until_changed(world):
    second = UserFactory(email="tweede.adviseur@test.example", is_provider_staff=True)
    Membership.objects.create(organisation=world.org, user=second, role=Role.ADVISER)
    by = world.actor("project_leader")
    meeting = module(world.trajectory, Stage.ROUND_1, 1)

    services.meeting_plan(by=by, meeting=meeting, date=DAY, part_of_day="morning")
    assert set(meeting.advisers.all()) == {world.users["adviser"], second}
    assert not meeting.facilitators.exists()  # round 1: the advisers lead it

    services.meeting_plan(
        by=by, meeting=meeting, date=DAY, part_of_day="morning", advisers=[second]
    )
    services.meeting_plan(by=by, meeting=meeting, date=DAY, part_of_day="afternoon")
    assert list(meeting.advisers.all()) == [second]  # a later plan keeps the choice


@translation.override("en")
def test_the_planning_page_tells_the_defaults_of_each_kind(world):
    texts = {
        kind: meeting_defaults(meeting_of(world.trajectory, kind))
        for kind in (MeetingKind.THEME_SESSION, MeetingKind.INTAKE)
    }
    texts["round 1"] = meeting_defaults(module(world.trajectory, Stage.ROUND_1, 2))
    texts["round 2"] = meeting_defaults(module(world.trajectory, Stage.ROUND_2, 2))
    assert "managers" in texts[MeetingKind.THEME_SESSION]
    assert "round 1" in texts[MeetingKind.INTAKE]
    assert "trainers in training attend" in texts["round 1"]
    assert "team of trainers facilitates" in texts["round 2"]
    assert "coach" in texts["round 2"]
