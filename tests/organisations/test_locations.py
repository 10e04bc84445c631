"""Locations and the times of the parts of the day, as an organisation sets them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from binnenuit.organisations.models import Location
from tests.factories import LocationFactory
from tests.pages import field_error, token

pytestmark = pytest.mark.django_db


def url(name: str, world, **kwargs: object) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def location_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Wijkcentrum De Schakel",
        "address": "Schakelplein 4, 1234 AB Testdorp",
        "rooms": "Grote zaal, Keuken",
        "capacity": "40",
        "accessibility": "Drempelvrije ingang, lift, ringleiding in de grote zaal.",
        "route": "Bus 12 tot halte Schakelplein; parkeren achter het gebouw.",
        "submission_token": token(),
    }
    data.update(overrides)
    return data


def test_project_leader_adds_a_location(world, client_as):
    response = client_as(world.users["project_leader"]).post(
        url("location-create", world), location_data()
    )
    assert response.status_code == 302
    assert response["Location"] == url("location-list", world)
    location = Location.objects.get(name="Wijkcentrum De Schakel")
    assert (location.organisation, location.capacity) == (world.org, 40)


def test_the_list_shows_the_locations_and_explains_when_there_are_none(world, client_as):
    client = client_as(world.users["manager"])
    empty = client.get(url("location-list", world)).content.decode()
    assert "Nog geen locaties." in empty
    LocationFactory(organisation=world.org, name="Raadhuis")
    LocationFactory(organisation=world.other_org, name="Elders Raadhuis")
    content = client.get(url("location-list", world)).content.decode()
    assert "Raadhuis" in content and "Elders Raadhuis" not in content
    assert "Locatie toevoegen" not in content  # a manager looks, does not edit


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Vul de naam van de locatie in."),
        ("capacity", "veel", "Vul het aantal mensen in als heel getal."),
        ("capacity", "0", "Een locatie biedt plaats aan minstens één persoon."),
    ],
)
def test_bad_input_is_refused_beside_its_field(world, client_as, field, value, message):
    response = client_as(world.users["project_leader"]).post(
        url("location-create", world), location_data(**{field: value})
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert field_error(content, field) == message
    assert "Schakelplein 4" in content  # what was typed is kept
    assert not Location.objects.exists()


def test_the_same_name_twice_is_refused_whatever_the_case(world, client_as):
    LocationFactory(organisation=world.org, name="Wijkcentrum De Schakel")
    LocationFactory(organisation=world.other_org, name="Raadhuis")
    client = client_as(world.users["project_leader"])
    response = client.post(
        url("location-create", world), location_data(name="wijkcentrum de schakel")
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "name") == (
        "Deze organisatie heeft al een locatie met deze naam."
    )
    # Another organisation's name is no obstacle.
    assert (
        client.post(url("location-create", world), location_data(name="Raadhuis")).status_code
        == 302
    )


def test_a_location_is_edited(world, client_as):
    location = LocationFactory(organisation=world.org, name="Raadhuis", capacity=20)
    response = client_as(world.users["adviser"]).post(
        url("location-update", world, pk=location.pk),
        location_data(name="Raadhuis, zaal 1", capacity=""),
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.name, location.capacity) == ("Raadhuis, zaal 1", None)


def test_the_parts_of_the_day_default_to_the_usual_times(world):
    assert world.org.part_of_day_times("morning") == (datetime.time(9), datetime.time(12, 30))
    assert world.org.part_of_day_times("afternoon") == (datetime.time(13, 30), datetime.time(17))
    assert world.org.part_of_day_times("evening") == (datetime.time(19), datetime.time(21, 30))


def day_parts(**overrides: str) -> dict[str, str]:
    data = {
        "morning_starts": "08:30",
        "morning_ends": "12:00",
        "afternoon_starts": "13:00",
        "afternoon_ends": "16:30",
        "evening_starts": "19:30",
        "evening_ends": "22:00",
        "submission_token": token(),
    }
    data.update(overrides)
    return data


def test_the_organisation_sets_its_own_times(world, client_as):
    response = client_as(world.users["project_leader"]).post(url("day-parts", world), day_parts())
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.part_of_day_times("morning") == (datetime.time(8, 30), datetime.time(12))


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"evening_ends": "19:00"}, "evening_ends", "Het einde moet later zijn dan het begin."),
        ({"morning_starts": "negen uur"}, "morning_starts", "Vul een tijd in zoals 09:00."),
        ({"afternoon_ends": ""}, "afternoon_ends", "Vul een tijd in zoals 09:00."),
    ],
)
def test_impossible_times_are_refused(world, client_as, overrides, field, message):
    response = client_as(world.users["project_leader"]).post(
        url("day-parts", world), day_parts(**overrides)
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), field) == message
    world.org.refresh_from_db()
    assert world.org.part_of_day_times("morning") == (datetime.time(9), datetime.time(12, 30))
