"""Module 2 and coaching through the services and the pages: goals, themes, pairs, the log,
and private notes that only their author ever reads."""

from __future__ import annotations

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from binnenuit.catalogue.models import Competence
from binnenuit.coaching import selectors, services
from binnenuit.coaching.models import (
    CoachingMeeting,
    CoachPair,
    GapWeight,
    LearningGoal,
    PrivateNote,
    PrivateNotebook,
    ThemeTeam,
)
from binnenuit.core.exceptions import ServiceError
from binnenuit.privacy import services as privacy_services
from binnenuit.profiles.models import Profile
from binnenuit.trajectories.models import Enrolment, Module
from tests.pages import fresh_token
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

SECRET = "Ik merk dat ik ongeduldig word als hij uitweidt."


def url(world, name: str, **kwargs) -> str:
    return reverse(f"coaching:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


def competence(world, code: str) -> Competence:
    return Competence.objects.get(template=world.trajectory.template, code=code)


def trainer(world, name: str, codes: list[str], **fields):
    """Another round-1 trainer with these strengths in their X-factor."""
    person = world.person(full_name=name, **fields)
    Enrolment.objects.create(organisation=world.org, round=world.round_1, person=person)
    profile = Profile.objects.create(
        organisation=world.org, person=person, story="Mijn verhaal.", difference="Luisteren."
    )
    profile.strengths.set([competence(world, c) for c in codes])
    return person


def participant(world, name: str, codes: list[str], **fields):
    person = world.person(full_name=name, **fields)
    enrolment = Enrolment.objects.create(organisation=world.org, round=world.round_2, person=person)
    for code in codes:
        LearningGoal.objects.create(
            organisation=world.org,
            enrolment=enrolment,
            competence=competence(world, code),
            sentence=f"Ik wil beter worden in {code}.",
        )
    return person


def strengthen(world, person, codes):
    profile = Profile.objects.create(
        organisation=world.org, person=person, story="Verhaal.", difference="Anders."
    )
    profile.strengths.set([competence(world, c) for c in codes])


def hand_gaps(world, weights: dict[str, int]):
    services.gap_weights_save(
        by=world.actor("project_leader"),
        trajectory=world.trajectory,
        weights={competence(world, c).pk: w for c, w in weights.items()},
    )


# --- The organisation's gaps --------------------------------------------------------------


def test_without_a_scan_the_hand_entered_goals_are_the_gaps(world):
    assert selectors.gap_weights(world.trajectory).source == selectors.NONE
    hand_gaps(world, {"ROL": 5, "VER": 2, "CRE": 0})
    gaps = selectors.gap_weights(world.trajectory)
    assert gaps.source == selectors.HAND
    assert gaps.weights == {competence(world, "ROL").pk: 5.0, competence(world, "VER").pk: 2.0}


def test_a_closed_scan_wins_over_the_hand_entered_goals(world, monkeypatch):
    from binnenuit.scan import selectors as scan_selectors

    hand_gaps(world, {"ROL": 5})
    rol = competence(world, "ROL").pk
    monkeypatch.setattr(scan_selectors, "organisation_gaps", lambda org: {rol: 1.25})
    gaps = selectors.gap_weights(world.trajectory)
    assert (gaps.source, gaps.weights) == (selectors.SCAN, {rol: 1.25})


def test_a_weight_out_of_range_is_refused_and_nothing_saved(world):
    with pytest.raises(ServiceError):
        hand_gaps(world, {"ROL": 9})
    assert not GapWeight.objects.exists()
    with pytest.raises(PermissionDenied):
        services.gap_weights_save(
            by=world.actor("manager"), trajectory=world.trajectory, weights={}
        )


# --- Learning goals -----------------------------------------------------------------------


def own_enrolment(world):
    return Enrolment.objects.get(round=world.round_2, person=world.people["participant"])


def test_a_participant_states_at_most_three_goals(world):
    enrolment = own_enrolment(world)
    goals = [(competence(world, c), f"Zin over {c}.") for c in ("ROL", "LUI", "VER", "CRE")]
    with pytest.raises(ServiceError) as refused:
        services.learning_goals_save(
            by=world.actor("participant"), enrolment=enrolment, goals=goals
        )
    assert "hoogstens 3" in str(refused.value) or "maximaal 3" in str(refused.value)
    assert not LearningGoal.objects.exists()
    services.learning_goals_save(
        by=world.actor("participant"), enrolment=enrolment, goals=goals[:3]
    )
    assert LearningGoal.objects.filter(enrolment=enrolment).count() == 3
    with pytest.raises(PermissionDenied):
        services.learning_goals_save(by=world.actor("trainer"), enrolment=enrolment, goals=[])


def test_the_goals_page_saves_the_participants_own_goals(world, client_as):
    client = client_as(world.users["participant"])
    page = client.get(url(world, "goals"))
    rol = competence(world, "ROL")
    response = client.post(
        url(world, "goals"),
        {
            "competence_1": rol.pk,
            "sentence_1": "Duidelijk zijn over wat de gemeente doet.",
            "competence_2": "",
            "sentence_2": "",
            "competence_3": "",
            "sentence_3": "",
            "submission_token": fresh_token(page.content.decode()),
        },
    )
    assert response.status_code == 302
    goal = LearningGoal.objects.get()
    assert (goal.competence, goal.enrolment.person) == (rol, world.people["participant"])


# --- Round-2 themes -----------------------------------------------------------------------


def team_of_eight(world):
    """Eight trainers whose strengths carry every theme (the world's own trainer has none)."""
    return [
        trainer(world, "Ans Dekker", ["ROL", "HOU"]),
        trainer(world, "Bram Vos", ["ROL", "VER"]),
        trainer(world, "Cor Jansen", ["KRA", "EEN"]),
        trainer(world, "Dirk Smit", ["KRA", "MOE"]),
        trainer(world, "Els Bakker", ["VER", "OMG"]),
        trainer(world, "Fleur de Wit", ["CRE", "VIN"]),
        trainer(world, "Gijs Mulder", ["CRE", "DIL"]),
        trainer(world, "Hanna 't Hart", ["MOE", "REF"]),
    ]


def test_accepting_the_recommendation_fills_round_2_and_its_teams(world):
    team_of_eight(world)
    hand_gaps(world, {"ROL": 5, "KRA": 4, "CRE": 4, "MOE": 3, "VER": 1})
    choice = services.themes_accept(by=world.actor("adviser"), trajectory=world.trajectory)
    slots = list(
        Module.objects.filter(round=world.round_2, is_theme_slot=True).order_by("position")
    )
    assert [s.theme_id for s in slots] == list(choice.themes)
    for slot in slots:
        team = ThemeTeam.objects.get(module=slot).trainers.all()
        assert team.count() >= 2
    load: dict[int, int] = {}
    for team in ThemeTeam.objects.all():
        for person in team.trainers.all():
            load[person.pk] = load.get(person.pk, 0) + 1
    assert max(load.values()) <= 2


def test_too_few_trainers_explain_themselves_on_the_page(world, client_as):
    response = client_as(world.users["adviser"]).get(url(world, "themes", pk=world.trajectory.pk))
    assert response.status_code == 200
    assert "Er is geen aanbeveling" in response.content.decode() or "no recommendation" in (
        response.content.decode()
    )
    with pytest.raises(ServiceError):
        services.themes_accept(by=world.actor("adviser"), trajectory=world.trajectory)


def test_a_hand_choice_shows_the_rules_it_breaks_before_it_is_saved(world, client_as):
    people = team_of_eight(world)
    slots = list(
        Module.objects.filter(round=world.round_2, is_theme_slot=True).order_by("position")
    )
    themes = list(world.trajectory.template.themes.order_by("position")[:4])
    data = {f"theme_{s.pk}": t.pk for s, t in zip(slots, themes, strict=True)}
    data[f"team_{slots[0].pk}"] = [people[0].pk]  # a team of one
    client = client_as(world.users["project_leader"])
    checked = client.post(url(world, "themes", pk=world.trajectory.pk), {**data, "check": ""})
    assert checked.status_code == 200
    assert 'id="hand-choice-problems"' in checked.content.decode()
    assert all(s.theme_id is None for s in Module.objects.filter(pk__in=[s.pk for s in slots]))
    saved = client.post(url(world, "themes", pk=world.trajectory.pk), {**data, "save": ""})
    assert saved.status_code == 302
    assert Module.objects.get(pk=slots[0].pk).theme == themes[0]


# --- Coach pairs --------------------------------------------------------------------------


def pairing_world(world):
    """Three trainers (the world's own one among them), three participants with goals."""
    strengthen(world, world.people["trainer"], ["ROL"])
    boss = trainer(world, "Karin Bos", ["VER", "OMG"], department="Ruimte", team="Wijken")
    trainer(world, "Lars Kok", ["CRE"], department="Publiekszaken", team="Balie")
    participant(world, "Mila Peters", ["VER"], department="Ruimte", team="Wijken")
    participant(world, "Noor Visser", ["CRE"], department="Sociaal Domein", line_manager=boss)
    world.people["participant"].department = "Publiekszaken"
    world.people["participant"].save()
    LearningGoal.objects.create(
        organisation=world.org,
        enrolment=own_enrolment(world),
        competence=competence(world, "ROL"),
        sentence="Mijn rol helder maken.",
    )
    hand_gaps(world, {"ROL": 3, "VER": 2, "CRE": 1})
    return boss


def test_pairs_never_break_an_exclusion_and_explain_their_score(world):
    boss = pairing_world(world)
    result = services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    assert not result.problems
    pairs = {
        p.participant.full_name: p
        for p in CoachPair.objects.select_related("trainer", "participant")
    }
    assert len(pairs) == 3
    # Karin Bos is Mila's teammate and Noor's manager: she coaches neither, so she coaches
    # the one participant left, and the others get the trainer strong in their goal.
    assert pairs[world.people["participant"].full_name].trainer == boss
    assert pairs["Mila Peters"].trainer == world.people["trainer"]
    noor = pairs["Noor Visser"]
    assert noor.trainer.full_name == "Lars Kok"
    assert noor.score["covered"] == [competence(world, "CRE").pk]
    assert noor.score["goals"] == pytest.approx(1 + 1)
    assert noor.score["bridge"] == pytest.approx(1.0)  # Publiekszaken coaches Sociaal Domein
    assert noor.total == pytest.approx(3.0)


def test_locked_pairs_are_kept_when_the_pairs_are_made_again(world):
    pairing_world(world)
    services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    pair = CoachPair.objects.exclude(participant=world.people["participant"]).first()
    services.pair_lock(by=world.actor("adviser"), pair=pair, locked=True)
    services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    kept = CoachPair.objects.get(participant=pair.participant)
    assert (kept.trainer, kept.locked) == (pair.trainer, True)


def test_a_lock_against_an_exclusion_is_refused_in_dutch(world):
    boss = pairing_world(world)
    noor = Enrolment.objects.get(round=world.round_2, person__full_name="Noor Visser").person
    with pytest.raises(ServiceError) as refused:
        services.pair_make(
            by=world.actor("project_leader"), round_=world.round_2, trainer=boss, participant=noor
        )
    assert "leidinggevende" in str(refused.value)
    assert not CoachPair.objects.exists()


def test_no_trainers_or_participants_is_a_clear_message(world):
    Enrolment.objects.filter(round=world.round_1).delete()
    with pytest.raises(ServiceError) as refused:
        services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    assert "trainers" in str(refused.value)
    with pytest.raises(ServiceError):
        services.pairs_generate(by=world.actor("adviser"), round_=world.round_1)


def test_a_swap_shows_its_effect_and_refuses_other_rounds(world, client_as):
    pairing_world(world)
    services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    first, second = CoachPair.objects.order_by("pk")[:2]
    delta, problem = services.swap_preview(first=first, second=second)
    total_before = sum(p.total for p in CoachPair.objects.all())
    if problem:
        with pytest.raises(ServiceError):
            services.pairs_swap(by=world.actor("adviser"), first=first, second=second)
    else:
        services.pairs_swap(by=world.actor("adviser"), first=first, second=second)
        total_after = sum(p.total for p in CoachPair.objects.all())
        assert total_after - total_before == pytest.approx(delta)
    other = CoachPair(round=world.round_1, pk=first.pk + 1000)
    assert services.swap_preview(first=first, second=other)[1] == (
        "Alleen twee koppels uit dezelfde ronde kunnen ruilen."
    )
    page = client_as(world.users["adviser"]).get(
        url(world, "pairs", pk=world.trajectory.pk), {"first": first.pk, "second": second.pk}
    )
    assert 'id="swap-preview"' in page.content.decode()


def test_published_pairs_see_each_other_with_contact_details(world, client_as):
    pairing_world(world)
    services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    coach = CoachPair.objects.get(participant=world.people["participant"]).trainer
    coach.email = "karin.bos@testdorp.example"
    coach.save()
    mine = client_as(world.users["participant"]).get(url(world, "mine")).content.decode()
    assert escape(coach.full_name) not in mine
    services.pairs_publish(by=world.actor("adviser"), round_=world.round_2)
    mine = client_as(world.users["participant"]).get(url(world, "mine")).content.decode()
    assert escape(coach.full_name) in mine
    assert coach.email in mine
    mila = CoachPair.objects.get(participant__full_name="Mila Peters")
    seen = client_as(world.users["trainer"]).get(url(world, "mine")).content.decode()
    assert escape(mila.participant.full_name) in seen
    with pytest.raises(ServiceError):
        services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)


def test_the_pairs_page_shows_each_pair_and_says_who_coaches_two(world, client_as):
    pairing_world(world)
    participant(world, "Olaf Smits", ["ROL"], department="Financiën")
    services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    page = client_as(world.users["project_leader"]).get(url(world, "pairs", pk=world.trajectory.pk))
    text = page.content.decode()
    assert 'id="summary-1"' in text
    assert "coachen er twee" in text or "coach two" in text
    assert text.count('class="utrecht-table__row"') >= 5


# --- The coaching log and private notes ---------------------------------------------------


def published_pair(world) -> CoachPair:
    return CoachPair.objects.create(
        organisation=world.org,
        round=world.round_2,
        trainer=world.people["trainer"],
        participant=world.people["participant"],
        published_at=timezone.now(),
    )


def test_coach_and_coachee_log_a_meeting_the_organisers_see_only_counts(world, client_as):
    pair = published_pair(world)
    goal = LearningGoal.objects.create(
        organisation=world.org,
        enrolment=own_enrolment(world),
        competence=competence(world, "ROL"),
        sentence="Rol helder.",
    )
    services.meeting_record(
        by=world.actor("trainer"),
        pair=pair,
        date=datetime.date(2026, 10, 1),
        duration=45,
        form="walk",
        topics=[goal],
        shared_notes="We spraken over de buurtavond.",
    )
    log = client_as(world.users["participant"]).get(url(world, "log", pk=pair.pk)).content.decode()
    assert "We spraken over de buurtavond." in log
    oversight = client_as(world.users["project_leader"]).get(
        url(world, "oversight", pk=world.trajectory.pk)
    )
    text = oversight.content.decode()
    assert "1 oktober 2026" in text
    assert "buurtavond" not in text
    assert "Rol helder" not in text


def test_topics_come_from_the_coachees_goals(world):
    pair = published_pair(world)
    other = LearningGoal.objects.create(
        organisation=world.org,
        enrolment=Enrolment.objects.create(
            organisation=world.org, round=world.round_2, person=world.person()
        ),
        competence=competence(world, "ROL"),
        sentence="Niet van deze coachee.",
    )
    with pytest.raises(ServiceError):
        services.meeting_record(
            by=world.actor("trainer"),
            pair=pair,
            date=datetime.date(2026, 10, 1),
            duration=30,
            form="video",
            topics=[other],
        )
    assert not CoachingMeeting.objects.exists()


def test_a_private_note_is_read_by_its_author_only(world, client_as):
    pair = published_pair(world)
    note = services.private_note_add(by=world.actor("trainer"), pair=pair, text=SECRET)
    author = client_as(world.users["trainer"]).get(url(world, "log", pk=pair.pk))
    assert escape(SECRET) in author.content.decode()
    coachee = client_as(world.users["participant"]).get(url(world, "log", pk=pair.pk))
    assert coachee.status_code == 200
    assert escape(SECRET) not in coachee.content.decode()
    for role in ("adviser", "project_leader", "manager", "participant", "outsider"):
        response = client_as(world.users[role]).post(url(world, "note-delete", pk=note.pk))
        assert response.status_code == 404, role
    for role in ("adviser", "project_leader", "manager"):
        for name in ("oversight", "pairs", "matrix"):
            response = client_as(world.users[role]).get(url(world, name, pk=world.trajectory.pk))
            assert escape(SECRET) not in response.content.decode(), (role, name)
    assert PrivateNote.objects.filter(pk=note.pk).exists()


def test_a_private_note_is_in_no_audit_entry(world):
    pair = published_pair(world)
    note = services.private_note_add(by=world.actor("trainer"), pair=pair, text=SECRET)
    note.text = SECRET + " Nog meer."
    note.save()
    kind = ContentType.objects.get_for_model(PrivateNote)
    assert not LogEntry.objects.filter(content_type=kind).exists()
    assert SECRET not in json.dumps([e.changes for e in LogEntry.objects.all()], default=str)


def test_a_private_note_is_only_in_the_authors_own_export(world):
    pair = published_pair(world)
    services.private_note_add(by=world.actor("trainer"), pair=pair, text=SECRET)
    for role in ("adviser", "project_leader"):
        export = privacy_services.subject_export(
            by=world.actor(role), person=world.people["trainer"]
        )
        assert SECRET not in json.dumps(export, default=str), role
    other = privacy_services.own_export(by=world.outside("participant"))
    assert SECRET not in json.dumps(other, default=str)
    own = privacy_services.own_export(by=world.outside("trainer"))
    assert SECRET in json.dumps(own, default=str)


def test_erasing_the_author_deletes_their_private_notes(world):
    pair = published_pair(world)
    services.private_note_add(by=world.actor("trainer"), pair=pair, text=SECRET)
    services.private_note_add(by=world.actor("participant"), pair=pair, text="Van de coachee.")
    privacy_services.subject_erase(by=world.actor("adviser"), person=world.people["trainer"])
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["Van de coachee."]
    assert PrivateNotebook.objects.count() == 1
    assert CoachPair.objects.filter(pk=pair.pk).exists()  # the pair and its history stay


def test_the_author_deletes_their_own_note(world, client_as):
    pair = published_pair(world)
    note = services.private_note_add(by=world.actor("trainer"), pair=pair, text=SECRET)
    client = client_as(world.users["trainer"])
    page = client.get(url(world, "log", pk=pair.pk))
    response = client.post(
        url(world, "note-delete", pk=note.pk),
        {"submission_token": fresh_token(page.content.decode())},
    )
    assert response.status_code == 302
    assert not PrivateNote.objects.exists()


def test_an_unpublished_pair_has_no_log_yet(world):
    pair = published_pair(world)
    pair.published_at = None
    pair.save()
    with pytest.raises(PermissionDenied):
        services.private_note_add(by=world.actor("trainer"), pair=pair, text="Nog niet.")


# --- The matrix ---------------------------------------------------------------------------


def test_the_matrix_shows_values_and_calls_out_uncovered_gaps(world, client_as):
    hand_gaps(world, {"ROL": 4, "DIL": 5})
    strengthen(world, world.people["trainer"], ["ROL"])
    page = client_as(world.users["manager"]).get(url(world, "matrix", pk=world.trajectory.pk))
    text = page.content.decode()
    assert "bu-heat__cell--3" in text  # the colour band of gap 4
    assert ">4,0<" in text or ">4.0<" in text  # and its value, readable without colour
    assert 'id="uncovered"' in text
    assert "Omgaan met dilemma" in text
    sorted_page = client_as(world.users["manager"]).get(
        url(world, "matrix", pk=world.trajectory.pk), {"sort": "ROL"}
    )
    assert sorted_page.status_code == 200


def test_the_matrix_page_query_count_does_not_grow_with_the_trainers(world, client_as):
    hand_gaps(world, {"ROL": 4})
    strengthen(world, world.people["trainer"], ["ROL"])
    client = client_as(world.users["adviser"])
    counter = iter(range(100))

    def grow():
        for _ in range(5):
            n = next(counter)
            trainer(world, f"Trainer {n}", ["ROL", "VER", "CRE"], department=f"Afdeling {n}")

    assert_constant_queries(lambda: client.get(url(world, "matrix", pk=world.trajectory.pk)), grow)


def test_a_trainer_who_left_coaches_nobody(world):
    pairing_world(world)
    gone = trainer(world, "Rob Weg", ["ROL", "VER", "CRE"], department="Elders")
    gone.left_on = timezone.localdate() - datetime.timedelta(days=1)
    gone.save()
    assert gone not in selectors.trainers_of(world.trajectory)
    services.pairs_generate(by=world.actor("adviser"), round_=world.round_2)
    assert not CoachPair.objects.filter(trainer=gone).exists()
