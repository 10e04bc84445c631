"""The dashboard: the organisation list (active and archived) and an organisation's overview,
on the small ``world`` (see ``tests/conftest.py``)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from binnenuit.organisations.models import Organisation, Role
from binnenuit.trajectories.models import Trajectory
from tests.factories import MembershipFactory
from tests.pages import token

pytestmark = pytest.mark.django_db

NO_ACCESS = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Pagina niet gevonden"
# The Dutch of core.submissions (msgid "This form has expired. ...").
EXPIRED = "Dit formulier is verlopen. Controleer wat je hebt ingevuld en verstuur het opnieuw."
# The Dutch of organisations.views and the overview ("%(name)s is archived. ...",
# "%(name)s is active again.", "This organisation is archived: ...").
ARCHIVED = "Gemeente Testdorp is gearchiveerd."
RESTORED = "Gemeente Testdorp is weer actief."
ARCHIVED_NOTICE = "Deze organisatie is gearchiveerd"
MEMBERS_BUT_THE_ADVISER = ("project_leader", "manager", "trainer", "participant")


def organisation_list(client, *, archived: bool = False) -> str:
    query = {"gearchiveerd": "1"} if archived else {}
    response = client.get(reverse("dashboard:organisation-list"), query)
    assert response.status_code == 200
    return response.content.decode()


def archive_url(org: Organisation) -> str:
    return reverse("organisations:organisation-archive", kwargs={"org_slug": org.slug})


def archive(client, org: Organisation):
    """Confirm the archive page (or, for an archived organisation, the restore page)."""
    return client.post(archive_url(org), {"submission_token": token()})


def listed(page: str, org: Organisation) -> bool:
    return f'href="{org.get_absolute_url()}">{org.name}</a>' in page


def alert(page: str, kind: str) -> str:
    """The text of the page's first message of this kind ("ok", "info", "error")."""
    match = re.search(rf'utrecht-alert--{kind}">\s*<p class="utrecht-paragraph">([^<]*)<', page)
    return match.group(1) if match else ""


# --- The organisation overview ------------------------------------------------------------


def test_an_empty_overview_explains_what_to_do(client_as):
    membership = MembershipFactory(role="project_leader")
    response = client_as(membership.user).get(membership.organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Nog geen traject" in response.content.decode()
    assert not Trajectory.objects.exists()


# --- The organisation list ----------------------------------------------------------------


def test_organisation_list_shows_the_trajectories_an_adviser_advises(world, client_as):
    MembershipFactory(organisation=world.other_org, user=world.users["adviser"], role=Role.ADVISER)
    page = organisation_list(client_as(world.users["adviser"]))
    assert Trajectory.objects.count() == 2
    for trajectory in Trajectory.objects.all():
        assert trajectory.get_absolute_url() in page
        assert f"({trajectory.get_phase_display()})" in page


def test_organisation_list_hides_trajectories_from_trainers(world, client_as):
    content = organisation_list(client_as(world.users["trainer"]))
    assert "Gemeente Testdorp" in content
    assert "/trajecten/" not in content
    assert "Gemeente Elders" not in content


# --- Archiving and restoring an organisation ----------------------------------------------


def test_the_archive_page_asks_for_confirmation_in_dutch(world, client_as):
    response = client_as(world.users["adviser"]).get(archive_url(world.org))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ja, archiveren" in content
    assert "Nee, terug" in content
    assert re.search(r'<input type="hidden" name="submission_token" value="[0-9a-f-]{36}"', content)
    assert world.org.get_absolute_url() in content  # "No" goes back to the overview


def test_archiving_needs_the_one_time_token(world, client_as):
    client = client_as(world.users["adviser"])
    response = client.post(archive_url(world.org), {})
    assert response.status_code == 302
    assert response["Location"] == world.org.get_absolute_url()
    assert alert(client.get(response["Location"]).content.decode(), "error") == EXPIRED
    world.org.refresh_from_db()
    assert not world.org.is_archived


def test_an_archived_organisation_leaves_the_active_list(world, client_as):
    client = client_as(world.users["adviser"])
    response = archive(client, world.org)
    assert response.status_code == 302
    assert response["Location"] == world.org.get_absolute_url()
    world.org.refresh_from_db()
    assert world.org.is_archived

    active = organisation_list(client)
    assert not listed(active, world.org)
    assert '?gearchiveerd=1"' in active  # the way to the archived ones
    assert listed(organisation_list(client, archived=True), world.org)


def test_archiving_and_restoring_are_confirmed_in_dutch(world, client_as):
    client = client_as(world.users["adviser"])
    archived = client.get(archive(client, world.org)["Location"]).content.decode()
    assert alert(archived, "ok").startswith(ARCHIVED)
    assert ARCHIVED_NOTICE in archived  # the overview says so while it is archived
    restored = client.get(archive(client, world.org)["Location"]).content.decode()
    assert alert(restored, "ok") == RESTORED


def test_the_archive_is_hidden_from_the_organisations_other_members(world, client_as):
    archive(client_as(world.users["adviser"]), world.org)
    for role in MEMBERS_BUT_THE_ADVISER:
        client = client_as(world.users[role])
        active = organisation_list(client)
        assert not listed(active, world.org), role
        assert "?gearchiveerd=1" not in active, role
        assert not listed(organisation_list(client, archived=True), world.org), role


@pytest.mark.parametrize("role", MEMBERS_BUT_THE_ADVISER)
def test_its_other_members_get_404_on_an_archived_organisation(world, client_as, role):
    archive(client_as(world.users["adviser"]), world.org)
    response = client_as(world.users[role]).get(world.org.get_absolute_url())
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_the_adviser_still_opens_an_archived_organisation_and_restores_it(world, client_as):
    adviser = client_as(world.users["adviser"])
    archive(adviser, world.org)
    overview = adviser.get(world.org.get_absolute_url())
    assert overview.status_code == 200
    assert f'href="{archive_url(world.org)}"' in overview.content.decode()
    assert adviser.get(archive_url(world.org)).status_code == 200

    response = archive(adviser, world.org)  # the same page now restores
    assert response.status_code == 302
    assert response["Location"] == world.org.get_absolute_url()
    world.org.refresh_from_db()
    assert not world.org.is_archived
    assert listed(organisation_list(adviser), world.org)
    assert not listed(organisation_list(adviser, archived=True), world.org)
    project_leader = client_as(world.users["project_leader"])
    assert project_leader.get(world.org.get_absolute_url()).status_code == 200
    assert listed(organisation_list(project_leader), world.org)


@pytest.mark.parametrize("role", MEMBERS_BUT_THE_ADVISER)
def test_only_an_adviser_may_archive(world, client_as, role):
    client = client_as(world.users[role])
    page = client.get(archive_url(world.org))
    assert page.status_code == 403
    assert NO_ACCESS in page.content.decode()
    response = archive(client, world.org)
    assert response.status_code == 403
    assert NO_ACCESS in response.content.decode()
    world.org.refresh_from_db()
    assert not world.org.is_archived


def test_another_organisations_user_cannot_find_the_archive_page(world, client_as):
    response = archive(client_as(world.users["outsider"]), world.org)
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()
    world.org.refresh_from_db()
    assert not world.org.is_archived
