"""Guests on the planning page (add, remove, a duplicate, a bad address; with htmx and
without), cancelling a meeting, and adding the optional scan session and tasting."""

from __future__ import annotations

import pytest

from binnenuit.trajectories import services
from binnenuit.trajectories.models import Guest, Meeting, MeetingKind
from binnenuit.trajectories.signals import CANCELLED, GUESTS, meeting_changed
from tests.pages import field_error, fresh_token, messages_of, seen, token
from tests.planning.factories import meeting_of, plan, text, url

pytestmark = pytest.mark.django_db

FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."
BAD_EMAIL = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
TAKEN = "Deze gast is al uitgenodigd voor deze bijeenkomst."


def guest_data(**fields: str) -> dict[str, str]:
    return {
        "full_name": "Gerrit Bos",
        "email": "Gerrit@Bewoners.example",
        "affiliation": "Bewonersvereniging De Hoven",
        "submission_token": token(),
        **fields,
    }


def guests_of(meeting: Meeting) -> list[tuple[str, str, str]]:
    return list(
        Guest.objects.filter(meeting=meeting)
        .order_by("pk")
        .values_list("full_name", "email", "affiliation")
    )


# --- Guests --------------------------------------------------------------------------------


def test_a_guest_is_added_from_the_planning_page(
    world, client_as, django_capture_on_commit_callbacks
):
    meeting = plan(world, meeting_of(world.trajectory))
    client = client_as(world.users["project_leader"])
    page = text(client.get(url(world, "meeting-update", meeting.pk)))
    assert "Nog geen gasten." in page
    heard = []

    def listen(sender, meeting, change, **extra):
        heard.append((change, [g.email for g in extra.get("guests", [])]))

    meeting_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url(world, "guest-add", meeting.pk),
                guest_data(submission_token=fresh_token(page)),
            )
    finally:
        meeting_changed.disconnect(listen)
    assert response.status_code == 302
    assert response["Location"] == url(world, "meeting-update", meeting.pk) + "#guests"
    assert messages_of(response) == [
        "Gerrit Bos is toegevoegd als gast en krijgt de uitnodiging per e-mail."
    ]
    assert guests_of(meeting) == [
        ("Gerrit Bos", "gerrit@bewoners.example", "Bewonersvereniging De Hoven")
    ]
    assert heard == [(GUESTS, ["gerrit@bewoners.example"])]
    content = seen(client, response)
    assert "Gerrit Bos" in content and "gerrit@bewoners.example" in content
    assert url(world, "guest-remove", Guest.objects.get(meeting=meeting).pk) in content


def test_a_guest_of_a_meeting_without_a_date_is_invited_once_it_has_one(world, client_as):
    meeting = meeting_of(world.trajectory)
    response = client_as(world.users["adviser"]).post(
        url(world, "guest-add", meeting.pk), guest_data()
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Gerrit Bos is toegevoegd als gast en krijgt de uitnodiging zodra de bijeenkomst een "
        "datum heeft."
    ]


def test_a_guest_without_a_valid_email_address_is_refused_beside_the_field(world, client_as):
    meeting = meeting_of(world.trajectory)
    client = client_as(world.users["project_leader"])
    for email in ("gerrit-at-bewoners", "gerrit@", ""):
        response = client.post(url(world, "guest-add", meeting.pk), guest_data(email=email))
        assert response.status_code == 200
        expected = BAD_EMAIL if email else "Vul het e-mailadres van de gast in."
        assert field_error(text(response), "email") == expected
        assert 'value="Gerrit Bos"' in text(response)
    response = client.post(url(world, "guest-add", meeting.pk), guest_data(full_name=""))
    assert field_error(text(response), "full_name") == "Vul de naam van de gast in."
    assert guests_of(meeting) == []


def test_the_same_guest_twice_is_refused(world, client_as):
    meeting = meeting_of(world.trajectory)
    client = client_as(world.users["project_leader"])
    assert client.post(url(world, "guest-add", meeting.pk), guest_data()).status_code == 302
    again = client.post(
        url(world, "guest-add", meeting.pk),
        guest_data(full_name="G. Bos", email="gerrit@bewoners.example "),
    )
    assert again.status_code == 200
    assert field_error(text(again), "email") == TAKEN
    assert len(guests_of(meeting)) == 1
    # The same person may be the guest of another meeting.
    other = Meeting.objects.filter(trajectory=world.trajectory).exclude(pk=meeting.pk).first()
    assert client.post(url(world, "guest-add", other.pk), guest_data()).status_code == 302


def test_a_double_click_adds_one_guest(world, client_as):
    meeting = meeting_of(world.trajectory)
    client = client_as(world.users["project_leader"])
    data = guest_data()
    first = client.post(url(world, "guest-add", meeting.pk), data)
    second = client.post(url(world, "guest-add", meeting.pk), data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert second["Location"] == first["Location"]
    assert len(guests_of(meeting)) == 1


def test_with_htmx_the_guests_section_comes_back(world, client_as):
    meeting = meeting_of(world.trajectory)
    client = client_as(world.users["project_leader"])
    hx = {"HX-Request": "true", "HX-Target": "guests"}
    response = client.post(url(world, "guest-add", meeting.pk), guest_data(), headers=hx)
    content = text(response)
    assert response.status_code == 200
    assert "<html" not in content
    assert content.lstrip().startswith('<section id="guests"')
    assert "Gerrit Bos" in content
    assert 'data-hx-swap-oob="innerHTML"' in content and "toegevoegd als gast" in content
    assert 'value="Gerrit Bos"' not in content  # a fresh form for the next guest
    refused = client.post(
        url(world, "guest-add", meeting.pk), guest_data(email="geen-adres"), headers=hx
    )
    assert refused.status_code == 200
    assert "<html" not in text(refused)
    assert field_error(text(refused), "email") == BAD_EMAIL
    assert len(guests_of(meeting)) == 1


def test_a_guest_is_removed_after_a_confirmation(world, client_as):
    meeting = meeting_of(world.trajectory)
    guest = services.guest_add(
        by=world.actor("adviser"), meeting=meeting, full_name="Els Kok", email="els@kok.example"
    )
    client = client_as(world.users["project_leader"])
    page = client.get(url(world, "guest-remove", guest.pk))
    assert page.status_code == 200
    assert "Els Kok verwijderen uit de gasten van “Themasessie voor het management”?" in text(page)
    assert Guest.objects.filter(pk=guest.pk).exists()
    response = client.post(
        url(world, "guest-remove", guest.pk), {"submission_token": fresh_token(text(page))}
    )
    assert response.status_code == 302
    assert response["Location"] == url(world, "meeting-update", meeting.pk) + "#guests"
    assert messages_of(response) == ["Els Kok is geen gast meer van deze bijeenkomst."]
    assert not Guest.objects.filter(pk=guest.pk).exists()


def test_guests_are_for_the_organisers_only(world, client_as):
    meeting = meeting_of(world.trajectory)
    guest = services.guest_add(
        by=world.actor("adviser"), meeting=meeting, full_name="Els Kok", email="els@kok.example"
    )
    for role in ("manager", "trainer", "participant"):
        client = client_as(world.users[role])
        response = client.post(url(world, "guest-add", meeting.pk), guest_data())
        assert response.status_code == 403, role
        assert FORBIDDEN in text(response)
        response = client.post(url(world, "guest-remove", guest.pk), {"submission_token": token()})
        assert response.status_code == 403, role
    foreign = meeting_of(world.other_trajectory)
    response = client_as(world.users["project_leader"]).post(
        url(world, "guest-add", foreign.pk), guest_data()
    )
    assert response.status_code == 404
    assert NOT_FOUND in text(response)
    assert Guest.objects.count() == 1


# --- Cancelling ----------------------------------------------------------------------------


def test_a_meeting_is_cancelled_after_a_confirmation_and_shows_so(
    world, client_as, django_capture_on_commit_callbacks
):
    meeting = plan(world, meeting_of(world.trajectory))
    client = client_as(world.users["project_leader"])
    page = client.get(url(world, "meeting-cancel", meeting.pk))
    assert page.status_code == 200
    assert "“Themasessie voor het management” annuleren?" in text(page)
    assert Meeting.objects.get(pk=meeting.pk).cancelled_at is None
    heard = []
    meeting_changed.connect(listener := lambda sender, meeting, change, **kw: heard.append(change))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url(world, "meeting-cancel", meeting.pk),
                {"submission_token": fresh_token(text(page))},
            )
    finally:
        meeting_changed.disconnect(listener)
    assert response.status_code == 302
    assert response["Location"] == world.trajectory.get_absolute_url()
    assert messages_of(response) == ["“Themasessie voor het management” is geannuleerd."]
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.date is not None
    assert heard == [CANCELLED]
    timeline = seen(client, response)
    assert '<span class="bu-tag">geannuleerd</span>' in timeline


def test_a_meeting_without_a_date_cannot_be_cancelled(world, client_as):
    meeting = meeting_of(world.trajectory)
    client = client_as(world.users["project_leader"])
    page = text(client.get(url(world, "meeting-cancel", meeting.pk)))
    assert "Deze bijeenkomst heeft nog geen datum: er is niets te annuleren." in page
    response = client.post(
        url(world, "meeting-cancel", meeting.pk), {"submission_token": fresh_token(page)}
    )
    assert response.status_code == 302
    assert response["Location"] == url(world, "meeting-update", meeting.pk)
    assert messages_of(response) == ["Alleen een geplande bijeenkomst kan worden geannuleerd."]
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None


def test_a_manager_cannot_cancel(world, client_as):
    meeting = plan(world, meeting_of(world.trajectory))
    response = client_as(world.users["manager"]).post(
        url(world, "meeting-cancel", meeting.pk), {"submission_token": token()}
    )
    assert response.status_code == 403
    assert FORBIDDEN in text(response)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None


def test_a_cancelled_meeting_is_planned_again_by_saving_it(world, client_as):
    meeting = plan(world, meeting_of(world.trajectory))
    services.meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-update", meeting.pk),
        {"date": "2027-03-09", "part_of_day": "afternoon"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert not meeting.is_cancelled and str(meeting.date) == "2027-03-09"


# --- The optional meetings -----------------------------------------------------------------


def test_the_optional_meetings_are_added_once_each_from_the_trajectory_page(world, client_as):
    client = client_as(world.users["project_leader"])
    page = text(client.get(world.trajectory.get_absolute_url()))
    assert "Bijeenkomst voor de organisatiescan toevoegen" in page
    assert "Proeverij toevoegen" in page
    add = url(world, "meeting-add-optional", world.trajectory.pk)
    response = client.post(add, {"kind": "scan", "submission_token": fresh_token(page)})
    scan = Meeting.objects.get(trajectory=world.trajectory, kind=MeetingKind.SCAN)
    assert response.status_code == 302
    assert response["Location"] == url(world, "meeting-update", scan.pk)
    assert messages_of(response) == [
        "“Bijeenkomst voor de organisatiescan” is toegevoegd. Plan de bijeenkomst nu."
    ]
    assert (scan.round, scan.module, scan.date) == (None, None, None)
    page = text(client.get(world.trajectory.get_absolute_url()))
    assert "Bijeenkomst voor de organisatiescan toevoegen" not in page
    assert "Proeverij toevoegen" in page
    assert "Bijeenkomst voor de organisatiescan:" in page  # in the preparation's timeline
    # Once only: a second scan is refused with the reason.
    again = client.post(add, {"kind": "scan", "submission_token": token()})
    assert again.status_code == 302
    assert again["Location"] == world.trajectory.get_absolute_url()
    assert messages_of(again) == ["Dit traject heeft deze bijeenkomst al."]
    assert Meeting.objects.filter(trajectory=world.trajectory, kind=MeetingKind.SCAN).count() == 1
    response = client.post(add, {"kind": "tasting", "submission_token": token()})
    assert response.status_code == 302
    assert (
        Meeting.objects.filter(trajectory=world.trajectory, kind__in=["scan", "tasting"]).count()
        == 2
    )
    page = text(client.get(world.trajectory.get_absolute_url()))
    assert "Proeverij toevoegen" not in page


def test_only_the_optional_kinds_can_be_added(world, client_as):
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-add-optional", world.trajectory.pk),
        {"kind": "intake", "submission_token": token()},
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Kies de bijeenkomst voor de organisatiescan of de proeverij."]
    assert Meeting.objects.filter(trajectory=world.trajectory, kind="intake").count() == 2


def test_a_manager_cannot_add_optional_meetings(world, client_as):
    client = client_as(world.users["manager"])
    assert "Proeverij toevoegen" not in text(client.get(world.trajectory.get_absolute_url()))
    response = client.post(
        url(world, "meeting-add-optional", world.trajectory.pk),
        {"kind": "tasting", "submission_token": token()},
    )
    assert response.status_code == 403
    assert FORBIDDEN in text(response)
    assert not Meeting.objects.filter(kind=MeetingKind.TASTING).exists()
