"""The planning views of a trajectory: the timeline's details, the month calendar, the list of
what is still to plan, and how many different locations each round uses."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.catalogue.models import Stage
from binnenuit.trajectories import selectors, services
from binnenuit.trajectories.models import Meeting, MeetingKind, PartOfDay
from tests.factories import LocationFactory
from tests.planning.factories import another_trajectory, meeting_of, module, plan, text, url

pytestmark = pytest.mark.django_db

FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."


def timeline_stage(content: str, label: str) -> str:
    """What the trajectory page lists under one stage of its timeline."""
    timeline = content[
        content.index('id="timeline-heading"') : content.index('id="themes-heading"')
    ]
    stages = re.split(r'<h3 class="utrecht-heading-3">', timeline)[1:]
    return next(s for s in stages if s.startswith(label + " <span"))


def calendar_cells(content: str) -> dict[str, str]:
    """The month table's day cells by their date (yyyy-mm-dd)."""
    table = content[
        content.index('<table class="utrecht-table utrecht-table--html-table bu-calendar"') :
    ]
    table = table[: table.index("</table>")]
    cells = re.findall(r'<td class="[^"]*bu-calendar__day[^"]*"[^>]*>(.*?)</td>', table, re.S)
    found = {}
    for cell in cells:
        day = re.search(r'<time datetime="(\d{4}-\d\d-\d\d)">', cell)
        if day:
            found[day.group(1)] = cell
    return found


# --- The timeline --------------------------------------------------------------------------


def test_the_timeline_shows_times_location_facilitators_guests_and_cancellations(world, client_as):
    raadzaal = LocationFactory(organisation=world.org, name="Raadzaal")
    adviser, trainer = world.users["adviser"], world.people["trainer"]
    session = plan(world, meeting_of(world.trajectory), location=raadzaal, advisers=[adviser])
    services.guest_add(
        by=world.actor("adviser"), meeting=session, full_name="Els Kok", email="els@kok.example"
    )
    design = plan(world, module(world.trajectory, Stage.ROUND_1, 3), day=datetime.date(2027, 3, 9))
    first = plan(
        world,
        module(world.trajectory, Stage.ROUND_2, 1),
        day=datetime.date(2027, 4, 6),
        part=PartOfDay.EVENING,
        starts_at_time=datetime.time(19, 30),
        ends_at_time=datetime.time(21, 0),
        facilitators=[trainer],
        advisers=[adviser],
    )
    services.meeting_cancel(by=world.actor("adviser"), meeting=design)
    content = text(client_as(world.users["manager"]).get(world.trajectory.get_absolute_url()))
    preparation = timeline_stage(content, "Voorbereiding")
    assert "2 maart 2027, ochtend 09:00–12:30, Raadzaal" in preparation
    assert f"Adviseurs: {adviser.full_name} · 1 gast" in preparation
    round_1 = timeline_stage(content, "Ronde 1")
    assert '<span class="bu-cancelled">9 maart 2027, ochtend 09:00–12:30</span>' in round_1
    assert '<span class="bu-tag">geannuleerd</span>' in round_1
    round_2 = timeline_stage(content, "Ronde 2")
    assert "6 april 2027, avond 19:30–21:00" in round_2
    assert f"Begeleiders: {trainer.full_name} · Adviseurs: {adviser.full_name}" in round_2
    assert first.title in round_2
    # A manager only reads: no links to plan, to the list of what to plan, or to add meetings.
    assert url(world, "meeting-update", first.pk) not in content
    assert url(world, "trajectory-to-plan", world.trajectory.pk) not in content
    assert url(world, "trajectory-calendar", world.trajectory.pk) in content


def test_the_organisers_find_the_planning_views_on_the_trajectory_page(world, client_as):
    content = text(
        client_as(world.users["project_leader"]).get(world.trajectory.get_absolute_url())
    )
    assert url(world, "trajectory-calendar", world.trajectory.pk) in content
    assert url(world, "trajectory-to-plan", world.trajectory.pk) in content
    assert url(world, "meeting-add-optional", world.trajectory.pk) in content


def test_each_planned_meeting_links_to_its_attendance_and_its_calendar_entry(world, client_as):
    """On the timeline (staff) and the round's page (its people): the attendance list of every
    planned meeting, and the calendar entry of the ones to come."""
    coming = plan(world, module(world.trajectory, Stage.ROUND_2, 1))
    held = plan(
        world,
        meeting_of(world.trajectory, MeetingKind.INTAKE),
        day=timezone.localdate() - datetime.timedelta(days=7),
    )
    unplanned = module(world.trajectory, Stage.ROUND_2, 2)

    def attendance(meeting: Meeting) -> str:
        return reverse("attendance:meeting", kwargs={"org_slug": world.org.slug, "pk": meeting.pk})

    def entry(meeting: Meeting) -> str:
        return reverse(
            "calendars:meeting-ics", kwargs={"org_slug": world.org.slug, "pk": meeting.pk}
        )

    timeline = text(
        client_as(world.users["project_leader"]).get(world.trajectory.get_absolute_url())
    )
    assert attendance(coming) in timeline and attendance(held) in timeline
    assert attendance(unplanned) not in timeline
    assert entry(coming) in timeline
    assert entry(held) not in timeline and entry(unplanned) not in timeline

    round_page = text(
        client_as(world.users["participant"]).get(
            reverse(
                "trajectories:round-detail",
                kwargs={"org_slug": world.org.slug, "pk": world.round_2.pk},
            )
        )
    )
    assert entry(coming) in round_page and entry(unplanned) not in round_page
    assert attendance(coming) not in round_page  # a participant sees only their own record


# --- Locations per round -------------------------------------------------------------------


def test_each_round_shows_how_many_different_locations_it_uses(world, client_as):
    a, b, c = (LocationFactory(organisation=world.org, name=n) for n in ("Anker", "Brug", "Copier"))
    round_1 = [module(world.trajectory, Stage.ROUND_1, p) for p in (1, 2, 3, 4)]
    for week, (meeting, place) in enumerate(zip(round_1, (a, b, a, None), strict=True)):
        plan(
            world,
            meeting,
            day=datetime.date(2027, 3, 1) + datetime.timedelta(weeks=week),
            location=place,
        )
    cancelled = plan(
        world, module(world.trajectory, Stage.ROUND_2, 1), location=c, day=datetime.date(2027, 5, 3)
    )
    services.meeting_cancel(by=world.actor("adviser"), meeting=cancelled)
    client = client_as(world.users["project_leader"])
    content = text(client.get(world.trajectory.get_absolute_url()))
    assert "Deze ronde gebruikt 2 verschillende locaties." in timeline_stage(content, "Ronde 1")
    # A cancelled meeting's location does not count.
    assert "Deze ronde gebruikt 0 verschillende locaties." in timeline_stage(content, "Ronde 2")
    assert "locatie" not in timeline_stage(content, "Voorbereiding").split("<ul")[0]
    round_page = text(client.get(url(world, "round-detail", world.round_1.pk)))
    assert "Deze ronde gebruikt 2 verschillende locaties." in round_page
    plan(
        world,
        module(world.trajectory, Stage.ROUND_2, 2),
        location=c,
        day=datetime.date(2027, 5, 10),
    )
    round_page = text(client.get(url(world, "round-detail", world.round_2.pk)))
    assert "Deze ronde gebruikt 1 locatie." in round_page


def test_location_count_counts_each_location_once(world):
    a = LocationFactory(organisation=world.org)
    meetings = [Meeting(location=a), Meeting(location=a), Meeting(location=None)]
    assert selectors.location_count(meetings) == 1


# --- The month calendar --------------------------------------------------------------------


def test_the_calendar_shows_a_month_week_by_week_with_its_meetings(world, client_as):
    zaal = LocationFactory(organisation=world.org, name="Wijkcentrum De Brug")
    trajectory = world.trajectory
    plan(world, meeting_of(trajectory), day=datetime.date(2027, 3, 1), location=zaal)
    evening = plan(
        world,
        meeting_of(trajectory, MeetingKind.INTAKE),
        day=datetime.date(2027, 3, 31),
        part=PartOfDay.EVENING,
    )
    services.meeting_cancel(by=world.actor("adviser"), meeting=evening)
    plan(world, module(trajectory, Stage.ROUND_1, 1), day=datetime.date(2027, 4, 1))
    plan(world, module(trajectory, Stage.ROUND_1, 2), day=datetime.date(2027, 2, 28))
    client = client_as(world.users["project_leader"])
    content = text(client.get(url(world, "trajectory-calendar", trajectory.pk, maand="2027-03")))
    assert '<h2 class="utrecht-heading-2" id="month-heading">maart 2027</h2>' in content
    header = re.findall(r'<th class="utrecht-table__header-cell" scope="col">(\w+)</th>', content)
    assert header == [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ]
    assert re.findall(r'scope="row">week (\d+)</th>', content) == ["9", "10", "11", "12", "13"]
    cells = calendar_cells(content)
    # March 2027 starts on a Monday and ends on a Wednesday: 31 days, the rest of the last
    # week empty; the meetings of 28 February and 1 April are in their own months.
    assert sorted(cells) == [f"2027-03-{d:02d}" for d in range(1, 32)]
    assert "Themasessie voor het management" in cells["2027-03-01"]
    assert '<time datetime="2027-03-01T09:00">09:00</time>–12:30' in cells["2027-03-01"]
    assert "(Wijkcentrum De Brug)" in cells["2027-03-01"]
    assert url(world, "meeting-update", meeting_of(trajectory).pk) in cells["2027-03-01"]
    assert "Intakebijeenkomst 1" in cells["2027-03-31"]
    assert "geannuleerd" in cells["2027-03-31"]
    assert "Je X-factor in beeld" not in content
    assert "Kracht en hiaten matchen" not in content
    # The same month as a list for small screens, and the links to the months around it.
    listed = content[content.index('<ol class="bu-calendar-list"') :]
    assert listed.index("maandag 1 maart") < listed.index("woensdag 31 maart")
    assert 'rel="prev" href="?maand=2027-02"' in content
    assert 'rel="next" href="?maand=2027-04"' in content
    april = text(client.get(url(world, "trajectory-calendar", trajectory.pk, maand="2027-04")))
    assert "Je X-factor in beeld" in calendar_cells(april)["2027-04-01"]
    assert re.findall(r'scope="row">week (\d+)</th>', april) == ["13", "14", "15", "16", "17"]
    assert "Geen bijeenkomsten" not in april


def test_across_the_new_year_the_month_links_change_the_year(world, client_as):
    client = client_as(world.users["manager"])
    content = text(
        client.get(url(world, "trajectory-calendar", world.trajectory.pk, maand="2027-12"))
    )
    assert 'rel="prev" href="?maand=2027-11"' in content
    assert 'rel="next" href="?maand=2028-01"' in content
    content = text(
        client.get(url(world, "trajectory-calendar", world.trajectory.pk, maand="2028-01"))
    )
    assert 'rel="prev" href="?maand=2027-12"' in content
    assert re.findall(r'scope="row">week (\d+)</th>', content)[0] == "52"  # 27 Dec 2027


def test_an_empty_month_says_so_and_points_to_the_months_with_meetings(world, client_as):
    plan(world, meeting_of(world.trajectory), day=datetime.date(2027, 3, 1))
    plan(world, module(world.trajectory, Stage.ROUND_1, 1), day=datetime.date(2027, 5, 3))
    client = client_as(world.users["manager"])
    content = text(
        client.get(url(world, "trajectory-calendar", world.trajectory.pk, maand="2027-04"))
    )
    assert "Geen bijeenkomsten in april 2027." in content
    assert '<a class="utrecht-link" href="?maand=2027-03">maart 2027</a>' in content
    assert '<a class="utrecht-link" href="?maand=2027-05">mei 2027</a>' in content
    assert '<ol class="bu-calendar-list"' not in content
    # The meetings without a date are counted; the manager gets no link to plan them.
    assert "10 bijeenkomsten van dit traject hebben nog geen datum." in content
    assert url(world, "trajectory-to-plan", world.trajectory.pk) not in content
    assert url(world, "meeting-update", meeting_of(world.trajectory).pk) not in content


def test_without_a_month_the_calendar_shows_this_month_with_today_marked(world, client_as):
    today = timezone.localdate()
    plan(world, meeting_of(world.trajectory), day=today)
    client = client_as(world.users["adviser"])
    for query in ({}, {"maand": "geen-maand"}, {"maand": "1999-12"}, {"maand": "2027-13"}):
        content = text(client.get(url(world, "trajectory-calendar", world.trajectory.pk, **query)))
        today_cell = calendar_cells(content)[today.isoformat()]
        assert '<span class="bu-tag">vandaag</span>' in today_cell
        assert 'aria-current="date"' in content
        assert "Themasessie voor het management" in today_cell
        assert "Deze maand" not in content  # this month is shown: no link to it
    other = text(
        client.get(url(world, "trajectory-calendar", world.trajectory.pk, maand="2030-01"))
    )
    assert "vandaag" not in other
    assert f'href="?maand={today:%Y-%m}">Deze maand</a>' in other


def test_the_calendar_is_for_staff_of_the_organisation(world, client_as):
    calendar = url(world, "trajectory-calendar", world.trajectory.pk)
    for role in ("trainer", "participant"):
        response = client_as(world.users[role]).get(calendar)
        assert response.status_code == 403, role
        assert FORBIDDEN in text(response)
    response = client_as(world.users["project_leader"]).get(
        url(world, "trajectory-calendar", world.other_trajectory.pk)
    )
    assert response.status_code == 404
    assert NOT_FOUND in text(response)


# --- What is still to plan -----------------------------------------------------------------


def test_the_to_plan_list_names_what_each_coming_meeting_lacks(world, client_as):
    trajectory = world.trajectory
    zaal = LocationFactory(organisation=world.org, name="Zaal 1")
    adviser, trainer = world.users["adviser"], world.people["trainer"]
    done = plan(world, meeting_of(trajectory), location=zaal, advisers=[adviser])
    no_place = plan(
        world,
        meeting_of(trajectory, MeetingKind.INTAKE),
        day=datetime.date(2027, 3, 3),
        advisers=[adviser],
    )
    no_adviser = plan(
        world, module(trajectory, Stage.ROUND_1, 1), location=zaal, day=datetime.date(2027, 3, 10)
    )
    design = plan(
        world,
        module(trajectory, Stage.ROUND_1, 3),
        location=zaal,
        advisers=[adviser],
        day=datetime.date(2027, 3, 24),
    )
    # Round 2 needs trainers: advisers alone do not do.
    coached = plan(
        world,
        module(trajectory, Stage.ROUND_2, 1),
        location=zaal,
        advisers=[adviser],
        day=datetime.date(2027, 4, 7),
    )
    led = plan(
        world,
        module(trajectory, Stage.ROUND_2, 2),
        location=zaal,
        facilitators=[trainer],
        day=datetime.date(2027, 4, 14),
    )
    held = module(trajectory, Stage.ROUND_1, 4)
    Meeting.objects.filter(pk=held.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=3)
    )
    cancelled = module(trajectory, Stage.ROUND_2, 3)
    plan(world, cancelled, day=datetime.date(2027, 4, 21))
    services.meeting_cancel(by=world.actor("adviser"), meeting=cancelled)

    client = client_as(world.users["project_leader"])
    content = text(client.get(url(world, "trajectory-to-plan", trajectory.pk)))
    rows = dict(
        re.findall(
            r'scope="row">([^<]+)</th>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>.*?</td>\s*'
            r'<td class="utrecht-table__cell">([^<]*)</td>',
            content,
            re.S,
        )
    )
    assert rows.pop(no_place.title) == "nog geen locatie"
    assert rows.pop(no_adviser.title) == "nog geen adviseur"
    assert rows.pop(coached.title) == "nog geen trainers"
    assert rows.pop("Intakebijeenkomst 2") == "nog geen datum, nog geen locatie, nog geen adviseur"
    for title in (done.title, design.title, led.title, held.title, cancelled.title):
        assert title not in rows
    assert rows.pop("Kracht en hiaten matchen") == (
        "nog geen datum, nog geen locatie, nog geen adviseur"
    )
    # The rest of round 2 has nothing yet: no date, no location, no trainers.
    assert rows == dict.fromkeys(
        ("Themamodule 4", "Themamodule 5"), "nog geen datum, nog geen locatie, nog geen trainers"
    )
    assert "7 bijeenkomsten nog te plannen" in content
    assert url(world, "meeting-update", no_place.pk) in content


def test_when_everything_is_planned_the_list_says_so(world, client_as):
    trajectory = another_trajectory(world)
    Meeting.objects.filter(trajectory=trajectory).update(cancelled_at=timezone.now())
    content = text(
        client_as(world.users["adviser"]).get(url(world, "trajectory-to-plan", trajectory.pk))
    )
    assert (
        "Alles is gepland: elke komende bijeenkomst heeft een datum, een locatie en begeleiders."
    ) in content


def test_the_to_plan_list_is_for_the_organisers(world, client_as):
    to_plan = url(world, "trajectory-to-plan", world.trajectory.pk)
    for role in ("manager", "trainer", "participant"):
        response = client_as(world.users[role]).get(to_plan)
        assert response.status_code == 403, role
        assert FORBIDDEN in text(response)
    response = client_as(world.users["adviser"]).get(
        url(world, "trajectory-to-plan", world.other_trajectory.pk)
    )
    assert response.status_code == 404
