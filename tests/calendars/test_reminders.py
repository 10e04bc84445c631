"""Reminders two working days before each meeting: exactly one per recipient per meeting,
none for a cancelled meeting, none on a weekend or holiday, caught up after downtime."""

from __future__ import annotations

import datetime

import pytest

from binnenuit.calendars import services
from binnenuit.calendars.models import Notice
from binnenuit.catalogue.models import Stage
from binnenuit.core.periodic import PERIODIC
from binnenuit.trajectories import services as planning
from binnenuit.trajectories.models import Attendance, Meeting
from tests.calendars.factories import calendar_mails, local, module_meeting, plan, town_hall

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2027, 3, 16)  # the reminder goes on Friday 12 March
EVERYONE = {"trainer@test.example", "deelnemer@test.example", "adviseur@test.example"}


@pytest.fixture
def meeting(world) -> Meeting:
    """Round 2's first module on a Tuesday morning, the trainer facilitating."""
    return plan(
        world,
        module_meeting(world, Stage.ROUND_2),
        TUESDAY,
        location=town_hall(world),
        facilitators=[world.people["trainer"]],
    )


def reminded() -> list[str]:
    return sorted(m.recipient for m in calendar_mails("meeting_reminder"))


def test_the_reminder_goes_two_working_days_before(world, meeting):
    assert services.reminder_day(TUESDAY) == datetime.date(2027, 3, 12)
    assert services.reminders_send(now=local(2027, 3, 11, 10, 0)) == 0  # Thursday: too early
    assert services.reminders_send(now=local(2027, 3, 12, 10, 0)) == 3
    assert set(reminded()) == EVERYONE
    mail = calendar_mails("meeting_reminder")[0]
    assert mail.subject == f"Herinnering: {meeting.title} op dinsdag 16 maart"
    assert "Wanneer: dinsdag 16 maart 2027, 09:00–12:30" in mail.body
    assert "Waar: Stadskantoor, Markt 1, 1234 AB Testdorp" in mail.body
    assert "Toegankelijkheid: Drempelvrij" in mail.body
    assert not mail.attachments.exists()


def test_exactly_one_reminder_per_recipient_when_the_task_runs_twice(world, meeting):
    friday = local(2027, 3, 12, 10, 0)
    services.reminders_send(now=friday)
    assert services.reminders_send(now=friday) == 0
    assert services.reminders_send(now=friday + datetime.timedelta(hours=1)) == 0
    assert services.reminders_send(now=local(2027, 3, 15, 10, 0)) == 0  # Monday, still due
    assert reminded() == sorted(EVERYONE)
    assert Notice.objects.filter(meeting=meeting, kind=Notice.Kind.REMINDER).count() == 3


def test_none_for_a_cancelled_or_unplanned_meeting(world, meeting):
    other = plan(world, module_meeting(world, Stage.ROUND_2, 2), TUESDAY, part_of_day="afternoon")
    planning.meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    plan(world, other, None)
    assert services.reminders_send(now=local(2027, 3, 12, 10, 0)) == 0
    assert reminded() == []


def test_none_on_a_weekend_or_before_seven_in_the_morning(world, meeting):
    assert services.reminders_send(now=local(2027, 3, 13, 10, 0)) == 0  # Saturday
    assert services.reminders_send(now=local(2027, 3, 14, 10, 0)) == 0  # Sunday
    assert services.reminders_send(now=local(2027, 3, 12, 6, 59)) == 0
    assert reminded() == []


def test_none_on_a_holiday_and_caught_up_on_the_next_working_day(world):
    # Thursday 29 April 2027: two working days before is Monday 26 April, as Tuesday 27
    # April is King's Day. On King's Day itself nothing goes, not even a late reminder.
    meeting = plan(world, module_meeting(world, Stage.ROUND_2), datetime.date(2027, 4, 29))
    assert services.reminder_day(meeting.date) == datetime.date(2027, 4, 26)
    assert services.reminders_send(now=local(2027, 4, 27, 10, 0)) == 0
    assert services.reminders_send(now=local(2027, 4, 28, 10, 0)) == 2
    assert reminded() == ["adviseur@test.example", "deelnemer@test.example"]


def test_after_downtime_a_meeting_not_started_yet_still_gets_its_reminders(world, meeting):
    # The worker was down from Thursday until Tuesday morning: the meeting starts at 09:00.
    assert services.reminders_send(now=local(2027, 3, 16, 8, 15)) == 3
    assert services.reminders_send(now=local(2027, 3, 16, 8, 45)) == 0
    assert set(reminded()) == EVERYONE


def test_none_once_the_meeting_has_started(world, meeting):
    assert services.reminders_send(now=local(2027, 3, 16, 9, 0)) == 0
    assert reminded() == []


def test_a_moved_meeting_is_reminded_of_its_new_date(world, meeting):
    services.reminders_send(now=local(2027, 3, 12, 10, 0))
    plan(world, meeting, datetime.date(2027, 3, 23), location=meeting.location)
    assert services.reminders_send(now=local(2027, 3, 15, 10, 0)) == 0  # not due again yet
    assert services.reminders_send(now=local(2027, 3, 19, 10, 0)) == 3
    assert len(reminded()) == 6


def test_no_reminder_for_whoever_is_recorded_absent_already(world, meeting):
    Attendance.objects.filter(meeting=meeting, person=world.people["participant"]).update(
        status=Attendance.Status.ABSENT, absence_reason=Attendance.Reason.LEAVE
    )
    services.reminders_send(now=local(2027, 3, 12, 10, 0))
    assert "deelnemer@test.example" not in reminded()


def test_the_worker_runs_the_reminders_hourly_and_the_sweep_every_quarter():
    every = {name.rsplit(".", 1)[1]: job.every for name, job in PERIODIC.items()}
    assert every["calendar_reminders"] == datetime.timedelta(hours=1)
    assert every["calendar_invitations_sweep"] == datetime.timedelta(minutes=15)
