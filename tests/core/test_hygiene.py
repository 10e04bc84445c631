"""Input hygiene, once for every form: invisible characters, impossible dates, images."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from binnenuit.organisations.models import Organisation, Person
from binnenuit.trajectories.models import Trajectory
from tests.pages import field_error

pytestmark = pytest.mark.django_db

INVISIBLE = (
    "Deze tekst bevat onzichtbare stuurtekens, waardoor hij er anders uit kan zien dan er "
    "staat. Typ hem opnieuw zonder die tekens."
)


def org_url(world, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": world.org.slug, **kwargs})


@pytest.mark.parametrize(
    "name", ["abc\u202egnp.exe", "Jan\u200fJansen", "Jan\x00Jansen", "Jan\x1bJansen"]
)
def test_control_characters_and_bidi_overrides_are_refused_beside_the_field(world, client_as, name):
    before = Person.objects.count()
    response = client_as(world.users["project_leader"]).post(
        org_url(world, "organisations:person-create"),
        {"full_name": name, "function_category": "policy", "submission_token": uuid.uuid4()},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "full_name") == INVISIBLE
    assert Person.objects.count() == before  # (PostgreSQL cannot even look for a NUL)


def test_line_breaks_and_tabs_in_a_text_are_fine(world, client_as):
    """Only the invisible controls are refused, not the ordinary white space of a text."""
    from binnenuit.core.validators import validate_plain_text

    validate_plain_text("Eerste regel\r\nTweede\tregel — met ‘aanhalingstekens’ en é ü ß")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_dates_outside_2000_to_2100_are_refused(world, client_as, day):
    response = client_as(world.users["project_leader"]).post(
        org_url(world, "trajectories:trajectory-start"),
        {"name": "Later", "starts_on": day, "submission_token": uuid.uuid4()},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "starts_on") == (
        "Kies een datum tussen 1 januari 2000 en 31 december 2100."
    )
    assert not Trajectory.objects.filter(name="Later").exists()


def test_a_meeting_in_the_year_9999_is_refused(world, client_as):
    meeting = world.trajectory.meetings.last()
    response = client_as(world.users["project_leader"]).post(
        org_url(world, "trajectories:meeting-update", pk=meeting.pk),
        {"date": "9999-01-01", "part_of_day": "morning"},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "date") == (
        "Kies een datum tussen 1 januari 2000 en 31 december 2100."
    )


def image_bytes(kind: str, size: tuple[int, int] = (40, 20), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (26, 94, 140)).save(out, kind, **save)
    return out.getvalue()


def post_logo(world, client_as, content: bytes, name: str = "logo.png"):
    return client_as(world.users["project_leader"]).post(
        org_url(world, "organisations:organisation-update"),
        {
            "name": world.org.name,
            "cbs_code": world.org.cbs_code,
            "logo": SimpleUploadedFile(name, content, "image/png"),
            "submission_token": uuid.uuid4(),
        },
    )


def stored_logo(world) -> bytes:
    org = Organisation.objects.get(pk=world.org.pk)
    with org.logo.open("rb") as f:
        return f.read()


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(world, client_as):
    bomb = image_bytes("PNG", (20000, 20000))  # a few dozen kilobytes, 1.2 GB unpacked
    assert len(bomb) < 2 * 1024 * 1024
    response = post_logo(world, client_as, bomb)
    assert response.status_code == 200
    assert field_error(response.content.decode(), "logo") == (
        "Deze afbeelding heeft veel te veel pixels; hoogstens 2000 pixels breed en hoog mag. "
        "Kies een kleinere afbeelding."
    )
    assert not Organisation.objects.get(pk=world.org.pk).logo


def test_bytes_after_the_image_are_not_stored(world, client_as):
    png = image_bytes("PNG")
    assert post_logo(world, client_as, png + b"<html><script>alert(1)</script>").status_code == 302
    stored = stored_logo(world)
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 20)


def test_exif_and_gps_are_stripped_from_a_photo(world, client_as):
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 5.0, 0.0), 4: (4.0, 54.0, 0.0)}  # GPSInfo: latitude, longitude
    exif[0x010F] = "Camera BV"  # Make
    jpeg = image_bytes("JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(jpeg)).getexif()
    assert post_logo(world, client_as, jpeg, "foto.jpg").status_code == 302
    stored = Image.open(io.BytesIO(stored_logo(world)))
    assert stored.format == "JPEG" and not stored.getexif()


def test_the_current_logo_links_to_where_it_is_served(world, client_as):
    assert post_logo(world, client_as, image_bytes("PNG")).status_code == 302
    client = client_as(world.users["project_leader"])
    form = client.get(org_url(world, "organisations:organisation-update")).content.decode()
    logo_url = org_url(world, "organisations:organisation-logo")
    assert f'<a href="{logo_url}">' in form
    assert client.get(logo_url).status_code == 200


def test_an_image_a_little_too_large_says_its_size(world, client_as):
    response = post_logo(world, client_as, image_bytes("PNG", (2400, 10)))
    assert field_error(response.content.decode(), "logo") == (
        "Deze afbeelding is 2400 × 10 pixels; hoogstens 2000 pixels breed en hoog mag. "
        "Kies een kleinere afbeelding."
    )
