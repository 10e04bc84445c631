"""The planning page: what it shows, the conflicts while planning (the check endpoint, with
htmx and without), every conflict kind refused on save and accepted with a reason (kept in the
audit trail), and the bad input refused beside its field with nothing saved."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from binnenuit.catalogue.models import Stage
from binnenuit.organisations.models import Membership, Role
from binnenuit.trajectories import services
from binnenuit.trajectories.models import (
    Enrolment,
    Meeting,
    MeetingKind,
    PartOfDay,
    Trajectory,
)
from tests.factories import LocationFactory, PersonFactory
from tests.pages import field_error, messages_of
from tests.planning.factories import (
    DAY,
    another_trajectory,
    form_data,
    meeting_of,
    module,
    plan,
    text,
    url,
)

pytestmark = pytest.mark.django_db

FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."
ONE_CONFLICT = (
    "Deze planning heeft een conflict. Pas haar aan, of geef een reden om toch zo te plannen."
)
UNKNOWN_LOCATION = "Kies een van de locaties van deze organisatie."
NOT_SAVED = "Niet opgeslagen"


def snapshot(meeting: Meeting) -> tuple[object, ...]:
    meeting.refresh_from_db()
    return (
        meeting.date,
        meeting.part_of_day,
        meeting.starts_at_time,
        meeting.ends_at_time,
        meeting.location_id,
        meeting.override_reason,
        meeting.revision,
        sorted(meeting.advisers.values_list("pk", flat=True)),
        sorted(meeting.facilitators.values_list("pk", flat=True)),
    )


def override_entries(meeting: Meeting) -> list[LogEntry]:
    return [
        e
        for e in LogEntry.objects.get_for_object(meeting).order_by("pk")
        if "override_reason" in (e.changes_dict or {})
    ]


# --- What the page shows ------------------------------------------------------------------


def test_the_planning_page_shows_the_meeting_its_defaults_and_the_form(world, client_as):
    trajectory = world.trajectory
    meeting = module(trajectory, Stage.ROUND_2, 1)
    raadzaal = LocationFactory(organisation=world.org, name="Raadzaal", capacity=40)
    kantine = LocationFactory(organisation=world.org, name="Kantine", capacity=None)
    LocationFactory(organisation=world.other_org, name="Zaal van Elders")
    services.guest_add(
        by=world.actor("adviser"), meeting=meeting, full_name="Gerrit Bos", email="g@bos.example"
    )
    content = text(
        client_as(world.users["project_leader"]).get(url(world, "meeting-update", meeting.pk))
    )
    assert "“Overheidsparticipatie als werkwijze” plannen" in content
    assert "Modulebijeenkomst · Ronde 2 (Collega&#x27;s)" in content
    assert (
        "Een team van trainers begeleidt en de adviseurs coachen hen; de deelnemers van ronde 2 "
        "nemen deel."
    ) in content
    # Round 2's participant is expected; the guest comes on top.
    assert "<dd>1 persoon, en 1 gast</dd>" in content
    assert "Ochtend 09:00–12:30 · Middag 13:30–17:00 · Avond 19:00–21:30" in content
    assert '<option value="morning" selected>Ochtend (09:00–12:30)</option>' in content
    assert f'<option value="{raadzaal.pk}">Raadzaal (40 personen)</option>' in content
    assert f'<option value="{kantine.pk}">Kantine</option>' in content
    assert "Zaal van Elders" not in content
    # The facilitators to choose from: round 1's trainer; the advisers: the organisation's.
    trainer, adviser = world.people["trainer"], world.users["adviser"]
    assert f'name="facilitators" value="{trainer.pk}"' in content
    assert f'name="advisers" value="{adviser.pk}"' in content
    assert "Reden om het toch zo te plannen" in content
    assert "Controleer op conflicten" in content
    assert "Gerrit Bos" in content


def test_the_planning_page_is_for_the_organisers_only(world, client_as):
    meeting = meeting_of(world.trajectory)
    for role in ("manager", "trainer", "participant"):
        response = client_as(world.users[role]).get(url(world, "meeting-update", meeting.pk))
        assert response.status_code == 403, role
        assert FORBIDDEN in text(response)
    foreign = meeting_of(world.other_trajectory)
    response = client_as(world.users["project_leader"]).get(
        url(world, "meeting-update", foreign.pk)
    )
    assert response.status_code == 404
    assert NOT_FOUND in text(response)


def test_a_cancelled_meeting_says_so_on_its_planning_page(world, client_as):
    meeting = plan(world, meeting_of(world.trajectory))
    services.meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    content = text(client_as(world.users["adviser"]).get(url(world, "meeting-update", meeting.pk)))
    assert "Deze bijeenkomst is op " in content and " geannuleerd." in content
    assert '<span class="bu-tag">geannuleerd</span>' in content
    assert url(world, "meeting-cancel", meeting.pk) not in content


# --- Conflicts while planning: the check --------------------------------------------------


def test_the_check_lists_the_conflicts_as_an_htmx_fragment_and_saves_nothing(world, client_as):
    first, second = (
        module(world.trajectory, Stage.ROUND_1, 1),
        meeting_of(another_trajectory(world)),
    )
    zaal = LocationFactory(organisation=world.org, name="Zaal 1")
    plan(world, first, location=zaal)
    before = snapshot(second)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-check", second.pk),
        form_data(location=zaal, reason=""),
        headers={"HX-Request": "true"},
    )
    content = text(response)
    assert response.status_code == 200
    assert "<html" not in content
    assert "Deze planning heeft 1 conflict:" in content
    assert "De locatie is op dat moment ook geboekt voor Je X-factor in beeld." in content
    assert snapshot(second) == before


def test_the_check_without_javascript_shows_the_whole_page_with_the_conflicts(world, client_as):
    first, second = (
        module(world.trajectory, Stage.ROUND_1, 1),
        meeting_of(another_trajectory(world)),
    )
    zaal = LocationFactory(organisation=world.org, name="Zaal 1")
    plan(world, first, location=zaal)
    before = snapshot(second)
    response = client_as(world.users["adviser"]).post(
        url(world, "meeting-check", second.pk), form_data(location=zaal)
    )
    content = text(response)
    assert response.status_code == 200
    assert content.startswith("<!DOCTYPE html>")
    assert "De locatie is op dat moment ook geboekt voor Je X-factor in beeld." in content
    assert NOT_SAVED not in content  # a check is not a refused save
    assert f'<option value="{zaal.pk}" selected>' in content  # the form keeps what was chosen
    assert snapshot(second) == before


def test_the_check_says_when_there_is_no_conflict_and_when_there_is_no_date(world, client_as):
    client = client_as(world.users["adviser"])
    meeting = meeting_of(world.trajectory)
    check = url(world, "meeting-check", meeting.pk)
    hx = {"HX-Request": "true"}
    content = text(client.post(check, form_data(), headers=hx))
    assert "Geen conflicten: niemand en geen locatie is dubbel geboekt" in content
    content = text(client.post(check, form_data(day=""), headers=hx))
    assert "Kies een datum om op conflicten te controleren." in content


def test_the_check_names_a_value_refused_on_its_own(world, client_as):
    meeting = meeting_of(world.trajectory)
    response = client_as(world.users["adviser"]).post(
        url(world, "meeting-check", meeting.pk),
        form_data(starts="14:00", ends="13:00"),
        headers={"HX-Request": "true"},
    )
    content = text(response)
    assert "Verbeter eerst dit:" in content
    assert "Het einde moet later zijn dan het begin." in content


def test_the_page_asks_for_the_check_when_a_planning_field_changes(world, client_as):
    meeting = meeting_of(world.trajectory)
    content = text(client_as(world.users["adviser"]).get(url(world, "meeting-update", meeting.pk)))
    check = url(world, "meeting-check", meeting.pk)
    assert f'data-hx-post="{check}"' in content
    for field in ("date", "part_of_day", "starts_at_time", "ends_at_time", "location"):
        assert f"change from:#id_{field}" in content
    assert "change from:#id_facilitators" in content
    assert f'formaction="{check}"' in content  # the button for a browser without JavaScript


def test_the_check_is_for_the_organisers_only(world, client_as):
    meeting = meeting_of(world.trajectory)
    response = client_as(world.users["manager"]).post(
        url(world, "meeting-check", meeting.pk), form_data()
    )
    assert response.status_code == 403
    assert (
        client_as(world.users["adviser"]).get(url(world, "meeting-check", meeting.pk)).status_code
        == 405
    )


# --- Every conflict kind on save: refused, accepted with a reason, in the audit trail ------


def person_twice(world):
    """Round 1's trainer attends module 1; intake 1 (round 1's people too) at the same time."""
    plan(world, module(world.trajectory, Stage.ROUND_1, 1))
    trainer = world.people["trainer"].full_name
    return (
        meeting_of(world.trajectory, MeetingKind.INTAKE),
        form_data(),
        f"{trainer} is op dat moment ook ingepland voor Je X-factor in beeld.",
    )


def location_twice(world):
    zaal = LocationFactory(organisation=world.org, name="Zaal 1")
    plan(world, meeting_of(world.trajectory), location=zaal)
    return (
        meeting_of(another_trajectory(world)),
        form_data(location=zaal),
        "De locatie is op dat moment ook geboekt voor Themasessie voor het management.",
    )


def over_capacity(world):
    small = LocationFactory(organisation=world.org, name="Spreekkamer", capacity=2)
    for name in ("Ben Jansen", "Joost van Wijk"):
        services.enrolment_add(
            by=world.actor("adviser"), round_=world.round_1, person=world.person(full_name=name)
        )
    return (
        module(world.trajectory, Stage.ROUND_1, 1),  # three people of round 1
        form_data(location=small),
        "Op de locatie passen 2 mensen: 1 persoon te veel.",
    )


def before_design(world):
    return (
        module(world.trajectory, Stage.ROUND_2, 1),
        form_data(),
        "Ronde 2 begint voordat module 3 van ronde 1, waarin de trainers ronde 2 ontwerpen, "
        "is gehouden.",
    )


def out_of_order(world):
    plan(world, module(world.trajectory, Stage.ROUND_1, 2))
    return (
        module(world.trajectory, Stage.ROUND_1, 1),
        form_data(day=DAY + datetime.timedelta(days=7)),
        "Dit wijkt af van de volgorde van het programma: “Kracht en hiaten matchen” komt erna "
        "in het programma.",
    )


CONFLICTS = {
    "person twice": person_twice,
    "location twice": location_twice,
    "over capacity": over_capacity,
    "before round 2 is designed": before_design,
    "out of the programme's order": out_of_order,
}


@pytest.mark.parametrize("kind", CONFLICTS)
def test_a_conflict_is_refused_beside_the_reason_and_nothing_is_saved(world, client_as, kind):
    meeting, data, message = CONFLICTS[kind](world)
    before = snapshot(meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), data
    )
    content = text(response)
    assert response.status_code == 200
    assert field_error(content, "override_reason") == message
    assert ONE_CONFLICT in content
    assert snapshot(meeting) == before
    assert override_entries(meeting) == []


@pytest.mark.parametrize("kind", CONFLICTS)
def test_a_conflict_is_planned_anyway_with_a_reason_kept_in_the_audit_trail(world, client_as, kind):
    meeting, data, _message = CONFLICTS[kind](world)
    reason = "Bewust zo gekozen: er is geen andere zaal vrij."
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), {**data, "override_reason": reason}
    )
    assert response.status_code == 302
    assert response["Location"] == meeting.trajectory.get_absolute_url()
    assert messages_of(response) == ["De bijeenkomst is opgeslagen."]
    meeting.refresh_from_db()
    assert meeting.date == datetime.date.fromisoformat(data["date"])
    assert meeting.override_reason == reason
    (entry,) = override_entries(meeting)
    assert entry.changes_dict["override_reason"] == ["", reason]
    assert entry.actor == world.users["project_leader"]
    # The organisation's audit trail shows it.
    trail = client_as(world.users["project_leader"]).get(
        reverse("audit:entry-list", args=[world.org.slug])
    )
    assert reason in text(trail)


def test_a_reason_is_not_kept_when_there_is_no_conflict(world, client_as):
    meeting = meeting_of(world.trajectory)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), form_data(reason="Voor de zekerheid.")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.override_reason) == (DAY, "")


def test_meetings_that_touch_do_not_conflict(world, client_as):
    """One ends at 12:30 where the next begins at 12:30: the same room, the same adviser."""
    zaal = LocationFactory(organisation=world.org, name="Zaal 1")
    adviser = world.users["adviser"]
    plan(world, meeting_of(world.trajectory), location=zaal, advisers=[adviser])
    touching = meeting_of(another_trajectory(world))
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", touching.pk),
        form_data(location=zaal, advisers=[adviser], starts="12:30", ends="15:00"),
    )
    assert response.status_code == 302
    touching.refresh_from_db()
    assert (touching.date, touching.times, touching.override_reason) == (
        DAY,
        (datetime.time(12, 30), datetime.time(15, 0)),
        "",
    )
    # One minute earlier they overlap: the room and the adviser are booked twice.
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", touching.pk),
        form_data(location=zaal, advisers=[adviser], starts="12:29", ends="15:00"),
    )
    assert response.status_code == 200
    error = field_error(text(response), "override_reason")
    assert "De locatie is op dat moment ook geboekt voor Themasessie voor het management." in error
    assert f"{adviser.full_name} is op dat moment ook ingepland voor Themasessie" in error


def test_a_conflict_with_an_advisers_meeting_elsewhere_does_not_name_it(world, client_as):
    adviser = world.users["adviser"]
    Membership.objects.create(organisation=world.other_org, user=adviser, role=Role.ADVISER)
    elsewhere = meeting_of(world.other_trajectory)
    Meeting.objects.filter(pk=elsewhere.pk).update(title="Vertrouwelijk overleg Elders")
    services.meeting_plan(
        by=world.actor("outsider"),
        meeting=elsewhere,
        date=DAY,
        part_of_day=PartOfDay.MORNING,
        advisers=[adviser],
    )
    meeting = meeting_of(world.trajectory)
    client = client_as(world.users["project_leader"])
    for endpoint, status in (("meeting-update", 200), ("meeting-check", 200)):
        response = client.post(url(world, endpoint, meeting.pk), form_data(advisers=[adviser]))
        content = text(response)
        assert response.status_code == status
        assert (
            f"{adviser.full_name} is op dat moment ook ingepland voor een bijeenkomst bij een "
            "andere organisatie."
        ) in content
        assert "Vertrouwelijk" not in content
        assert "Elders" not in content.replace("Gemeente Elders", "")


# --- Bad input: beside its field, nothing saved -------------------------------------------


def test_an_end_before_the_start_is_refused(world, client_as):
    meeting = meeting_of(world.trajectory)
    before = snapshot(meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), form_data(starts="14:00", ends="13:30")
    )
    assert response.status_code == 200
    assert field_error(text(response), "ends_at_time") == "Het einde moet later zijn dan het begin."
    assert NOT_SAVED in text(response)
    assert snapshot(meeting) == before


def test_a_start_without_an_end_is_refused(world, client_as):
    meeting = meeting_of(world.trajectory)
    before = snapshot(meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), form_data(starts="14:00")
    )
    assert response.status_code == 200
    assert field_error(text(response), "ends_at_time") == (
        "Vul zowel een begin- als een eindtijd in, of geen van beide."
    )
    assert snapshot(meeting) == before


def test_a_date_before_the_trajectory_starts_is_refused(world, client_as):
    Trajectory.objects.filter(pk=world.trajectory.pk).update(starts_on=datetime.date(2027, 3, 1))
    meeting = meeting_of(world.trajectory)
    before = snapshot(meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), form_data(day="2027-02-28")
    )
    assert response.status_code == 200
    assert field_error(text(response), "date") == (
        "Kies een datum op of na 1 maart 2027, de start van dit traject."
    )
    assert snapshot(meeting) == before


def test_a_date_more_than_three_years_after_the_start_is_refused(world, client_as):
    Trajectory.objects.filter(pk=world.trajectory.pk).update(starts_on=datetime.date(2027, 3, 1))
    meeting = meeting_of(world.trajectory)
    before = snapshot(meeting)
    client = client_as(world.users["project_leader"])
    response = client.post(url(world, "meeting-update", meeting.pk), form_data(day="2030-03-02"))
    assert response.status_code == 200
    assert field_error(text(response), "date") == (
        "Kies een datum op of vóór 1 maart 2030: uiterlijk drie jaar na de start van dit traject."
    )
    assert snapshot(meeting) == before
    # The last day itself is fine.
    response = client.post(url(world, "meeting-update", meeting.pk), form_data(day="2030-03-01"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2030, 3, 1)


def test_the_latest_date_of_a_trajectory_without_a_start_counts_from_its_creation(world):
    trajectory = world.trajectory
    created = trajectory.created_at.date()
    assert services._latest_date(trajectory) == created.replace(year=created.year + 3)
    Trajectory.objects.filter(pk=trajectory.pk).update(starts_on=datetime.date(2028, 2, 29))
    trajectory.refresh_from_db()
    assert services._latest_date(trajectory) == datetime.date(2031, 2, 28)


@pytest.mark.parametrize("which", ["another organisation's", "one that does not exist"])
def test_an_unknown_location_is_refused(world, client_as, which):
    foreign = LocationFactory(organisation=world.other_org, name="Zaal van Elders")
    location = foreign.pk if which == "another organisation's" else 999999
    meeting = meeting_of(world.trajectory)
    before = snapshot(meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), form_data(location=location)
    )
    assert response.status_code == 200
    assert field_error(text(response), "location") == UNKNOWN_LOCATION
    assert snapshot(meeting) == before


def test_the_service_refuses_another_organisations_location_too(world):
    foreign = LocationFactory(organisation=world.other_org)
    meeting = meeting_of(world.trajectory)
    with pytest.raises(services.ServiceError) as refused:
        plan(world, meeting, location=foreign)
    assert refused.value.field_errors == {"location": [UNKNOWN_LOCATION]}


def test_a_facilitator_who_is_not_a_trainer_of_the_trajectory_is_refused(world, client_as):
    stranger = PersonFactory(organisation=world.org, full_name="Iemand Anders")
    meeting = meeting_of(world.trajectory)
    before = snapshot(meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk), form_data(facilitators=[stranger])
    )
    assert response.status_code == 200
    assert field_error(text(response), "facilitators") == (
        "Kies begeleiders uit de trainers van dit traject."
    )
    assert snapshot(meeting) == before


def test_round_2_is_facilitated_by_its_trainers_and_coached_by_the_advisers(world, client_as):
    plan(world, module(world.trajectory, Stage.ROUND_1, 3), day=DAY - datetime.timedelta(days=14))
    meeting = module(world.trajectory, Stage.ROUND_2, 1)
    trainer, adviser = world.people["trainer"], world.users["adviser"]
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk),
        form_data(facilitators=[trainer], advisers=[adviser]),
    )
    assert response.status_code == 302
    assert list(meeting.facilitators.all()) == [trainer]
    assert list(meeting.advisers.all()) == [adviser]
    # The participant of round 2 is on the list; the trainer facilitates, not attends.
    assert list(meeting.attendances.values_list("person", flat=True)) == [
        world.people["participant"].pk
    ]
    assert Enrolment.objects.filter(person=trainer, round=world.round_1).exists()
