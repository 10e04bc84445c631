"""My calendar (make, renew, stop the address) and a meeting's calendar entry to download."""

from __future__ import annotations

import datetime

import pytest
import vobject
from django.urls import reverse

from binnenuit.calendars.models import Feed
from binnenuit.catalogue.models import Stage
from binnenuit.trajectories.models import Meeting, MeetingKind
from tests.calendars.factories import SITE, UTC, feed_for, module_meeting, plan, town_hall
from tests.pages import fresh_token, messages_of, token
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

PAGE = "/account/agenda/"


def test_the_account_page_links_to_my_calendar(world, client_as):
    page = client_as(world.users["participant"]).get(reverse("accounts:account")).content.decode()
    assert f'href="{PAGE}"' in page
    assert "Mijn agenda" in page


def test_anonymous_visitors_log_in_first(client):
    for name in ("calendars:feed-detail", "calendars:feed-renew", "calendars:feed-revoke"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_making_the_address_shows_it_with_how_to_subscribe(world, client_as):
    client = client_as(world.users["participant"])
    page = client.get(PAGE).content.decode()
    assert "Je hebt nog geen agenda-adres." in page
    assert "Mijn agenda-adres maken" in page
    response = client.post(PAGE, {"submission_token": fresh_token(page)})
    assert response.status_code == 302
    assert messages_of(response) == ["Je agenda-adres is klaar. Kopieer het naar je agenda-app."]
    feed = Feed.objects.get(user=world.users["participant"])
    page = client.get(PAGE).content.decode()
    assert f'value="{SITE}/agenda/{feed.token}.ics"' in page
    assert f'href="webcal://binnenuit.example/agenda/{feed.token}.ics"' in page
    for app in ("Outlook", "Google Agenda", "Apple Agenda"):
        assert app in page
    assert "Laatst opgehaald door een agenda-app" in page


def test_sending_the_form_twice_makes_one_address(world, client_as):
    client = client_as(world.users["participant"])
    once = token()
    client.post(PAGE, {"submission_token": once})
    first = Feed.objects.get(user=world.users["participant"]).token
    client.post(PAGE, {"submission_token": once})
    client.post(PAGE, {"submission_token": token()})
    assert Feed.objects.get(user=world.users["participant"]).token == first


def test_a_new_address_stops_the_old_one(world, client_as, client):
    old = feed_for(world, "trainer").token
    trainer = client_as(world.users["trainer"])
    page = trainer.get(reverse("calendars:feed-renew")).content.decode()
    assert "Een nieuw agenda-adres maken?" in page
    response = trainer.post(
        reverse("calendars:feed-renew"), {"submission_token": fresh_token(page)}
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Je agenda heeft een nieuw adres. Zet dat in je agenda-app in plaats van het oude."
    ]
    new = Feed.objects.get(user=world.users["trainer"]).token
    assert new != old
    assert client.get(f"/agenda/{old}.ics").status_code == 404
    assert client.get(f"/agenda/{new}.ics").status_code == 200


def test_stopping_the_address(world, client_as, client):
    old = feed_for(world, "trainer").token
    trainer = client_as(world.users["trainer"])
    page = trainer.get(reverse("calendars:feed-revoke")).content.decode()
    assert "Je agenda-adres stoppen?" in page
    response = trainer.post(
        reverse("calendars:feed-revoke"), {"submission_token": fresh_token(page)}
    )
    assert messages_of(response) == ["Je agenda-adres werkt niet meer."]
    assert not Feed.objects.filter(user=world.users["trainer"]).exists()
    assert client.get(f"/agenda/{old}.ics").status_code == 404
    assert "Je hebt nog geen agenda-adres." in trainer.get(PAGE).content.decode()


def test_without_an_address_renewing_or_stopping_goes_back_to_the_page(world, client_as):
    client = client_as(world.users["manager"])
    for name in ("calendars:feed-renew", "calendars:feed-revoke"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == PAGE


def test_only_ones_own_address_changes(world, client_as):
    others = feed_for(world, "trainer").token
    client = client_as(world.users["participant"])
    client.post(reverse("calendars:feed-renew"), {"submission_token": token()})
    client.post(reverse("calendars:feed-revoke"), {"submission_token": token()})
    assert Feed.objects.get(user=world.users["trainer"]).token == others


def test_my_calendar_runs_a_fixed_number_of_queries(world, client_as):
    feed_for(world, "trainer")
    client = client_as(world.users["trainer"])
    counts = assert_constant_queries(lambda: client.get(PAGE), lambda: None)
    assert counts[0] <= 6


# --- A meeting's calendar entry ----------------------------------------------------------


def ics_url(world, meeting: Meeting, org=None) -> str:
    org = org or world.org
    return reverse("calendars:meeting-ics", kwargs={"org_slug": org.slug, "pk": meeting.pk})


@pytest.fixture
def meeting(world) -> Meeting:
    return plan(
        world,
        module_meeting(world, Stage.ROUND_1),
        datetime.date(2027, 3, 16),
        location=town_hall(world),
    )


def test_who_may_see_the_meeting_downloads_its_entry(world, client_as, meeting):
    response = client_as(world.users["trainer"]).get(ics_url(world, meeting))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="2027-03-16-je-x-factor-in-beeld.ics"'
    )
    calendar = vobject.readOne(response.content.decode())
    assert calendar.method.value == "PUBLISH"
    event = calendar.vevent
    assert event.uid.value == f"meeting-{meeting.pk}@binnenuit.example"
    assert event.dtstart.value.astimezone(UTC) == datetime.datetime(2027, 3, 16, 8, 0, tzinfo=UTC)
    assert event.location.value == "Stadskantoor, Markt 1, 1234 AB Testdorp"
    for role in ("adviser", "project_leader", "manager"):
        assert client_as(world.users[role]).get(ics_url(world, meeting)).status_code == 200


def test_who_may_not_see_it_gets_not_found(world, client_as, meeting):
    # The participant is in round 2, this is round 1; the outsider works elsewhere.
    assert client_as(world.users["participant"]).get(ics_url(world, meeting)).status_code == 404
    assert client_as(world.users["outsider"]).get(ics_url(world, meeting)).status_code == 404
    foreign = Meeting.objects.filter(trajectory=world.other_trajectory).first()
    foreign.date = datetime.date(2027, 3, 16)
    foreign.save()
    adviser = client_as(world.users["adviser"])
    assert adviser.get(ics_url(world, foreign)).status_code == 404


def test_a_preparation_meeting_is_for_staff_only(world, client_as):
    intake = Meeting.objects.filter(trajectory=world.trajectory, kind=MeetingKind.INTAKE).first()
    plan(world, intake, datetime.date(2027, 1, 12))
    assert client_as(world.users["manager"]).get(ics_url(world, intake)).status_code == 200
    assert client_as(world.users["trainer"]).get(ics_url(world, intake)).status_code == 404


def test_a_meeting_without_a_date_has_no_entry(world, client_as):
    unplanned = module_meeting(world, Stage.ROUND_1, 2)
    assert client_as(world.users["adviser"]).get(ics_url(world, unplanned)).status_code == 404


def test_a_cancelled_meeting_downloads_as_cancelled(world, client_as, meeting):
    from binnenuit.trajectories.services import meeting_cancel

    meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    response = client_as(world.users["trainer"]).get(ics_url(world, meeting))
    assert vobject.readOne(response.content.decode()).vevent.status.value == "CANCELLED"


def test_anonymous_downloaders_log_in_first(world, client, meeting):
    response = client.get(ics_url(world, meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
