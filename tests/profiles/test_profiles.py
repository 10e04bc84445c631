"""X-factor profiles: written by the round-1 trainer only, read by colleagues, shared by consent."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from PIL import Image
from pypdf import PdfReader

from binnenuit.catalogue.models import Competence
from binnenuit.core.access import can
from binnenuit.core.exceptions import ServiceError
from binnenuit.privacy import services as privacy_services
from binnenuit.profiles import services
from binnenuit.profiles.models import Profile
from tests.factories import EnrolmentFactory, PersonFactory
from tests.pages import field_error, fresh_token, seen
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

STORY = (
    "Toen bewoners van De Hoven zelf een speeltuin wilden bouwen, ben ik gaan luisteren in "
    "plaats van de regels op te sommen. Samen vonden we een weg door de vergunningen."
)


def text(response) -> str:
    return response.content.decode()


def url(world, name: str, **kwargs) -> str:
    return reverse(f"profiles:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def competences(world, *codes: str) -> list[Competence]:
    template = world.round_1.trajectory.template
    return list(Competence.objects.filter(template=template, code__in=codes).order_by("code"))


def write(world, **fields) -> Profile:
    data = {
        "story": STORY,
        "difference": "Ik begin bij wat mensen zelf willen.",
        "strengths": competences(world, "LUI", "ROL"),
        **fields,
    }
    return services.profile_save(by=world.actor("trainer"), person=world.people["trainer"], **data)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 40, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPSInfo: latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_only_a_round_1_trainer_writes_and_only_their_own(world):
    trainer = world.actor("trainer")
    assert can(trainer, "xfactor.write")
    assert can(trainer, "xfactor.write", world.people["trainer"])
    assert not can(trainer, "xfactor.write", world.people["participant"])
    for role in ("adviser", "project_leader", "manager", "participant"):
        assert not can(world.actor(role), "xfactor.write"), role
    with pytest.raises(PermissionDenied):
        services.profile_save(
            by=world.actor("project_leader"),
            person=world.people["trainer"],
            story=STORY,
            difference="Niet van mij.",
        )
    assert not Profile.objects.exists()


def test_the_trainer_writes_their_profile_in_the_browser_and_colleagues_read_it(world, client_as):
    trainer = client_as(world.users["trainer"])
    gallery = text(trainer.get(url(world, "gallery")))
    assert "Nog geen X-factoren" in gallery and "Schrijf mijn X-factor" in gallery
    form = trainer.get(url(world, "edit"))
    assert "Rolbewustzijn" in text(form)
    chosen = competences(world, "LUI", "ROL", "VER")
    response = trainer.post(
        url(world, "edit"),
        {
            "story": STORY,
            "difference": "Ik begin bij wat mensen zelf willen.",
            "value_society": "Initiatieven komen sneller van de grond.",
            "strengths": [c.pk for c in chosen],
            "photo": SimpleUploadedFile("ik.jpg", jpeg_with_gps(), "image/jpeg"),
            "submission_token": fresh_token(text(form)),
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(person=world.people["trainer"])
    assert response["Location"] == url(world, "story", pk=profile.pk)
    page = seen(trainer, response)
    assert "De X-factor van" in page and "speeltuin" in page
    assert sorted(profile.strengths.values_list("code", flat=True)) == ["LUI", "ROL", "VER"]
    with profile.photo.open("rb") as stored:
        assert not Image.open(stored).getexif().get(0x8825), "GPS is stripped"

    for role in ("participant", "manager", "project_leader"):
        colleague = client_as(world.users[role])
        assert escape(world.people["trainer"].full_name) in text(
            colleague.get(url(world, "gallery"))
        )
        story = colleague.get(url(world, "story", pk=profile.pk))
        assert story.status_code == 200 and "speeltuin" in text(story)
        assert colleague.get(url(world, "photo", pk=profile.pk)).status_code == 200
        assert colleague.get(url(world, "edit")).status_code == 403
    outsider = client_as(world.users["outsider"])
    assert outsider.get(url(world, "story", pk=profile.pk)).status_code == 404


def test_bad_input_is_refused_beside_its_field_and_kept(world, client_as):
    trainer = client_as(world.users["trainer"])
    form = trainer.get(url(world, "edit"))
    too_many = competences(world, "LUI", "ROL", "VER", "HOU", "KRA", "EEN")
    response = trainer.post(
        url(world, "edit"),
        {
            "story": "x" * 3001,
            "difference": "",
            "value_society": "Blijft staan.",
            "strengths": [c.pk for c in too_many],
            "photo": SimpleUploadedFile("ik.png", b"geen plaatje", "image/png"),
            "submission_token": fresh_token(text(form)),
        },
    )
    assert response.status_code == 200
    assert field_error(text(response), "difference")
    assert field_error(text(response), "story")
    assert "afbeelding" in field_error(text(response), "photo")
    assert "Blijft staan." in text(response)
    assert not Profile.objects.exists()
    with pytest.raises(ServiceError) as refused:
        write(world, strengths=too_many)
    assert "5" in refused.value.field_errors["strengths"][0]
    foreign = Competence.objects.exclude(template=world.round_1.trajectory.template).first()
    if foreign is not None:
        with pytest.raises(ServiceError):
            write(world, strengths=[foreign])


def test_sharing_needs_the_trainers_consent_and_can_be_taken_back(world, client_as):
    profile = write(world)
    trainer = client_as(world.users["trainer"])
    assert profile.share_token is None
    with pytest.raises(PermissionDenied):
        services.profile_share(by=world.actor("project_leader"), profile=profile, share=True)

    confirm = trainer.get(url(world, "share"))
    assert "toestemming" in text(confirm)
    done = trainer.post(url(world, "share"), {"submission_token": fresh_token(text(confirm))})
    assert done.status_code == 302
    profile.refresh_from_db()
    assert profile.is_shared and len(profile.share_token) >= 40
    public = reverse("profiles:shared", kwargs={"token": profile.share_token})
    anonymous = Client()
    page = anonymous.get(public)
    assert page.status_code == 200 and "speeltuin" in text(page)
    assert anonymous.get(reverse("profiles:shared", kwargs={"token": "raden"})).status_code == 404

    again = trainer.get(url(world, "share"))
    trainer.post(url(world, "share"), {"submission_token": fresh_token(text(again))})
    profile.refresh_from_db()
    assert not profile.is_shared
    assert anonymous.get(public).status_code == 404, "the old address shows nothing at once"


def test_the_poster_is_a_tagged_pdf_with_the_story(world, client_as):
    profile = write(world)
    response = client_as(world.users["manager"]).get(url(world, "poster", pk=profile.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    content = "".join(page.extract_text() for page in reader.pages)
    assert "speeltuin" in content and "Rolbewustzijn" in content


def test_the_strengths_roll_up_shows_covered_and_uncovered_competences(world, client_as):
    write(world)
    leader = client_as(world.users["project_leader"])
    page = text(leader.get(url(world, "strengths")))
    assert "Luisteren en ophalen" in page and "Vindingrijkheid" in page
    assert "Nog geen kracht van een trainer" in page
    assert client_as(world.users["participant"]).get(url(world, "strengths")).status_code == 403


def test_erasing_the_trainer_erases_the_profile_and_stops_sharing(world):
    profile = write(world, photo=SimpleUploadedFile("ik.jpg", jpeg_with_gps(), "image/jpeg"))
    services.profile_share(by=world.actor("trainer"), profile=profile, share=True)
    privacy_services.subject_erase(by=world.actor("project_leader"), person=world.people["trainer"])
    profile.refresh_from_db()
    assert (profile.story, profile.difference, profile.photo.name) == ("", "", "")
    assert profile.share_token is None and not profile.strengths.exists()


def test_the_gallery_runs_the_same_queries_for_3_and_30_profiles(world, client_as):
    def add(n: int) -> None:
        for i in range(n):
            person = PersonFactory(organisation=world.org)
            EnrolmentFactory(organisation=world.org, round=world.round_1, person=person)
            profile = Profile.objects.create(
                organisation=world.org, person=person, story=f"Verhaal {i}", difference="Ja."
            )
            profile.strengths.set(competences(world, "LUI", "ROL"))

    viewer = client_as(world.users["participant"])
    add(3)
    assert_constant_queries(lambda: viewer.get(url(world, "gallery")), lambda: add(27))


def test_an_oversized_photo_is_refused_beside_the_field(world):
    big = SimpleUploadedFile("groot.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1), "image/jpeg")
    with pytest.raises(ServiceError) as refused:
        write(world, photo=big)
    assert "5 MB" in refused.value.field_errors["photo"][0]
    assert not Profile.objects.exists()


def test_a_script_in_a_story_is_shown_as_text_everywhere(world, client_as):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    profile = write(world, story=payload, difference=payload)
    profile = services.profile_share(by=world.actor("trainer"), profile=profile, share=True)
    colleague = client_as(world.users["participant"])
    pages = [
        text(colleague.get(url(world, "story", pk=profile.pk))),
        text(colleague.get(url(world, "gallery"))),
        text(Client().get(reverse("profiles:shared", kwargs={"token": profile.share_token}))),
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in pages[0]
    pdf = colleague.get(url(world, "poster", pk=profile.pk))
    content = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert '<script>alert("x")</script>' in content  # printed as the words typed
