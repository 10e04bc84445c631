"""The trajectory pages as each role sees them, on the small ``world`` (tests/conftest.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from binnenuit.catalogue.models import Stage, Theme
from binnenuit.organisations.models import Person
from binnenuit.trajectories import services
from binnenuit.trajectories.models import (
    Enrolment,
    Meeting,
    Module,
    PartOfDay,
    Phase,
    Round,
    Trajectory,
)
from tests.factories import EnrolmentFactory, LocationFactory, PersonFactory
from tests.pages import field_error, fresh_token, messages_of, seen, token
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

ORG = "testdorp"

# The pages' Dutch messages.
FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."
NOT_ENROLABLE = (
    "Kies een medewerker van deze organisatie die nog niet in een ronde van dit traject zit."
)
EXPIRED = "Dit formulier is verlopen. Controleer wat je hebt ingevuld en verstuur het opnieuw."
SENT_TWICE = "Dit is twee keer verstuurd; het is één keer opgeslagen."
MORE_MATCH = "Er zijn meer medewerkers die passen: typ meer van de naam om de juiste te vinden."
NOBODY_MATCHES = "Niemand die nog niet in dit traject zit, past bij “{search}”."


def url(name: str, **kwargs: object) -> str:
    return reverse(f"trajectories:{name}", kwargs={"org_slug": ORG, **kwargs})


def round_url(round_) -> str:
    return url("round-detail", pk=round_.pk)


def text(response) -> str:
    return response.content.decode()


def assert_forbidden(response) -> None:
    assert response.status_code == 403
    assert FORBIDDEN in text(response)


def assert_not_found(response) -> None:
    assert response.status_code == 404
    assert NOT_FOUND in text(response)


def slots_of(trajectory: Trajectory) -> list[Module]:
    return list(
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True).order_by("position")
    )


def theme(trajectory: Trajectory, code: str) -> Theme:
    return Theme.objects.get(template=trajectory.template, code=code)


def enrol(world, round_, full_name: str) -> Enrolment:
    return services.enrolment_add(
        by=world.actor("project_leader"), round_=round_, person=world.person(full_name=full_name)
    )


def candidates(content: str) -> str:
    """The search results of the round page (all of an htmx fragment of them)."""
    start = content.index('<div id="candidates"')
    end = content.find("</section>", start)
    return content[start:] if end == -1 else content[start:end]


def offered(content: str) -> list[int]:
    """The employees the search results offer to add, by their "Add" buttons' forms."""
    return [int(pk) for pk in re.findall(r'name="person" value="(\d+)"', candidates(content))]


# --- Starting a trajectory ---------------------------------------------------------------


def test_project_leader_starts_a_trajectory(world, client_as):
    client = client_as(world.users["project_leader"])
    form = client.get(url("trajectory-start"))
    assert form.status_code == 200
    response = client.post(
        url("trajectory-start"),
        {
            "name": "Tweede cohort",
            "starts_on": "2027-02-01",
            "submission_token": fresh_token(text(form)),
        },
    )
    trajectory = Trajectory.objects.get(name="Tweede cohort")
    assert response.status_code == 302
    assert response["Location"] == trajectory.get_absolute_url()
    assert messages_of(response) == ["Het traject is gestart. Plan nu de bijeenkomsten."]
    assert trajectory.organisation == world.org
    assert trajectory.starts_on == datetime.date(2027, 2, 1)
    assert list(trajectory.rounds.order_by("stage").values_list("stage", flat=True)) == [
        Stage.ROUND_1,
        Stage.ROUND_2,
    ]


def test_start_without_name_is_refused(world, client_as):
    response = client_as(world.users["project_leader"]).post(
        url("trajectory-start"), {"name": "", "submission_token": token()}
    )
    assert response.status_code == 200
    assert field_error(text(response), "name") == "Geef het traject een naam."
    assert (
        not Trajectory.objects.filter(organisation=world.org)
        .exclude(pk=world.trajectory.pk)
        .exists()
    )


@pytest.mark.parametrize("sent", [None, "", "geen-token"])
def test_start_without_a_fresh_token_is_refused_as_expired(world, client_as, sent):
    data = {"name": "Verlopen cohort"}
    if sent is not None:
        data["submission_token"] = sent
    client = client_as(world.users["project_leader"])
    response = client.post(url("trajectory-start"), data)
    assert response.status_code == 200
    assert EXPIRED in text(response)
    assert 'value="Verlopen cohort"' in text(response)
    assert not Trajectory.objects.filter(name="Verlopen cohort").exists()
    # The form is shown again with a fresh token: sending it again works.
    fresh = fresh_token(text(response))
    assert fresh != sent
    again = client.post(url("trajectory-start"), {**data, "submission_token": fresh})
    assert again.status_code == 302
    assert Trajectory.objects.filter(name="Verlopen cohort").count() == 1


def test_start_sent_twice_with_one_token_starts_one_trajectory(world, client_as):
    client = client_as(world.users["project_leader"])
    data = {"name": "Dubbel cohort", "submission_token": token()}
    first = client.post(url("trajectory-start"), data)
    seen(client, first)
    second = client.post(url("trajectory-start"), data)  # the back button, and send again
    trajectory = Trajectory.objects.get(name="Dubbel cohort")
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == trajectory.get_absolute_url()
    assert messages_of(second) == [SENT_TWICE]


def test_a_manager_cannot_start_a_trajectory(world, client_as):
    client = client_as(world.users["manager"])
    assert_forbidden(client.get(url("trajectory-start")))
    assert_forbidden(
        client.post(url("trajectory-start"), {"name": "Stiekem", "submission_token": token()})
    )
    assert not Trajectory.objects.filter(name="Stiekem").exists()


def test_another_organisation_cannot_start_a_trajectory_here(world, client_as):
    response = client_as(world.users["outsider"]).post(
        url("trajectory-start"), {"name": "Stiekem", "submission_token": token()}
    )
    assert_not_found(response)
    assert not Trajectory.objects.filter(name="Stiekem").exists()


# --- The trajectory page -------------------------------------------------------------------


def test_trajectory_detail_shows_timeline_with_planned_and_past_meetings(world, client_as):
    trajectory = world.trajectory
    today = timezone.localdate()
    session = Meeting.objects.get(trajectory=trajectory, kind=Meeting.Kind.THEME_SESSION)
    Meeting.objects.filter(pk=session.pk).update(date=today - datetime.timedelta(days=30))
    first_module = Meeting.objects.filter(round=world.round_1).order_by("sequence").first()
    Meeting.objects.filter(pk=first_module.pk).update(date=today + datetime.timedelta(days=30))
    slot = slots_of(trajectory)[0]
    services.trajectory_choose_themes(
        by=world.actor("project_leader"),
        trajectory=trajectory,
        choices={slot.pk: theme(trajectory, "juiste-houding")},
    )
    response = client_as(world.users["manager"]).get(trajectory.get_absolute_url())
    content = text(response)
    assert response.status_code == 200
    for phase in ("Offerte", "Voorbereiding", "Ronde 1", "Ronde 2", "Trainerspool"):
        assert phase in content
    assert "gehouden" in content and "gepland" in content
    assert "De juiste houding" in content
    # A manager only reads.
    assert url("trajectory-themes", pk=trajectory.pk) not in content
    assert "kiezen" not in content
    assert url("meeting-update", pk=session.pk) not in content


def timeline_stages(content: str) -> dict[str, str]:
    """The timeline's stages: each stage's label and what is listed under it."""
    timeline = content[
        content.index('id="timeline-heading"') : content.index('id="themes-heading"')
    ]
    stages = re.split(r'<h3 class="utrecht-heading-3">', timeline)[1:]
    return {stage.split(" <span", 1)[0].strip(): stage for stage in stages}


def test_rounds_are_grouped_on_the_timeline_by_their_stage(world, client_as):
    content = text(
        client_as(world.users["project_leader"]).get(world.trajectory.get_absolute_url())
    )
    stages = timeline_stages(content)
    assert list(stages) == ["Offerte", "Voorbereiding", "Ronde 1", "Ronde 2", "Trainerspool"]
    assert "Intakebijeenkomst 1" in stages["Voorbereiding"]
    assert "Je X-factor in beeld" in stages["Ronde 1"]
    assert "Overheidsparticipatie als werkwijze" not in stages["Ronde 1"]
    assert "Overheidsparticipatie als werkwijze" in stages["Ronde 2"]
    assert "Je X-factor in beeld" not in stages["Ronde 2"]
    for position in range(2, 6):
        assert f"Themamodule {position}:" in stages["Ronde 2"]
        assert f"Themamodule {position}" not in stages["Ronde 1"]


def test_the_rounds_list_shows_places_taken_and_the_waiting_list(world, client_as):
    Round.objects.filter(pk=world.round_1.pk).update(min_participants=1, max_participants=2)
    for name in ("Ben Jansen", "Joost van Wijk"):  # the second goes on the waiting list
        enrol(world, world.round_1, name)
    enrol(world, world.round_2, "Femke Jacobs")
    content = text(client_as(world.users["manager"]).get(world.trajectory.get_absolute_url()))
    assert "Ronde 1</a> — Trainers in opleiding: 2 van 2 plaatsen bezet, 1 op de wachtlijst" in (
        content
    )
    assert "Ronde 2</a> — Collega&#x27;s: 2 van 14 plaatsen bezet</li>" in content


def test_project_leader_changes_the_phase(world, client_as):
    client = client_as(world.users["project_leader"])
    response = client.post(url("trajectory-phase", pk=world.trajectory.pk), {"phase": "round_1"})
    assert response.status_code == 302
    assert response["Location"] == world.trajectory.get_absolute_url()
    assert messages_of(response) == ["De fase is gewijzigd."]
    world.trajectory.refresh_from_db()
    assert world.trajectory.phase == Phase.ROUND_1
    seen(client, response)

    refused = client.post(url("trajectory-phase", pk=world.trajectory.pk), {"phase": "klaar"})
    assert refused.status_code == 302
    assert messages_of(refused) == ["Kies een van de fases."]
    world.trajectory.refresh_from_db()
    assert world.trajectory.phase == Phase.ROUND_1


def test_a_manager_cannot_change_the_phase(world, client_as):
    response = client_as(world.users["manager"]).post(
        url("trajectory-phase", pk=world.trajectory.pk), {"phase": "pool"}
    )
    assert_forbidden(response)
    world.trajectory.refresh_from_db()
    assert world.trajectory.phase == Phase.PREPARATION


def test_another_organisations_trajectory_is_not_found(world, client_as):
    foreign = url("trajectory-detail", pk=world.other_trajectory.pk)
    assert_not_found(client_as(world.users["project_leader"]).get(foreign))
    own = url("trajectory-detail", pk=world.trajectory.pk)
    assert_not_found(client_as(world.users["outsider"]).get(own))


# --- Round 2 themes ------------------------------------------------------------------------


def test_unknown_theme_is_refused(world, client_as):
    slot = slots_of(world.trajectory)[0]
    response = client_as(world.users["project_leader"]).post(
        url("trajectory-themes", pk=world.trajectory.pk), {f"module_{slot.pk}": "999999"}
    )
    assert response.status_code == 200
    assert field_error(text(response), f"module_{slot.pk}") == "Kies een thema uit de catalogus."
    slot.refresh_from_db()
    assert slot.theme_id is None


def test_choosing_the_same_theme_twice_is_refused_beside_the_second_choice(world, client_as):
    trajectory = world.trajectory
    slots = slots_of(trajectory)
    chosen = theme(trajectory, "vindingrijkheid")
    response = client_as(world.users["project_leader"]).post(
        url("trajectory-themes", pk=trajectory.pk),
        {f"module_{slots[0].pk}": chosen.pk, f"module_{slots[2].pk}": chosen.pk},
    )
    content = text(response)
    assert response.status_code == 200
    assert field_error(content, f"module_{slots[0].pk}") == ""
    assert field_error(content, f"module_{slots[2].pk}") == "Kies elk thema maar één keer."
    assert not Module.objects.filter(pk__in=[s.pk for s in slots], theme__isnull=False).exists()


def test_the_theme_of_a_module_already_held_cannot_change(world, client_as):
    trajectory = world.trajectory
    slots = slots_of(trajectory)
    themes = list(Theme.objects.filter(template=trajectory.template).order_by("position"))
    services.trajectory_choose_themes(
        by=world.actor("project_leader"),
        trajectory=trajectory,
        choices={s.pk: t for s, t in zip(slots, themes, strict=False)},
    )
    held, coming = slots[0], slots[1]
    today = timezone.localdate()
    Meeting.objects.filter(module=held).update(date=today - datetime.timedelta(days=14))
    Meeting.objects.filter(module=coming).update(date=today + datetime.timedelta(days=14))
    slots = slots_of(trajectory)
    before = {s.pk: s.theme_id for s in slots}
    spare = themes[-1]
    assert spare.pk not in before.values()
    data = {f"module_{s.pk}": s.theme_id for s in slots}
    data[f"module_{held.pk}"] = spare.pk
    client = client_as(world.users["project_leader"])
    response = client.post(url("trajectory-themes", pk=trajectory.pk), data)
    assert response.status_code == 200
    assert field_error(text(response), f"module_{held.pk}") == (
        "Deze module is al gehouden; het thema kan niet meer veranderen."
    )
    assert {s.pk: s.theme_id for s in Module.objects.filter(pk__in=before)} == before
    held_title = Meeting.objects.get(module=held).title

    data[f"module_{held.pk}"] = before[held.pk]
    data[f"module_{coming.pk}"] = spare.pk
    assert client.post(url("trajectory-themes", pk=trajectory.pk), data).status_code == 302
    assert Meeting.objects.get(module=coming).title == spare.name
    assert Meeting.objects.get(module=held).title == held_title


def test_themes_are_saved(world, client_as):
    trajectory = world.trajectory
    slots = slots_of(trajectory)
    themes = list(Theme.objects.filter(template=trajectory.template).order_by("-position")[:4])
    response = client_as(world.users["project_leader"]).post(
        url("trajectory-themes", pk=trajectory.pk),
        {f"module_{s.pk}": t.pk for s, t in zip(slots, themes, strict=True)},
    )
    assert response.status_code == 302
    assert response["Location"] == trajectory.get_absolute_url()
    assert messages_of(response) == ["De thema's van ronde 2 zijn opgeslagen."]
    assert [Module.objects.get(pk=s.pk).theme for s in slots] == themes


def test_swapping_two_modules_themes_is_saved(world, client_as):
    trajectory = world.trajectory
    slots = slots_of(trajectory)
    themes = list(Theme.objects.filter(template=trajectory.template).order_by("position")[:4])
    client = client_as(world.users["project_leader"])
    data = {f"module_{s.pk}": t.pk for s, t in zip(slots, themes, strict=True)}
    chosen = client.post(url("trajectory-themes", pk=trajectory.pk), data)
    assert chosen.status_code == 302
    seen(client, chosen)
    first, second = slots[0], slots[1]
    data[f"module_{first.pk}"], data[f"module_{second.pk}"] = themes[1].pk, themes[0].pk
    response = client.post(url("trajectory-themes", pk=trajectory.pk), data)
    assert response.status_code == 302
    assert messages_of(response) == ["De thema's van ronde 2 zijn opgeslagen."]
    assert [Module.objects.get(pk=s.pk).theme for s in slots] == [
        themes[1],
        themes[0],
        themes[2],
        themes[3],
    ]
    assert Meeting.objects.get(module=first).title == themes[1].name
    assert Meeting.objects.get(module=second).title == themes[0].name


def test_a_manager_cannot_choose_themes(world, client_as):
    slot = slots_of(world.trajectory)[0]
    client = client_as(world.users["manager"])
    themes_url = url("trajectory-themes", pk=world.trajectory.pk)
    assert_forbidden(client.get(themes_url))
    chosen = theme(world.trajectory, "vindingrijkheid")
    assert_forbidden(client.post(themes_url, {f"module_{slot.pk}": chosen.pk}))
    slot.refresh_from_db()
    assert slot.theme_id is None


# --- Round pages ---------------------------------------------------------------------------


def test_trainer_sees_own_round_and_group(world, client_as):
    enrol(world, world.round_1, "Ben Jansen")
    response = client_as(world.users["trainer"]).get(round_url(world.round_1))
    content = text(response)
    assert response.status_code == 200
    assert "Ben Jansen" in content and "Jouw groep" in content
    assert escape(world.people["trainer"].full_name) in content
    assert "Uitschrijven" not in content
    assert 'id="candidates"' not in content  # no search for employees to add


def test_trainer_sees_the_round_2_they_give(world, client_as):
    client = client_as(world.users["trainer"])
    content = text(client.get(round_url(world.round_2)))
    assert "De collega's die je traint" in content
    assert escape(world.people["participant"].full_name) in content
    assert "Uitschrijven" not in content
    home = client.get(reverse("dashboard:organisation-detail", args=[ORG]))
    home_content = text(home)
    assert "Mijn rondes" in home_content and "je traint deze ronde" in home_content


def test_trainer_without_round_1_does_not_see_round_2(world, client_as):
    Enrolment.objects.filter(round=world.round_1, person=world.people["trainer"]).update(
        status=Enrolment.Status.WITHDRAWN
    )
    client = client_as(world.users["trainer"])
    assert_forbidden(client.get(round_url(world.round_1)))
    assert_forbidden(client.get(round_url(world.round_2)))


def test_participant_does_not_see_round_1(world, client_as):
    assert_forbidden(client_as(world.users["participant"]).get(round_url(world.round_1)))


def test_participant_sees_round_2(world, client_as):
    enrol(world, world.round_2, "Thomas van den Berg")
    response = client_as(world.users["participant"]).get(round_url(world.round_2))
    content = text(response)
    assert response.status_code == 200
    assert "Thomas van den Berg" in content and "Jouw groep" in content
    assert "Overheidsparticipatie als werkwijze" in content


def test_another_organisations_round_is_not_found(world, client_as):
    foreign = world.other_trajectory.rounds.get(stage=Stage.ROUND_1)
    assert_not_found(client_as(world.users["project_leader"]).get(round_url(foreign)))
    assert_not_found(client_as(world.users["outsider"]).get(round_url(world.round_1)))


def test_round_members_htmx_fragment(world, client_as):
    enrol(world, world.round_1, "Ben Jansen")
    response = client_as(world.users["project_leader"]).get(
        round_url(world.round_1), headers={"HX-Request": "true"}
    )
    fragment = text(response)
    assert response.status_code == 200
    assert "<html" not in fragment and 'id="members"' in fragment and "Ben Jansen" in fragment


def test_only_organisers_see_the_waiting_list(world, client_as):
    round_2 = world.round_2
    Round.objects.filter(pk=round_2.pk).update(min_participants=1, max_participants=2)
    enrol(world, round_2, "Joost van Wijk")
    waiting = enrol(world, round_2, "Femke Jacobs")
    assert waiting.status == Enrolment.Status.WAITLISTED
    organiser_view = text(client_as(world.users["project_leader"]).get(round_url(round_2)))
    assert "Femke Jacobs" in organiser_view and "Op de wachtlijst" in organiser_view
    for reader in ("participant", "manager", "trainer"):
        view = text(client_as(world.users[reader]).get(round_url(round_2)))
        assert "Joost van Wijk" in view, reader
        assert "Femke Jacobs" not in view, reader
        assert "Op de wachtlijst" not in view, reader


# --- Finding employees to add --------------------------------------------------------------


def test_the_search_offers_matching_employees_not_yet_in_the_trajectory(world, client_as):
    ben = world.person(full_name="Ben Zoeklicht")
    in_round_1 = enrol(world, world.round_1, "Anke Zoeklicht").person
    in_round_2 = enrol(world, world.round_2, "Carel Zoeklicht").person
    taken_out = enrol(world, world.round_1, "Dirk Zoeklicht")
    services.enrolment_withdraw(by=world.actor("project_leader"), enrolment=taken_out)
    world.person(full_name="Eva de Vries")
    PersonFactory(organisation=world.other_org, full_name="Frits Zoeklicht")
    for round_ in (world.round_1, world.round_2):
        response = client_as(world.users["project_leader"]).get(
            round_url(round_), {"zoek": "zoeklicht"}
        )
        content = text(response)
        assert response.status_code == 200
        assert sorted(offered(content)) == sorted([ben.pk, taken_out.person_id])
        shown = candidates(content)
        assert "Ben Zoeklicht" in shown and "Dirk Zoeklicht" in shown
        assert shown.count("toe aan de ronde</button>") == 2  # an "Add … to the round" each
        assert 'Voeg<span class="visually-hidden"> Ben Zoeklicht</span> toe aan de ronde' in shown
        for name in ("Anke Zoeklicht", "Carel Zoeklicht", "Eva de Vries", "Frits Zoeklicht"):
            assert name not in shown, name
        assert in_round_1.pk not in offered(content) and in_round_2.pk not in offered(content)
        assert 'id="id_zoek" name="zoek" value="zoeklicht"' in content  # the search stays filled
        assert MORE_MATCH not in shown


def test_the_search_finds_by_email_department_and_team(world, client_as):
    by_email = world.person(full_name="Een", email="zoekwoord@test.example")
    by_department = world.person(full_name="Twee", department="Afdeling Zoekwoord")
    by_team = world.person(full_name="Drie", team="Team zoekwoord")
    response = client_as(world.users["project_leader"]).get(
        round_url(world.round_1), {"zoek": "ZOEKWOORD"}
    )
    assert sorted(offered(text(response))) == sorted([by_email.pk, by_department.pk, by_team.pk])


def test_the_search_shows_at_most_ten_and_says_when_more_match(world, client_as):
    client = client_as(world.users["project_leader"])
    people = [world.person(full_name=f"Medewerker Veelvoud {i:02d}") for i in range(10)]
    exactly_ten = text(client.get(round_url(world.round_1), {"zoek": "veelvoud"}))
    assert offered(exactly_ten) == [p.pk for p in people]  # by name
    assert MORE_MATCH not in exactly_ten

    people += [world.person(full_name=f"Medewerker Veelvoud {i:02d}") for i in (10, 11)]
    more = text(client.get(round_url(world.round_1), {"zoek": "veelvoud"}))
    assert offered(more) == [p.pk for p in people[:10]]
    assert MORE_MATCH in candidates(more)


def test_a_search_that_matches_nobody_says_so(world, client_as):
    response = client_as(world.users["project_leader"]).get(
        round_url(world.round_1), {"zoek": "Niemand<hier>"}
    )
    assert response.status_code == 200
    assert offered(text(response)) == []
    assert NOBODY_MATCHES.format(search="Niemand&lt;hier&gt;") in candidates(text(response))


def test_the_search_through_htmx_answers_with_the_candidates_only(world, client_as):
    ben = world.person(full_name="Ben Zoeklicht")
    response = client_as(world.users["project_leader"]).get(
        round_url(world.round_1),
        {"zoek": "Zoeklicht"},
        headers={"HX-Request": "true", "HX-Target": "candidates"},
    )
    fragment = text(response)
    assert response.status_code == 200
    assert fragment.lstrip().startswith('<div id="candidates">')  # swapped in, not out of band
    assert "<html" not in fragment and 'id="members"' not in fragment
    assert 'id="messages"' not in fragment
    assert offered(fragment) == [ben.pk]


@pytest.mark.parametrize("reader", ["manager", "trainer"])
def test_only_organisers_can_search_for_employees_to_add(world, client_as, reader):
    world.person(full_name="Ben Zoeklicht")
    response = client_as(world.users[reader]).get(round_url(world.round_1), {"zoek": "Ben Zoek"})
    content = text(response)
    assert response.status_code == 200
    assert 'id="candidates"' not in content and 'name="person"' not in content
    assert "Ben Zoeklicht" not in content


def test_the_round_page_queries_do_not_grow_from_5_to_500_employees(world, client_as):
    world.person(department="Samenleving")  # with the world's four: 5 employees
    assert Person.objects.for_org(world.org).count() == 5
    client = client_as(world.users["project_leader"])
    page = round_url(world.round_1)

    def fetch():
        for headers in ({}, {"HX-Request": "true", "HX-Target": "candidates"}):
            response = client.get(page, {"zoek": "samenleving"}, headers=headers)
            assert response.status_code == 200

    def grow():
        people = PersonFactory.build_batch(495, organisation=world.org, department="Samenleving")
        Person.objects.bulk_create(people)

    fetch()  # warm the caches
    assert_constant_queries(fetch, grow)
    assert Person.objects.for_org(world.org).count() == 500
    shown = text(client.get(page, {"zoek": "samenleving"}))
    assert len(offered(shown)) == 10 and MORE_MATCH in shown


# --- Adding and taking out -----------------------------------------------------------------


def test_enrol_and_withdraw_with_confirmation(world, client_as):
    person = world.person(full_name="Joost van Wijk")
    client = client_as(world.users["project_leader"])
    response = client.post(url("enrolment-add", pk=world.round_1.pk), {"person": person.pk})
    assert response.status_code == 302
    assert response["Location"] == round_url(world.round_1)
    assert messages_of(response) == ["Joost van Wijk is aan de ronde toegevoegd."]
    enrolment = Enrolment.objects.get(round=world.round_1, person=person)
    assert enrolment.status == Enrolment.Status.ENROLLED
    withdraw = url("enrolment-withdraw", pk=enrolment.pk)
    confirm = client.get(withdraw)
    assert confirm.status_code == 200
    assert "Joost van Wijk uit Ronde 1 halen?" in text(confirm)
    assert "Ja, uit de ronde halen" in text(confirm)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED  # GET changes nothing
    done = client.post(withdraw, {"submission_token": fresh_token(text(confirm))})
    assert done.status_code == 302
    assert done["Location"] == round_url(world.round_1)
    assert messages_of(done) == ["Joost van Wijk is uit de ronde gehaald."]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN


def test_taking_out_moves_up_the_first_on_the_waiting_list(world, client_as):
    round_1 = world.round_1
    Round.objects.filter(pk=round_1.pk).update(min_participants=1, max_participants=1)
    first, second = enrol(world, round_1, "Wim Wachter"), enrol(world, round_1, "Xandra Wachter")
    trainer = Enrolment.objects.get(round=round_1, person=world.people["trainer"])
    response = client_as(world.users["project_leader"]).post(
        url("enrolment-withdraw", pk=trainer.pk), {"submission_token": token()}
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Wim Wachter is van de wachtlijst doorgeschoven.",
        f"{world.people['trainer'].full_name} is uit de ronde gehaald.",
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("enrolled", "waitlisted")


@pytest.mark.parametrize("sent", [None, "geen-token"])
def test_taking_out_without_a_fresh_token_is_refused_as_expired(world, client_as, sent):
    enrolment = Enrolment.objects.get(round=world.round_1, person=world.people["trainer"])
    data = {} if sent is None else {"submission_token": sent}
    response = client_as(world.users["project_leader"]).post(
        url("enrolment-withdraw", pk=enrolment.pk), data
    )
    assert response.status_code == 302
    assert response["Location"] == round_url(world.round_1)
    assert messages_of(response) == [EXPIRED]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_taking_out_sent_twice_with_one_token_takes_out_once(world, client_as):
    round_1 = world.round_1
    Round.objects.filter(pk=round_1.pk).update(min_participants=1, max_participants=1)
    waiting = [enrol(world, round_1, name) for name in ("Wim Wachter", "Xandra Wachter")]
    trainer = Enrolment.objects.get(round=round_1, person=world.people["trainer"])
    client = client_as(world.users["project_leader"])
    data = {"submission_token": token()}
    seen(client, client.post(url("enrolment-withdraw", pk=trainer.pk), data))
    again = client.post(url("enrolment-withdraw", pk=trainer.pk), data)
    assert again.status_code == 302
    assert again["Location"] == round_url(round_1)
    assert messages_of(again) == [SENT_TWICE]
    assert [Enrolment.objects.get(pk=e.pk).status for e in waiting] == ["enrolled", "waitlisted"]


def test_enrolment_through_htmx_answers_with_the_updated_members_section(world, client_as):
    round_2 = world.round_2
    for i in range(12):  # with the world's participant: 13 of 14 places
        enrol(world, round_2, f"Collega {i:02d}")
    people = [world.person(full_name=name) for name in ("Femke Jacobs", "Joost van Wijk")]
    client = client_as(world.users["project_leader"])
    add = url("enrolment-add", pk=round_2.pk)
    first, second = (
        client.post(add, {"person": person.pk}, headers={"HX-Request": "true"}) for person in people
    )
    assert first.status_code == 200
    first_content = text(first)
    assert "<html" not in first_content and 'id="members"' in first_content
    assert '<div id="messages" data-hx-swap-oob="innerHTML">' in first_content
    assert "Femke Jacobs is aan de ronde toegevoegd." in first_content
    assert '<div id="candidates" data-hx-swap-oob="outerHTML">' in first_content
    # 13 + 1 fills the round's 14 places; the next one goes on the waiting list.
    assert "De ronde is vol: Joost van Wijk staat op de wachtlijst." in text(second)
    assert "Op de wachtlijst" in text(second)
    refused = client.post(add, {"person": ""}, headers={"HX-Request": "true"})
    assert refused.status_code == 200
    assert "Kies een medewerker." in text(refused)
    assert Enrolment.objects.filter(round=round_2).count() == 15


def test_adding_through_htmx_takes_the_person_out_of_the_candidates(world, client_as):
    anna, bert, carla = (
        world.person(full_name=f"{first} Zoekmans") for first in ("Anna", "Bert", "Carla")
    )
    response = client_as(world.users["project_leader"]).post(
        url("enrolment-add", pk=world.round_1.pk),
        {"person": bert.pk, "zoek": "zoekmans"},
        headers={"HX-Request": "true"},
    )
    content = text(response)
    assert response.status_code == 200
    members = content[content.index('id="members"') : content.index('id="messages"')]
    assert "Bert Zoekmans" in members
    assert offered(content) == [anna.pk, carla.pk]
    assert "Bert Zoekmans" not in candidates(content)
    # Each remaining "Add" button still carries the search, for the next one.
    assert candidates(content).count('name="zoek" value="zoekmans"') == 2


def test_adding_without_javascript_keeps_the_search(world, client_as):
    anna, bert = (world.person(full_name=f"{first} Zoek Mans") for first in ("Anna", "Bert"))
    client = client_as(world.users["project_leader"])
    response = client.post(
        url("enrolment-add", pk=world.round_1.pk), {"person": bert.pk, "zoek": " zoek mans "}
    )
    assert response.status_code == 302
    assert response["Location"] == round_url(world.round_1) + "?zoek=zoek+mans"
    assert messages_of(response) == ["Bert Zoek Mans is aan de ronde toegevoegd."]
    page = text(client.get(response["Location"]))
    assert offered(page) == [anna.pk]
    assert 'id="id_zoek" name="zoek" value="zoek mans"' in page


def test_enrolling_someone_of_another_organisation_is_refused(world, client_as):
    foreign = PersonFactory(organisation=world.other_org, full_name="Iemand Elders")
    response = client_as(world.users["project_leader"]).post(
        url("enrolment-add", pk=world.round_1.pk), {"person": foreign.pk}
    )
    assert response.status_code == 302
    assert messages_of(response) == [NOT_ENROLABLE]
    assert not Enrolment.objects.filter(person=foreign).exists()


def test_a_trainer_of_round_1_cannot_join_round_2_as_a_colleague(world, client_as):
    trainer = world.people["trainer"]
    client = client_as(world.users["project_leader"])
    page = text(client.get(round_url(world.round_2), {"zoek": trainer.full_name}))
    assert trainer.pk not in offered(page)  # not offered
    response = client.post(url("enrolment-add", pk=world.round_2.pk), {"person": trainer.pk})
    assert response.status_code == 302
    assert messages_of(response) == [NOT_ENROLABLE]
    assert not Enrolment.objects.filter(round=world.round_2, person=trainer).exists()


def test_a_manager_cannot_add_or_take_out(world, client_as):
    person = world.person(full_name="Ben Jansen")
    trainer = Enrolment.objects.get(round=world.round_1, person=world.people["trainer"])
    client = client_as(world.users["manager"])
    assert_forbidden(client.post(url("enrolment-add", pk=world.round_1.pk), {"person": person.pk}))
    assert_forbidden(client.get(url("enrolment-withdraw", pk=trainer.pk)))
    assert_forbidden(
        client.post(url("enrolment-withdraw", pk=trainer.pk), {"submission_token": token()})
    )
    assert not Enrolment.objects.filter(person=person).exists()
    trainer.refresh_from_db()
    assert trainer.status == Enrolment.Status.ENROLLED


def test_another_organisations_enrolment_is_not_found(world, client_as):
    foreign_round = world.other_trajectory.rounds.get(stage=Stage.ROUND_1)
    foreign = EnrolmentFactory(round=foreign_round)
    client = client_as(world.users["project_leader"])
    assert_not_found(client.get(url("enrolment-withdraw", pk=foreign.pk)))
    assert_not_found(
        client.post(url("enrolment-withdraw", pk=foreign.pk), {"submission_token": token()})
    )
    assert_not_found(
        client.post(url("enrolment-add", pk=foreign_round.pk), {"person": world.person().pk})
    )
    foreign.refresh_from_db()
    assert foreign.status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.filter(round=foreign_round).count() == 1


# --- Meetings ------------------------------------------------------------------------------


def last_meeting(world) -> Meeting:
    return Meeting.objects.filter(trajectory=world.trajectory).order_by("sequence").last()


def test_meeting_is_planned(world, client_as):
    meeting = last_meeting(world)
    raadzaal = LocationFactory(organisation=world.org, name="Raadzaal")
    response = client_as(world.users["project_leader"]).post(
        url("meeting-update", pk=meeting.pk),
        {
            "date": "2027-03-04",
            "part_of_day": "evening",
            "location": raadzaal.pk,
            "override_reason": "Ronde 1 is elders al gepland.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == world.trajectory.get_absolute_url()
    assert messages_of(response) == ["De bijeenkomst is opgeslagen."]
    meeting.refresh_from_db()
    assert (str(meeting.date), meeting.part_of_day, meeting.location) == (
        "2027-03-04",
        "evening",
        raadzaal,
    )


def test_bad_meeting_date_is_refused(world, client_as):
    meeting = last_meeting(world)
    response = client_as(world.users["project_leader"]).post(
        url("meeting-update", pk=meeting.pk),
        {"date": "31-31-2027", "part_of_day": "evening"},
    )
    assert response.status_code == 200
    assert field_error(text(response), "date") == "Voer een geldige datum in."
    meeting.refresh_from_db()
    assert (meeting.date, meeting.location) == (None, None)


def test_a_meeting_before_the_trajectory_starts_is_refused(world, client_as):
    trajectory = world.trajectory
    Trajectory.objects.filter(pk=trajectory.pk).update(starts_on=datetime.date(2027, 3, 1))
    meeting = last_meeting(world)
    before = (meeting.date, meeting.location)
    elders = LocationFactory(organisation=world.org, name="Elders")
    response = client_as(world.users["project_leader"]).post(
        url("meeting-update", pk=meeting.pk),
        {"date": "2027-02-28", "part_of_day": "evening", "location": elders.pk},
    )
    assert response.status_code == 200
    content = text(response)
    assert field_error(content, "date") == (
        "Kies een datum op of na 1 maart 2027, de start van dit traject."
    )
    assert f'<option value="{elders.pk}" selected>Elders (30 personen)</option>' in content
    meeting.refresh_from_db()
    assert (meeting.date, meeting.location) == before


def test_another_organisations_meeting_is_not_found(world, client_as):
    foreign = Meeting.objects.filter(trajectory=world.other_trajectory).first()
    response = client_as(world.users["project_leader"]).post(
        url("meeting-update", pk=foreign.pk),
        {"date": "2027-03-04", "part_of_day": "evening"},
    )
    assert_not_found(response)
    foreign.refresh_from_db()
    assert foreign.date is None


# --- The organisation's overview -----------------------------------------------------------


def test_staff_see_coming_preparation_meetings(world, client_as):
    session = Meeting.objects.get(trajectory=world.trajectory, kind=Meeting.Kind.THEME_SESSION)
    Meeting.objects.filter(pk=session.pk).update(
        date=timezone.localdate() + datetime.timedelta(days=20),
        location=LocationFactory(organisation=world.org, name="Raadhuis Testdorp"),
    )
    home = reverse("dashboard:organisation-detail", args=[ORG])
    for staff in ("project_leader", "manager"):
        content = text(client_as(world.users[staff]).get(home))
        assert f"{session.title} (Raadhuis Testdorp)" in content, staff
    assert "Raadhuis Testdorp" not in text(client_as(world.users["participant"]).get(home))


def test_coming_meetings_of_one_day_show_morning_afternoon_evening(world, client_as):
    day = timezone.localdate() + datetime.timedelta(days=10)
    meetings = list(Meeting.objects.filter(round=world.round_1).order_by("sequence")[:3])
    parts = (PartOfDay.EVENING, PartOfDay.MORNING, PartOfDay.AFTERNOON)
    for meeting, part in zip(meetings, parts, strict=True):
        Meeting.objects.filter(pk=meeting.pk).update(date=day, part_of_day=part)
    content = text(
        client_as(world.users["project_leader"]).get(
            reverse("dashboard:organisation-detail", args=[ORG])
        )
    )
    coming = content[content.index('id="upcoming-heading"') :]
    assert coming.startswith('id="upcoming-heading">Komende bijeenkomsten</h2>')
    coming = coming[: coming.index("</section>")]
    listed = re.findall(r", (ochtend|middag|avond): ([^<(]+?)\s*</li>", coming)
    assert listed == [
        ("ochtend", meetings[1].title),
        ("middag", meetings[2].title),
        ("avond", meetings[0].title),
    ]
