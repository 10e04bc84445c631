"""The organisation's audit trail page: who may read it, what it shows, and that it only reads."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from binnenuit.audit.models import TrailEntry
from binnenuit.audit.recording import acting_as
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Phase
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."
ADDRESS = "192.0.2.10"


def trail_url(org) -> str:
    return reverse("audit:entry-list", kwargs={"org_slug": org.slug})


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def rows(response) -> list[str]:
    """The trail's lines, as text."""
    body = response.content.decode().split('<tbody class="utrecht-table__body">')[-1]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in body.split("</tr>")[:-1]
    ]


def make_history(world):
    """A phase change by the adviser, then a failed login and a login of the trainer.

    Made after the reader logged in, so that their own login is not the newest line.
    """
    adviser = world.actor("adviser")
    with acting_as(adviser, address=ADDRESS):
        services.trajectory_set_phase(by=adviser, trajectory=world.trajectory, phase=Phase.ROUND_1)
    trainer = world.users["trainer"]
    login = reverse("accounts:login")
    Client().post(login, {"username": trainer.email, "password": "fout"})
    Client().post(login, {"username": trainer.email, "password": PASSWORD})


@pytest.mark.parametrize("role", ["adviser", "project_leader"])
def test_organisers_read_the_trail_newest_first_in_dutch(world, client_as, role):
    client = client_as(world.users[role])
    make_history(world)
    response = client.get(trail_url(world.org))
    assert response.status_code == 200
    trainer, adviser = world.users["trainer"], world.users["adviser"]
    first, second, third = rows(response)[:3]
    assert first.endswith("127.0.0.1")
    assert f"{trainer} Trainer Ingelogd" in first
    assert f"Onbekend Inloggen mislukt voor {trainer.email}" in second
    assert (
        f"{adviser} Adviseur Fase gewijzigd van Voorbereiding naar Ronde 1 Traject Testdorp "
        f"Fase: Voorbereiding → wordt Ronde 1 {ADDRESS}"
    ) in third
    page = text(response)
    assert '<h1 class="utrecht-heading-1">Logboek</h1>' in page
    assert "Alles wordt 730 dagen bewaard en kan niet worden gewijzigd." in page


def test_the_trail_shows_only_the_organisations_own_entries(world, client_as):
    make_history(world)
    other = world.other_trajectory
    outsider = world.actor("outsider")
    with acting_as(outsider):
        services.trajectory_set_phase(by=outsider, trajectory=other, phase=Phase.ROUND_2)
    page = text(client_as(world.users["adviser"]).get(trail_url(world.org)))
    assert "Traject Elders" not in page and "Traject Testdorp" in page
    shown = client_as(world.users["outsider"]).get(trail_url(world.other_org))
    assert "Fase gewijzigd van Voorbereiding naar Ronde 2" in text(shown)
    assert "Traject Testdorp" not in text(shown)


def test_the_filter_shows_one_kind_of_event(world, client_as):
    client = client_as(world.users["project_leader"])
    make_history(world)
    response = client.get(trail_url(world.org), {"soort": "session"})
    lines = rows(response)
    assert len(lines) == 3  # the trainer's two, and the reader's own login
    assert all("Ingelogd" in line or "Inloggen mislukt" in line for line in lines)
    assert '<option value="session" selected>Inloggen en uitloggen</option>' in text(response)
    assert "3 gebeurtenissen" in text(response)


def test_an_unknown_kind_shows_everything(world, client_as):
    make_history(world)
    response = client_as(world.users["adviser"]).get(trail_url(world.org), {"soort": "x"})
    assert response.status_code == 200
    assert len(rows(response)) > 2


def test_the_empty_states(world, client_as):
    client = client_as(world.users["adviser"])
    response = client.get(trail_url(world.org), {"soort": "account"})
    assert "Van deze soort is niets vastgelegd." in text(response)
    TrailEntry.objects.filter(organisation=world.org).delete()
    response = client.get(trail_url(world.org))
    assert response.status_code == 200
    assert "Er is nog niets vastgelegd." in text(response)
    assert "<table" not in text(response)


def test_pages_keep_the_filter(world, client_as, settings):
    settings.PAGE_SIZE = 2
    adviser = world.actor("adviser")
    with acting_as(adviser):
        for phase in (Phase.ROUND_1, Phase.ROUND_2, Phase.POOL):
            services.trajectory_set_phase(by=adviser, trajectory=world.trajectory, phase=phase)
    client = client_as(world.users["adviser"])
    response = client.get(trail_url(world.org), {"soort": "trajectory"})
    assert "Pagina 1 van" in text(response)
    assert 'href="?pagina=2&amp;soort=trajectory"' in text(response)
    second = client.get(trail_url(world.org), {"soort": "trajectory", "pagina": 2})
    assert "Fase gewijzigd van Voorbereiding naar Ronde 1" in text(second)


@pytest.mark.parametrize("role", ["manager", "trainer", "participant"])
def test_other_roles_are_refused(world, client_as, role):
    response = client_as(world.users[role]).get(trail_url(world.org))
    assert response.status_code == 403
    assert FORBIDDEN in text(response)


def test_another_organisations_trail_does_not_exist_for_you(world, client_as):
    response = client_as(world.users["project_leader"]).get(trail_url(world.other_org))
    assert response.status_code == 404
    assert NOT_FOUND in text(response)


def test_anonymous_users_are_sent_to_log_in(world, client):
    response = client.get(trail_url(world.org))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_trail_is_read_only(world, client_as):
    client = client_as(world.users["adviser"])
    before = LogEntry.objects.count()
    response = client.post(trail_url(world.org), {"soort": "session"})
    assert response.status_code == 405
    assert LogEntry.objects.count() == before
    main = text(client.get(trail_url(world.org))).split("<main", 1)[1]
    assert main.count("<form") == 1 and 'method="get"' in main  # the filter, nothing else
    assert 'method="post"' not in main


def test_htmx_gets_the_results_only(world, client_as):
    response = client_as(world.users["adviser"]).get(
        trail_url(world.org), {"soort": "session"}, HTTP_HX_REQUEST="true"
    )
    content = text(response)
    assert response.status_code == 200
    assert "<html" not in content
    assert content.strip().startswith('<div id="results">')
    assert "Ingelogd" in content
