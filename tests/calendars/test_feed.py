"""The personal calendar subscription: what it holds, read back by vobject; its times across
the daylight-saving change; a revoked token; the rate limit; a flat number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
import vobject
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binnenuit.calendars import services, views
from binnenuit.calendars.models import Feed
from binnenuit.calendars.selectors import feed_url
from binnenuit.catalogue.models import Stage
from binnenuit.organisations.models import Membership, Role
from binnenuit.trajectories import services as planning
from binnenuit.trajectories.models import Attendance, Meeting, MeetingKind, PartOfDay
from tests.calendars.factories import (
    SITE,
    UTC,
    feed_for,
    module_meeting,
    plan,
    town_hall,
)
from tests.factories import LocationFactory, MembershipFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def page(response) -> str:
    """A page without what differs on every request (nonce, CSRF token) or address."""
    text = response.content.decode()
    text = re.sub(r'nonce="[^"]*"', "", text)
    text = re.sub(r"[A-Za-z0-9]{64}", "", text)  # the CSRF token
    return re.sub(r'name="next" value="[^"]*"', "", text)


def fetch(feed: Feed, client: Client | None = None):
    return (client or Client()).get(reverse("calendars:feed-ics", kwargs={"token": feed.token}))


def events(response) -> dict[str, object]:
    """The feed's events by SUMMARY, parsed by vobject."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = vobject.readOne(response.content.decode())
    assert not hasattr(calendar, "method")  # a subscription, not an invitation
    return {e.summary.value: e for e in getattr(calendar, "vevent_list", [])}


def test_the_address_is_https_on_the_site_with_a_long_secret(world):
    feed = feed_for(world, "trainer")
    assert feed_url(feed) == f"{SITE}/agenda/{feed.token}.ics"
    assert len(feed.token) == 43
    assert feed_for(world, "trainer").token == feed.token  # the one there is


def test_the_feed_holds_the_meetings_one_attends_facilitates_or_advises(world):
    round_1 = plan(world, module_meeting(world, Stage.ROUND_1), datetime.date(2027, 2, 2))
    round_2 = plan(
        world,
        module_meeting(world, Stage.ROUND_2),
        datetime.date(2027, 5, 4),
        location=town_hall(world),
        facilitators=[world.people["trainer"]],
    )
    unplanned = module_meeting(world, Stage.ROUND_1, 2)
    trainer = events(fetch(feed_for(world, "trainer")))
    assert set(trainer) == {
        f"{round_1.title} (Gemeente Testdorp)",
        f"{round_2.title} (Gemeente Testdorp)",
    }
    attended = trainer[f"{round_1.title} (Gemeente Testdorp)"]
    assert attended.uid.value == f"meeting-{round_1.pk}@binnenuit.example"
    assert "Je doet mee als: deelnemer" in attended.description.value
    facilitated = trainer[f"{round_2.title} (Gemeente Testdorp)"]
    assert "Je doet mee als: begeleider" in facilitated.description.value
    assert facilitated.location.value == "Stadskantoor, Markt 1, 1234 AB Testdorp"
    assert "Route: Bus 5" in facilitated.description.value
    assert not hasattr(facilitated, "attendee")  # nobody else's name in one's calendar
    response = fetch(feed_for(world, "participant"))
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content  # fetch it hourly
    assert b"X-WR-CALNAME:Binnenuit-bijeenkomsten" in response.content
    participant = events(response)
    assert set(participant) == {f"{round_2.title} (Gemeente Testdorp)"}
    adviser = events(fetch(feed_for(world, "adviser")))
    assert len(adviser) == 2
    assert unplanned.title not in " ".join(adviser)
    assert events(fetch(feed_for(world, "manager"))) == {}


def test_an_advisers_feed_spans_every_organisation_they_advise(world):
    plan(world, module_meeting(world, Stage.ROUND_1), datetime.date(2027, 2, 2))
    adviser = world.users["adviser"]
    MembershipFactory(organisation=world.other_org, user=adviser, role=Role.ADVISER)
    elsewhere = Meeting.objects.get(
        trajectory=world.other_trajectory,
        kind=MeetingKind.MODULE,
        module__position=1,
        round__stage=Stage.ROUND_1,
    )
    planning.meeting_plan(
        by=world.actor("outsider"),
        meeting=elsewhere,
        date=datetime.date(2027, 2, 9),
        part_of_day=PartOfDay.AFTERNOON,
    )
    found = events(fetch(feed_for(world, "adviser")))
    assert f"{elsewhere.title} (Gemeente Elders)" in found
    # Their login at Elders deactivated: Elders' meetings leave the feed.
    Membership.objects.filter(user=adviser, organisation=world.other_org).update(
        deactivated_at=timezone.now()
    )
    assert f"{elsewhere.title} (Gemeente Elders)" not in events(fetch(feed_for(world, "adviser")))


def test_a_cancelled_meeting_stays_marked_cancelled_for_thirty_days(world):
    meeting = plan(world, module_meeting(world, Stage.ROUND_1), datetime.date(2027, 2, 2))
    planning.meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    feed = feed_for(world, "trainer")
    [event] = events(fetch(feed)).values()
    assert event.status.value == "CANCELLED"
    assert event.summary.value.startswith("Afgelast: ")
    assert event.sequence.value == "1"
    Meeting.objects.filter(pk=meeting.pk).update(
        cancelled_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert events(fetch(feed)) == {}


def test_times_are_right_across_the_daylight_saving_change(world):
    """Summer time (UTC+2) until Sunday 25 October 2026 03:00, then winter time (UTC+1)."""
    saturday = plan(
        world,
        module_meeting(world, Stage.ROUND_1, 1),
        datetime.date(2026, 10, 24),
        part_of_day=PartOfDay.EVENING,
    )
    monday = plan(world, module_meeting(world, Stage.ROUND_1, 2), datetime.date(2026, 10, 26))
    night = plan(  # its own times span the change: 01:00–04:00 on the clock, four real hours
        world,
        module_meeting(world, Stage.ROUND_1, 3),
        datetime.date(2026, 10, 25),
        part_of_day=PartOfDay.EVENING,
        starts_at_time=datetime.time(1, 0),
        ends_at_time=datetime.time(4, 0),
    )
    response = fetch(feed_for(world, "adviser"))
    found = {e.uid.value: e for e in events(response).values()}

    def times(meeting):
        event = found[f"meeting-{meeting.pk}@binnenuit.example"]
        return event.dtstart.value.astimezone(UTC), event.dtend.value.astimezone(UTC)

    assert times(saturday) == (
        datetime.datetime(2026, 10, 24, 17, 0, tzinfo=UTC),
        datetime.datetime(2026, 10, 24, 19, 30, tzinfo=UTC),
    )
    assert times(monday) == (
        datetime.datetime(2026, 10, 26, 8, 0, tzinfo=UTC),
        datetime.datetime(2026, 10, 26, 11, 30, tzinfo=UTC),
    )
    start, end = times(night)
    assert start == datetime.datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    assert end - start == datetime.timedelta(hours=4)
    text = response.content.decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20261026T090000" in text
    calendar = vobject.readOne(text)
    assert calendar.vtimezone.tzid.value == "Europe/Amsterdam"


def test_an_unknown_renewed_or_revoked_token_is_the_ordinary_not_found(world, client):
    feed = feed_for(world, "trainer")
    old = feed.token
    nowhere = client.get("/bestaat-niet/")
    assert nowhere.status_code == 404

    def gone(token: str) -> None:
        response = client.get(reverse("calendars:feed-ics", kwargs={"token": token}))
        assert response.status_code == 404
        assert page(response) == page(nowhere)  # tells nothing
        assert "Pagina niet gevonden" in response.content.decode()

    gone("x" * 43)
    gone("kort")
    services.feed_renew(by=world.outside("trainer"))
    gone(old)
    assert fetch(Feed.objects.get(user=world.users["trainer"]), client).status_code == 200
    services.feed_revoke(by=world.outside("trainer"))
    assert not Feed.objects.filter(user=world.users["trainer"]).exists()


def test_a_deactivated_login_has_no_feed(world):
    feed = feed_for(world, "trainer")
    world.users["trainer"].is_active = False
    world.users["trainer"].save()
    assert fetch(feed).status_code == 404


def test_each_address_is_rate_limited(world, monkeypatch):
    monkeypatch.setattr(views, "FEED_LIMIT", 3)
    feed = feed_for(world, "trainer")
    town = Client(REMOTE_ADDR="192.0.2.10")
    assert [fetch(feed, town).status_code for _ in range(3)] == [200, 200, 200]
    refused = fetch(feed, town)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Te veel verzoeken vanaf dit adres" in refused.content.decode()
    # Wrong tokens count too: guessing gets no further.
    assert Client(REMOTE_ADDR="192.0.2.10").get("/agenda/" + "y" * 43 + ".ics").status_code == 429
    assert fetch(feed, Client(REMOTE_ADDR="192.0.2.11")).status_code == 200


def test_a_fetch_is_noted_at_most_hourly(world):
    feed = feed_for(world, "trainer")
    fetch(feed)
    feed.refresh_from_db()
    first = feed.fetched_at
    assert first is not None
    fetch(feed)
    feed.refresh_from_db()
    assert feed.fetched_at == first


def test_the_feed_runs_the_same_queries_with_5_and_500_meetings(world):
    adviser, trainer = world.users["adviser"], world.people["trainer"]
    feed = feed_for(world, "adviser")
    trainer_feed = services.feed_start(by=world.outside("trainer"))
    locations = [LocationFactory(organisation=world.org) for _ in range(3)]

    made = Meeting.objects.count()

    def add(count: int) -> None:
        nonlocal made
        first = datetime.date(2027, 1, 4) + datetime.timedelta(days=made)
        made += count
        meetings = Meeting.objects.bulk_create(
            Meeting(
                organisation=world.org,
                trajectory=world.trajectory,
                kind=MeetingKind.INTAKE,
                title=f"Intake {made - count + n}",
                date=first + datetime.timedelta(days=n),
                part_of_day=PartOfDay.MORNING,
                location=locations[n % 3],
                sequence=100 + n,
            )
            for n in range(count)
        )
        Meeting.advisers.through.objects.bulk_create(
            Meeting.advisers.through(meeting_id=m.pk, user_id=adviser.pk) for m in meetings
        )
        Attendance.objects.bulk_create(
            Attendance(organisation=world.org, meeting=m, person=trainer) for m in meetings
        )
        Meeting.facilitators.through.objects.bulk_create(
            Meeting.facilitators.through(meeting_id=m.pk, person_id=trainer.pk)
            for m in meetings[::2]
        )

    add(5)
    counts = {}
    for name, each in (("adviser", feed), ("trainer", trainer_feed)):
        counts[name] = assert_constant_queries(lambda f=each: fetch(f), lambda: None)
    counts["adviser"] = assert_constant_queries(lambda: fetch(feed), lambda: add(495))
    counts["trainer"] = assert_constant_queries(lambda: fetch(trainer_feed), lambda: None)
    assert len(events(fetch(feed))) == 500
    assert counts == {"adviser": (5, 5), "trainer": (5, 5)}
