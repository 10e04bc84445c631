from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.catalogue.models import Theme
from binnenuit.core.exceptions import ServiceError
from binnenuit.organisations.models import Person
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Round, Trajectory
from tests.pages import field_error

pytestmark = pytest.mark.django_db

PL = "projectleider@voorbeeld.example"


def voorbeeld(demo):
    return Trajectory.objects.get(organisation=demo["voorbeeld"])


def test_project_leader_starts_a_trajectory(demo, client_as):
    client = client_as("projectleider@anderstad.example")
    response = client.post(
        reverse("trajectories:trajectory-start", kwargs={"org_slug": "anderstad"}),
        {"name": "Tweede cohort", "starts_on": "2027-02-01"},
    )
    trajectory = Trajectory.objects.get(name="Tweede cohort")
    assert response.status_code == 302
    assert trajectory.organisation == demo["anderstad"]
    assert trajectory.rounds.count() == 2


def test_start_without_name_is_refused(demo, client_as):
    response = client_as(PL).post(
        reverse("trajectories:trajectory-start", kwargs={"org_slug": "voorbeeld"}), {"name": ""}
    )
    assert response.status_code == 200
    assert "Geef het traject een naam." in response.content.decode()


def test_trajectory_detail_shows_timeline_with_planned_and_past_meetings(demo, client_as):
    trajectory = voorbeeld(demo)
    url = reverse(
        "trajectories:trajectory-detail", kwargs={"org_slug": "voorbeeld", "pk": trajectory.pk}
    )
    content = client_as("manager@voorbeeld.example").get(url).content.decode()
    for phase in ("Offerte", "Voorbereiding", "Ronde 1", "Ronde 2", "Trainerspool"):
        assert phase in content
    assert "gehouden" in content and "gepland" in content
    assert "De juiste houding" in content
    assert "Kies de thema" not in content  # a manager only reads


def test_unknown_theme_is_refused(demo, client_as):
    trajectory = voorbeeld(demo)
    slot = (
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True)
        .order_by("position")
        .first()
    )
    before = slot.theme_id
    response = client_as(PL).post(
        reverse(
            "trajectories:trajectory-themes", kwargs={"org_slug": "voorbeeld", "pk": trajectory.pk}
        ),
        {f"slot_{slot.pk}": "999999"},
    )
    assert response.status_code == 200
    assert "Kies een thema uit de catalogus." in response.content.decode()
    slot.refresh_from_db()
    assert slot.theme_id == before


def test_choosing_the_same_theme_twice_is_refused_beside_the_second_choice(demo, client_as):
    trajectory = Trajectory.objects.get(organisation=demo["anderstad"])
    slots = list(
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True).order_by("position")
    )
    theme = Theme.objects.get(template=trajectory.template, code="vindingrijkheid")
    response = client_as("projectleider@anderstad.example").post(
        reverse(
            "trajectories:trajectory-themes", kwargs={"org_slug": "anderstad", "pk": trajectory.pk}
        ),
        {f"slot_{slots[0].pk}": theme.pk, f"slot_{slots[2].pk}": theme.pk},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert field_error(content, f"slot_{slots[0].pk}") == ""
    assert field_error(content, f"slot_{slots[2].pk}") == "Kies elk thema maar één keer."
    assert not Module.objects.filter(pk__in=[s.pk for s in slots], theme__isnull=False).exists()


def test_the_theme_of_a_module_already_held_cannot_change(demo, client_as):
    trajectory = voorbeeld(demo)
    slots = list(
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True).order_by("position")
    )
    held, coming = slots[0], slots[1]  # module 2 was held in November, module 3 is planned
    before = {s.pk: s.theme_id for s in slots}
    spare = (
        Theme.objects.filter(template=trajectory.template).exclude(pk__in=before.values()).first()
    )
    data = {f"slot_{s.pk}": s.theme_id for s in slots}
    data[f"slot_{held.pk}"] = spare.pk
    url = reverse(
        "trajectories:trajectory-themes", kwargs={"org_slug": "voorbeeld", "pk": trajectory.pk}
    )
    response = client_as(PL).post(url, data)
    assert response.status_code == 200
    assert field_error(response.content.decode(), f"slot_{held.pk}") == (
        "Deze module is al gehouden; het thema kan niet meer veranderen."
    )
    assert {s.pk: s.theme_id for s in Module.objects.filter(pk__in=before)} == before
    held_title = Meeting.objects.get(module=held).title

    data[f"slot_{held.pk}"] = held.theme_id
    data[f"slot_{coming.pk}"] = spare.pk
    assert client_as(PL).post(url, data).status_code == 302
    assert Meeting.objects.get(module=coming).title == spare.name
    assert Meeting.objects.get(module=held).title == held_title


def test_themes_are_saved(demo, client_as):
    trajectory = Trajectory.objects.get(organisation=demo["anderstad"])
    slots = list(
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True).order_by("position")
    )
    themes = list(Theme.objects.filter(template=trajectory.template).order_by("-position")[:4])
    response = client_as("projectleider@anderstad.example").post(
        reverse(
            "trajectories:trajectory-themes", kwargs={"org_slug": "anderstad", "pk": trajectory.pk}
        ),
        {f"slot_{s.pk}": t.pk for s, t in zip(slots, themes, strict=True)},
    )
    assert response.status_code == 302
    assert [Module.objects.get(pk=s.pk).theme for s in slots] == themes


def round_url(round_: Round) -> str:
    return reverse("trajectories:round-detail", kwargs={"org_slug": "voorbeeld", "pk": round_.pk})


def test_trainer_sees_own_round_and_group(demo, client_as):
    round_1 = Round.objects.get(trajectory=voorbeeld(demo), number=1)
    content = client_as("trainer@voorbeeld.example").get(round_url(round_1)).content.decode()
    assert "Angelique Bakker" in content and "Jouw groep" in content
    assert "Uitschrijven" not in content


def test_trainer_sees_the_round_2_they_give(demo, client_as):
    round_2 = Round.objects.get(trajectory=voorbeeld(demo), number=2)
    client = client_as("trainer@voorbeeld.example")
    content = client.get(round_url(round_2)).content.decode()
    assert "De collega's die je traint" in content and "Thomas van den Berg" in content
    assert "Uitschrijven" not in content
    home = client.get(reverse("organisations:organisation-detail", args=["voorbeeld"]))
    home_content = home.content.decode()
    assert "Mijn rondes" in home_content and "je traint deze ronde" in home_content


def test_trainer_without_round_1_does_not_see_round_2(demo, client_as):
    round_1, round_2 = Round.objects.filter(trajectory=voorbeeld(demo)).order_by("number")
    trainer = Person.objects.get(user__email="trainer@voorbeeld.example")
    Enrolment.objects.filter(round=round_1, person=trainer).update(
        status=Enrolment.Status.WITHDRAWN
    )
    client = client_as("trainer@voorbeeld.example")
    assert client.get(round_url(round_1)).status_code == 403
    assert client.get(round_url(round_2)).status_code == 403


def test_participant_does_not_see_round_1(demo, client_as):
    round_1 = Round.objects.get(trajectory=voorbeeld(demo), number=1)
    assert client_as("deelnemer@voorbeeld.example").get(round_url(round_1)).status_code == 403


def test_participant_sees_round_2(demo, client_as):
    round_2 = Round.objects.get(trajectory=voorbeeld(demo), number=2)
    content = (
        client_as("deelnemer@voorbeeld.example")
        .get(
            reverse("trajectories:round-detail", kwargs={"org_slug": "voorbeeld", "pk": round_2.pk})
        )
        .content.decode()
    )
    assert "Thomas van den Berg" in content
    assert "Overheidsparticipatie als werkwijze" in content


def test_round_members_htmx_fragment(demo, client_as):
    round_1 = Round.objects.get(trajectory=voorbeeld(demo), number=1)
    url = reverse("trajectories:round-detail", kwargs={"org_slug": "voorbeeld", "pk": round_1.pk})
    fragment = client_as(PL).get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'id="members"' in fragment and "Ben Jansen" in fragment


def test_enrol_and_withdraw_with_confirmation(demo, client_as):
    round_1 = Round.objects.get(trajectory=voorbeeld(demo), number=1)
    person = Person.objects.get(full_name="Joost van Wijk")
    client = client_as(PL)
    add = reverse("trajectories:enrolment-add", kwargs={"org_slug": "voorbeeld", "pk": round_1.pk})
    response = client.post(add, {"person": person.pk}, follow=True)
    enrolment = Enrolment.objects.get(round=round_1, person=person)
    assert enrolment.status == Enrolment.Status.ENROLLED  # 12 trainers, 14 places
    assert "toegevoegd" in response.content.decode()
    withdraw = reverse(
        "trajectories:enrolment-withdraw", kwargs={"org_slug": "voorbeeld", "pk": enrolment.pk}
    )
    confirm = client.get(withdraw)
    assert confirm.status_code == 200 and "Joost van Wijk" in confirm.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED  # GET changes nothing
    client.post(withdraw)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN


def test_enrolment_through_htmx_answers_with_the_updated_members_section(demo, client_as):
    round_2 = Round.objects.get(trajectory=voorbeeld(demo), number=2)
    people = Person.objects.filter(full_name__in=["Joost van Wijk", "Femke Jacobs"])
    client = client_as(PL)
    add = reverse("trajectories:enrolment-add", kwargs={"org_slug": "voorbeeld", "pk": round_2.pk})
    first, second = (
        client.post(add, {"person": person.pk}, headers={"HX-Request": "true"}).content.decode()
        for person in people.order_by("full_name")
    )
    assert "<html" not in first and 'id="members"' in first
    assert 'hx-swap-oob="innerHTML"' in first and "is aan de ronde toegevoegd" in first
    # 13 + 1 fills the round's 14 places; the next one goes on the waiting list.
    assert "De ronde is vol: Joost van Wijk staat op de wachtlijst." in second
    assert "Op de wachtlijst" in second
    refused = client.post(add, {"person": ""}, headers={"HX-Request": "true"}).content.decode()
    assert "Kies een medewerker." in refused


def test_enrolling_someone_of_another_organisation_is_refused(demo, client_as):
    round_1 = Round.objects.get(trajectory=voorbeeld(demo), number=1)
    foreign = Person.objects.for_org(demo["anderstad"]).first()
    add = reverse("trajectories:enrolment-add", kwargs={"org_slug": "voorbeeld", "pk": round_1.pk})
    client_as(PL).post(add, {"person": foreign.pk})
    assert not Enrolment.objects.filter(person=foreign).exists()


def test_meeting_is_planned(demo, client_as):
    meeting = Meeting.objects.filter(trajectory=voorbeeld(demo)).last()
    url = reverse("trajectories:meeting-update", kwargs={"org_slug": "voorbeeld", "pk": meeting.pk})
    response = client_as(PL).post(
        url, {"date": "2027-03-04", "part_of_day": "evening", "location": "Raadzaal"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (str(meeting.date), meeting.part_of_day, meeting.location) == (
        "2027-03-04",
        "evening",
        "Raadzaal",
    )


def test_bad_meeting_date_is_refused(demo, client_as):
    meeting = Meeting.objects.filter(trajectory=voorbeeld(demo)).last()
    url = reverse("trajectories:meeting-update", kwargs={"org_slug": "voorbeeld", "pk": meeting.pk})
    response = client_as(PL).post(
        url, {"date": "31-31-2027", "part_of_day": "evening", "location": "Raadzaal"}
    )
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()


def test_a_meeting_before_the_trajectory_starts_is_refused(demo, client_as):
    trajectory = voorbeeld(demo)  # started on a fixed date in the demo
    meeting = Meeting.objects.filter(trajectory=trajectory).last()
    before = (meeting.date, meeting.location)
    url = reverse("trajectories:meeting-update", kwargs={"org_slug": "voorbeeld", "pk": meeting.pk})
    day_before = trajectory.starts_on - datetime.timedelta(days=1)
    response = client_as(PL).post(
        url, {"date": day_before.isoformat(), "part_of_day": "evening", "location": "Elders"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert field_error(content, "date").startswith("Kies een datum op of na ")
    assert 'value="Elders"' in content
    meeting.refresh_from_db()
    assert (meeting.date, meeting.location) == before


def test_staff_see_coming_preparation_meetings(demo, client_as):
    trajectory = Trajectory.objects.get(organisation=demo["anderstad"])
    session = Meeting.objects.get(trajectory=trajectory, kind=Meeting.Kind.THEME_SESSION)
    Meeting.objects.filter(pk=session.pk).update(
        date=timezone.localdate() + datetime.timedelta(days=20), location="Raadhuis Anderstad"
    )
    home = reverse("organisations:organisation-detail", args=["anderstad"])
    content = client_as("projectleider@anderstad.example").get(home).content.decode()
    assert f"{session.title} (Raadhuis Anderstad)" in content


def test_only_organisers_see_the_waiting_list(demo, client_as):
    round_2 = Round.objects.get(trajectory=voorbeeld(demo), number=2)
    for name in ("Joost van Wijk", "Femke Jacobs"):  # the second one is wait-listed
        services.enrolment_add(round_=round_2, person=Person.objects.get(full_name=name))
    assert "Femke Jacobs" in client_as(PL).get(round_url(round_2)).content.decode()
    for reader in ("deelnemer@voorbeeld.example", "manager@voorbeeld.example"):
        view = client_as(reader).get(round_url(round_2)).content.decode()
        assert "Joost van Wijk" in view
        assert "Femke Jacobs" not in view, reader


def test_a_trainer_of_round_1_cannot_join_round_2_as_a_colleague(demo, client_as):
    round_2 = Round.objects.get(trajectory=voorbeeld(demo), number=2)
    trainer = Person.objects.get(full_name="Angelique Bakker")
    page = client_as(PL).get(round_url(round_2)).content.decode()
    assert "Angelique Bakker" not in page  # not offered
    add = reverse("trajectories:enrolment-add", kwargs={"org_slug": "voorbeeld", "pk": round_2.pk})
    response = client_as(PL).post(add, {"person": trainer.pk}, follow=True)
    assert (
        "Kies een medewerker van deze organisatie die nog niet in een ronde van dit traject zit."
        in (response.content.decode())
    )
    with pytest.raises(ServiceError, match="andere ronde"):
        services.enrolment_add(round_=round_2, person=trainer)
    assert not Enrolment.objects.filter(round=round_2, person=trainer).exists()
