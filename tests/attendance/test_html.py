"""The attendance pages in the states the walk does not reach are valid HTML too (the Nu Html
Checker, as tests/test_html_valid.py runs it): a row asking the reason of an absence, a
refusal, a held meeting's empty list, the completion rule with errors, no certificate, the
overview with people at risk, one's own attendance."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from binnenuit.trajectories.models import Enrolment
from tests.attendance.factories import date_modules, enrol, held_round, mark
from tests.test_html_valid import Pages, vnu_problems

pytestmark = pytest.mark.django_db


def url(world, name: str, **kwargs) -> str:
    return reverse(f"attendance:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def test_the_attendance_pages_in_every_state_are_valid_html(world, client_as, tmp_path):
    anna = world.person(full_name="Anna Aalders", department="")
    enrol(world, world.round_1, [anna])
    meetings = held_round(world, world.round_1, held=3)
    trainer = world.people["trainer"]
    mark(world, meetings[0], trainer, "absent", "sick")
    mark(world, meetings[1], trainer, "late")
    mark(world, meetings[2], trainer, "present")
    mark(world, meetings[0], anna, "absent")
    mark(world, meetings[1], anna, "absent", "other")
    empty = date_modules(world.round_2, held=1)[0]  # held, nobody on its list yet
    adviser = client_as(world.users["adviser"])
    pages = Pages()
    pages.must_add(
        "meeting with absences",
        adviser.get(url(world, "meeting", pk=meetings[0].pk)),
        showing="Reden van afwezigheid",
    )
    pages.must_add(
        "meeting to come",
        adviser.get(url(world, "meeting", pk=meetings[3].pk)),
        showing="vanaf de dag van de bijeenkomst",
    )
    pages.must_add(
        "held meeting with an empty list",
        adviser.get(url(world, "meeting", pk=empty.pk)),
        showing="Zet ze op de lijst",
    )
    pages.must_add(
        "a refusal",
        adviser.post(
            url(world, "meeting-mark", pk=meetings[0].pk),
            {"person": world.people["participant"].pk, "status": "present"},
        ),
        showing="Niet opgeslagen",
    )
    pages.must_add(
        "completion rule with errors",
        adviser.post(
            url(world, "completion-rule", pk=world.trajectory.pk),
            {"round_1": "9", "round_2": "nul", "submission_token": str(uuid.uuid4())},
        ),
        showing="utrecht-form-field-error-message",
    )
    pages.must_add(
        "no certificate",
        adviser.get(url(world, "certificate", pk=Enrolment.objects.get(person=anna).pk)),
        status=404,
        showing="niet afgerond",
    )
    pages.must_add(
        "round report with people at risk",
        adviser.get(url(world, "round-report", pk=world.round_1.pk)),
        showing="met risico",
    )
    pages.must_add(
        "department report",
        client_as(world.users["manager"]).get(
            url(world, "department-report", pk=world.trajectory.pk)
        ),
        showing="(geen afdeling)",
    )
    pages.must_add(
        "overview with people at risk",
        client_as(world.users["project_leader"]).get(
            reverse("dashboard:organisation-detail", kwargs={"org_slug": world.org.slug})
        ),
        showing="Anna Aalders",
    )
    pages.must_add(
        "my attendance",
        client_as(world.users["trainer"]).get(url(world, "my-attendance")),
        showing="afwezig (ziek)",
    )
    pages.must_add(
        "my attendance without an employee record",
        adviser.get(url(world, "my-attendance")),
        showing="niet als medewerker",
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    problems = vnu_problems(pages.pages, folder)
    assert not problems, "\n".join(str(p) for p in problems)
