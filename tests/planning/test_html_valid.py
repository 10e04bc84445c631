"""The planning pages in the states the access walk does not reach are valid HTML too: the
form refused (a conflict, a bad value), the check without JavaScript, the guest form with its
errors, the calendar of this month and of an empty one, the lists, and the htmx fragments
(checked inside a minimal document). tests/test_html_valid.py checks the walked pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.catalogue.models import Stage
from binnenuit.trajectories import services
from binnenuit.trajectories.models import MeetingKind
from tests.factories import LocationFactory
from tests.pages import token
from tests.planning.factories import form_data, meeting_of, module, plan, url
from tests.test_html_valid import Page, Pages, vnu_problems

pytestmark = pytest.mark.django_db

FRAGMENT = (
    '<!DOCTYPE html><html lang="nl"><head><title>fragment</title></head><body>{}</body></html>'
)


def test_the_planning_pages_in_every_state_are_valid_html(world, client_as, tmp_path):
    adviser = world.users["adviser"]
    zaal = LocationFactory(organisation=world.org, name="Zaal 1", capacity=2)
    today = timezone.localdate()
    session = plan(
        world, meeting_of(world.trajectory), day=today, location=zaal, advisers=[adviser]
    )
    services.guest_add(
        by=world.actor("adviser"), meeting=session, full_name="Els Kok", email="els@kok.example"
    )
    intake = plan(world, meeting_of(world.trajectory, MeetingKind.INTAKE), day=today)
    services.meeting_cancel(by=world.actor("adviser"), meeting=intake)
    first = module(world.trajectory, Stage.ROUND_1, 1)
    client = client_as(world.users["project_leader"])
    pages = Pages()

    def get(path: str, label: str = "") -> None:
        pages.must_add(f"GET {path} {label}", client.get(path))

    def post(path: str, data: dict[str, object], label: str, status: int = 200) -> None:
        pages.must_add(f"POST {path} ({label})", client.post(path, data), status=status)

    def fragment(path: str, data: dict[str, object], label: str) -> None:
        response = client.post(path, data, headers={"HX-Request": "true"})
        assert response.status_code == 200
        pages.pages.append(
            Page(f"htmx POST {path} ({label})", FRAGMENT.format(response.content.decode()))
        )

    t = world.trajectory.pk
    get(url(world, "meeting-update", session.pk), "(planned, with a guest)")
    get(url(world, "meeting-update", intake.pk), "(cancelled)")
    get(url(world, "meeting-update", first.pk), "(never planned)")
    conflicting = form_data(day=today, location=zaal, advisers=[adviser])
    post(url(world, "meeting-update", first.pk), conflicting, "conflicts refused")
    post(
        url(world, "meeting-update", first.pk),
        form_data(day="2000-01-01", location=999999, starts="14:00", ends="13:00"),
        "bad values",
    )
    post(url(world, "meeting-check", first.pk), conflicting, "check: conflicts")
    post(
        url(world, "meeting-check", first.pk), form_data(starts="14:00", ends="13:00"), "check: bad"
    )
    post(url(world, "meeting-check", first.pk), form_data(day=""), "check: no date")
    fragment(url(world, "meeting-check", first.pk), conflicting, "conflicts")
    fragment(url(world, "meeting-check", first.pk), form_data(), "no conflicts")
    guest_add = url(world, "guest-add", session.pk)
    bad_guest = {"full_name": "", "email": "geen-adres", "submission_token": token()}
    post(guest_add, bad_guest, "no name, bad address")
    fragment(guest_add, bad_guest, "no name, bad address")
    fragment(
        guest_add,
        {"full_name": "Gerrit Bos", "email": "g@bos.example", "submission_token": token()},
        "added",
    )
    get(url(world, "trajectory-calendar", t), "(this month, today marked)")
    get(url(world, "trajectory-calendar", t) + "?maand=2030-02", "(an empty month)")
    get(url(world, "trajectory-to-plan", t))
    get(world.trajectory.get_absolute_url(), "(the timeline with details)")
    get(reverse("trajectories:round-detail", args=[world.org.slug, world.round_1.pk]))
    empty = services.trajectory_start(by=world.actor("adviser"), name="Leeg traject")
    for meeting in empty.meetings.all():
        services.meeting_cancel(
            by=world.actor("adviser"),
            meeting=plan(world, meeting, day=today + datetime.timedelta(days=meeting.sequence)),
        )
    get(url(world, "trajectory-to-plan", empty.pk), "(nothing left to plan)")
    assert client.post(reverse("set-language"), {"language": "en"}).status_code == 302
    get(url(world, "meeting-update", session.pk), "(en)")
    get(url(world, "trajectory-calendar", t), "(en)")

    folder = tmp_path / "pages"
    folder.mkdir()
    problems = vnu_problems(pages.pages, folder)
    assert not problems, "\n  ".join(str(p) for p in problems)
