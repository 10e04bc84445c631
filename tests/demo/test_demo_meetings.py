"""The demo's meetings: Voorbeeld's attendance, round 2's places, trainers and guests, the
calendar subscription of every demo login and the trainer login's certificate."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binnenuit.attendance.selectors import round_progress
from binnenuit.calendars.models import Feed
from binnenuit.calendars.selectors import feed_url
from binnenuit.catalogue.models import Stage
from binnenuit.demo.builder import LOGINS, TWO_STEP_EMAIL, demo_build
from binnenuit.demo.meetings import demo_feed_token
from binnenuit.trajectories.models import Attendance, Meeting, Round, Trajectory

pytestmark = pytest.mark.django_db


def voorbeeld_round(demo, stage: Stage) -> Round:
    trajectory = Trajectory.objects.get(organisation=demo["voorbeeld"])
    return Round.objects.get(trajectory=trajectory, stage=stage)


def test_every_round_1_meeting_was_held_with_its_attendance_and_a_few_absences(demo):
    round_1 = voorbeeld_round(demo, Stage.ROUND_1)
    meetings = list(Meeting.objects.filter(round=round_1))
    assert len(meetings) == 4
    assert all(m.date is not None and m.date < timezone.localdate() for m in meetings)
    rows = Attendance.objects.filter(meeting__in=meetings)
    assert rows.count() == 4 * 12  # the twelve trainers at each module
    assert not rows.filter(status=Attendance.Status.EXPECTED).exists()
    assert rows.filter(status=Attendance.Status.ABSENT).count() == 3
    assert rows.filter(status=Attendance.Status.LATE).exists()
    assert all(
        r.absence_reason and r.recorded_by_id for r in rows.filter(status=Attendance.Status.ABSENT)
    )


def test_one_trainer_and_one_participant_are_at_risk(demo):
    progress_1, progress_2 = round_progress(
        [voorbeeld_round(demo, Stage.ROUND_1), voorbeeld_round(demo, Stage.ROUND_2)]
    )
    assert [p.person.full_name for p in progress_1.at_risk] == ["Nadja Verhoeven"]
    assert [p.person.full_name for p in progress_2.at_risk] == ["Marieke Peters"]
    assert progress_1.of(progress_1.at_risk[0].person.pk).progress.absent == 2
    assert len(progress_1.completed) == 11


def test_round_2_uses_varied_places_with_trainer_teams_advisers_and_guests(demo):
    round_2 = voorbeeld_round(demo, Stage.ROUND_2)
    meetings = list(
        Meeting.objects.filter(round=round_2).prefetch_related("facilitators", "advisers", "guests")
    )
    today = timezone.localdate()
    assert any(m.date < today for m in meetings) and any(m.date > today for m in meetings)
    assert len({m.location_id for m in meetings if m.location_id}) >= 3
    trainers = set(
        round_2.trajectory.rounds.get(stage=Stage.ROUND_1).enrolments.values_list(
            "person_id", flat=True
        )
    )
    for meeting in meetings:
        team = {p.pk for p in meeting.facilitators.all()}
        assert len(team) >= 2 and team <= trainers, meeting.title
        assert meeting.advisers.exists(), meeting.title
        assert meeting.guests.count() >= 2, meeting.title
        assert all(g.affiliation for g in meeting.guests.all())
    held = [m for m in meetings if m.date <= today]
    assert not Attendance.objects.filter(
        meeting__in=held, status=Attendance.Status.EXPECTED
    ).exists()


def test_every_demo_login_has_a_calendar_address_that_works(demo, client_as):
    for login in LOGINS:
        feed = Feed.objects.get(user__email=login.email)
        if login.email != TWO_STEP_EMAIL:  # that one asks for its second step first
            page = client_as(login.email).get(reverse("calendars:feed-detail"))
            assert feed_url(feed) in page.content.decode(), login.email
        # A calendar app fetches it without logging in.
        response = Client().get(reverse("calendars:feed-ics", kwargs={"token": feed.token}))
        assert response.status_code == 200, login.email
        calendar = icalendar.Calendar.from_ical(response.content)
        if login.email != TWO_STEP_EMAIL:  # who joined Voorbeeld after the planning
            assert calendar.walk("VEVENT"), login.email


def test_the_calendar_addresses_stay_the_same_after_a_rebuild(demo):
    before = dict(Feed.objects.values_list("user__email", "token"))
    demo_build()
    assert dict(Feed.objects.values_list("user__email", "token")) == before
    assert before["trainer@voorbeeld.example"] == demo_feed_token("trainer@voorbeeld.example")


def test_the_trainer_login_completed_round_1_and_downloads_the_certificate(demo, client_as):
    client = client_as("trainer@voorbeeld.example")
    page = client.get(
        reverse("attendance:my-attendance", kwargs={"org_slug": "voorbeeld"})
    ).content.decode()
    round_1 = voorbeeld_round(demo, Stage.ROUND_1)
    enrolment = round_1.enrolments.get(person__user__email="trainer@voorbeeld.example")
    certificate = reverse(
        "attendance:certificate", kwargs={"org_slug": "voorbeeld", "pk": enrolment.pk}
    )
    assert certificate in page
    response = client.get(certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
