"""Recruitment's services: calls, applications and decisions, and who may run them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from binnenuit.catalogue.models import SelectionCriterion, Stage
from binnenuit.core.exceptions import ServiceError
from binnenuit.mail.models import Mail
from binnenuit.organisations.models import FunctionCategory, Invitation, Person, Role
from binnenuit.recruitment import services
from binnenuit.recruitment.models import Application, Call, Decision
from binnenuit.trajectories import services as trajectory_services
from binnenuit.trajectories.models import Enrolment
from tests.recruitment.conftest import applicants, apply, open_call, plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def decide(world, application, decision, role="project_leader", **kwargs):
    return services.application_decide(
        by=world.actor(role), application=application, decision=decision, **kwargs
    )


# --- Calls --------------------------------------------------------------------------------


def test_opening_a_call_copies_the_rounds_criteria_and_makes_a_secret_link(world):
    call = open_call(world)
    assert call.organisation == world.org and call.round == world.round_1
    assert call.is_open and call.opened_by == world.users["project_leader"]
    assert len(call.token) >= 32
    names = list(call.criteria.values_list("name", flat=True))
    assert names == [
        "Ervaring in de praktijk",
        "Houding en vaardigheden",
        "Kennis delen",
        "Tijd, ook voor coaching",
    ]
    second = open_call(world, world.round_2)
    assert second.token != call.token
    assert list(second.criteria.values_list("name", flat=True)) == [
        "Wil zelf meedoen",
        "Staat open voor nieuwe dingen",
        "Samen leren",
    ]


def test_later_catalogue_changes_leave_an_open_call_as_it_was(world):
    call = open_call(world)
    criterion = SelectionCriterion.objects.get(
        template=world.trajectory.template, stage=Stage.ROUND_1, position=1
    )
    SelectionCriterion.objects.filter(pk=criterion.pk).update(name="Iets anders")
    assert call.criteria.get(position=1).name == "Ervaring in de praktijk"


def test_a_deadline_in_the_past_is_refused_beside_the_field(world):
    with pytest.raises(ServiceError) as refused:
        open_call(world, deadline=TODAY() - datetime.timedelta(days=1))
    assert refused.value.field_errors == {
        "deadline": ["Deze datum is voorbij. Kies vandaag of een latere datum."]
    }
    assert not Call.objects.exists()
    assert open_call(world, deadline=TODAY()).is_open  # today itself is fine


def test_a_round_has_one_call(world, call):
    with pytest.raises(ServiceError, match="Deze ronde heeft al een oproep"):
        open_call(world)


@pytest.mark.parametrize("role", ["manager", "trainer", "participant", "outsider"])
def test_only_organisers_open_a_call(world, role):
    with pytest.raises(PermissionDenied):
        services.call_open(by=world.actor(role), round_=world.round_1, text="x", deadline=TODAY())
    assert not Call.objects.exists()


def test_an_adviser_opens_a_call_too(world):
    call = services.call_open(
        by=world.actor("adviser"), round_=world.round_1, text="x", deadline=TODAY()
    )
    assert call.opened_by == world.users["adviser"]


def test_closing_early_and_reopening_with_a_new_date_keeps_the_link(world, call):
    token = call.token
    services.call_close(by=world.actor("project_leader"), call=call)
    call.refresh_from_db()
    assert call.state == Call.State.CLOSED and not call.is_open
    services.call_close(by=world.actor("adviser"), call=call)  # twice: still closed once
    new = TODAY() + datetime.timedelta(days=30)
    services.call_update(by=world.actor("adviser"), call=call, text="Nog één keer!", deadline=new)
    call.refresh_from_db()
    assert call.is_open and call.deadline == new and call.token == token
    assert call.text == "Nog één keer!"


def test_a_call_past_its_deadline_is_closed(world, call):
    Call.objects.filter(pk=call.pk).update(deadline=TODAY() - datetime.timedelta(days=1))
    call.refresh_from_db()
    assert call.state == Call.State.EXPIRED and not call.is_open


@pytest.mark.parametrize("role", ["manager", "trainer", "outsider"])
def test_others_cannot_change_or_close_a_call(world, call, role):
    with pytest.raises(PermissionDenied):
        services.call_close(by=world.actor(role), call=call)
    with pytest.raises(PermissionDenied):
        services.call_update(by=world.actor(role), call=call, text="x", deadline=TODAY())


# --- Applying -----------------------------------------------------------------------------


def test_an_application_keeps_what_was_sent_and_the_stated_availability(world, call):
    first, second = plan(world.round_1, 10, 17)
    application = apply(call, availability={first.pk: True, second.pk: False, 999: True})
    assert application.organisation == world.org and application.call == call
    assert application.email == "fatima.elamrani@test.example"
    assert application.function_category == FunctionCategory.FIELD_SERVICE
    assert application.availability == {str(first.pk): True, str(second.pk): False}
    assert application.available_for(first.pk) is True
    assert application.available_for(second.pk) is False
    assert application.decision == Decision.PENDING
    assert application.consent_at is not None
    assert application.person is None  # nobody of the organisation has this address


def test_an_applicant_known_as_an_employee_is_linked_by_address(world, call):
    known = world.person(email="jan.devries@test.example", full_name="Jan de Vries")
    application = apply(call, email="Jan.DeVries@Test.Example ")
    assert application.email == "jan.devries@test.example"
    assert application.person == known


def test_applying_again_updates_the_first_application(world, call):
    first = apply(call, motivation="Eerste versie.")
    again = apply(call, email="FATIMA.ELAMRANI@test.example", motivation="Tweede versie.")
    assert again.pk == first.pk
    assert Application.objects.count() == 1
    assert Application.objects.get().motivation == "Tweede versie."


def test_the_same_address_may_apply_to_each_round(world, call):
    apply(call)
    apply(open_call(world, world.round_2))
    assert Application.objects.count() == 2


def test_an_address_outside_the_work_domains_is_refused(world, call):
    world.org.email_domains = "testdorp.nl, gemeente-testdorp.nl"
    world.org.save(update_fields=["email_domains"])
    call.organisation.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        apply(call, email="fatima@gmail.com")
    assert refused.value.field_errors == {
        "email": [
            "Gebruik je e-mailadres op het werk bij Gemeente Testdorp: een adres dat eindigt "
            "op @testdorp.nl of @gemeente-testdorp.nl."
        ]
    }
    assert apply(call, email="Fatima@Testdorp.nl").email == "fatima@testdorp.nl"


def test_applying_needs_consent_and_an_open_call(world, call):
    with pytest.raises(ServiceError) as refused:
        apply(call, consent=False)
    assert "consent" in refused.value.field_errors
    services.call_close(by=world.actor("project_leader"), call=call)
    with pytest.raises(ServiceError, match="Deze oproep is gesloten"):
        apply(call)
    assert not Application.objects.exists()


def test_an_oversized_motivation_is_refused_by_the_model_too(world, call):
    with pytest.raises(ServiceError) as refused:
        apply(call, motivation="x" * 3001)
    assert "motivation" in refused.value.field_errors


# --- Deciding -----------------------------------------------------------------------------


def test_selecting_makes_the_applicant_an_employee_in_the_round(world, call):
    application = apply(call, team="Noord", line_manager="Piet")
    outcome = decide(world, application, Decision.SELECTED)
    application.refresh_from_db()
    person = application.person
    assert person is not None and person.organisation == world.org
    assert (person.full_name, person.email, person.job_title) == (
        "Fatima el Amrani",
        "fatima.elamrani@test.example",
        "Wijkcoördinator",
    )
    assert (person.department, person.team) == ("Wijken", "Noord")
    assert application.decision == Decision.SELECTED
    assert application.decided_by == world.users["project_leader"]
    assert application.enrolment.status == Enrolment.Status.ENROLLED
    assert application.enrolment.round == world.round_1
    assert outcome.level == "success"
    assert outcome.message == "Fatima el Amrani is geselecteerd en heeft een plaats in de ronde."


def test_a_selected_newcomer_is_invited_as_a_trainer_in_round_1(world, call):
    decide(world, apply(call), Decision.SELECTED)
    invitation = Invitation.objects.get(email="fatima.elamrani@test.example")
    assert invitation.role == Role.TRAINER
    assert invitation.person.full_name == "Fatima el Amrani"


def test_a_selected_newcomer_is_invited_as_a_participant_in_round_2(world):
    call = open_call(world, world.round_2)
    decide(world, apply(call), Decision.SELECTED)
    assert Invitation.objects.get(email="fatima.elamrani@test.example").role == Role.PARTICIPANT


def test_someone_who_logs_in_already_is_not_invited_again(world, call):
    application = apply(call, email=world.users["manager"].email)
    assert application.person == world.people["manager"]
    decide(world, application, Decision.SELECTED)
    assert not Invitation.objects.exists()
    # Nor someone with a pending invitation.
    other = apply(call, email="nieuw@test.example")
    Invitation.objects.create(
        organisation=world.org,
        email="nieuw@test.example",
        full_name="Nieuw",
        role=Role.TRAINER,
        token_hash="a" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    decide(world, other, Decision.SELECTED)
    assert Invitation.objects.filter(email="nieuw@test.example").count() == 1


def test_selecting_past_the_maximum_wait_lists_in_order_and_says_so(world, call):
    round_ = world.round_1
    round_.max_participants = 2
    round_.min_participants = 1
    round_.save(update_fields=["max_participants", "min_participants"])
    # The world's trainer has one of the two places already.
    first, second, third = applicants(call, 3)
    assert decide(world, first, Decision.SELECTED).level == "success"
    full = decide(world, second, Decision.SELECTED)
    assert full.level == "warning"
    assert full.message == (
        f"De ronde is vol: {second.full_name} staat op de wachtlijst (plaats 1)."
    )
    assert decide(world, third, "selected").message.endswith("(plaats 2).")
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.decision == third.decision == Decision.WAITLISTED
    assert second.enrolment.status == Enrolment.Status.WAITLISTED
    enrolled = Enrolment.objects.filter(round=round_, status=Enrolment.Status.ENROLLED)
    assert enrolled.count() == 2


def test_the_waiting_list_is_chosen_only_when_the_round_is_full(world, call):
    application = applicants(call, 1)[0]
    with pytest.raises(ServiceError) as refused:
        decide(world, application, Decision.WAITLISTED)
    assert refused.value.field_errors == {
        "decision": [
            f"De ronde heeft nog 13 vrije plaatsen: selecteer {application.full_name} om een "
            "plaats te geven. De wachtlijst is alleen voor als de ronde vol is."
        ]
    }
    application.refresh_from_db()
    assert application.decision == Decision.PENDING and application.enrolment is None
    round_ = world.round_1
    round_.max_participants = 1
    round_.min_participants = 1
    round_.save(update_fields=["max_participants", "min_participants"])
    outcome = decide(world, application, Decision.WAITLISTED)
    assert outcome.message == (
        f"De ronde is vol: {application.full_name} staat op de wachtlijst (plaats 1)."
    )


def test_declining_someone_with_a_place_gives_it_to_the_first_on_the_waiting_list(world, call):
    round_ = world.round_1
    round_.max_participants = 2
    round_.min_participants = 1
    round_.save(update_fields=["max_participants", "min_participants"])
    chosen, waiting = applicants(call, 2)
    decide(world, chosen, Decision.SELECTED)
    decide(world, waiting, Decision.SELECTED)  # wait-listed: the round is full
    outcome = decide(world, chosen, Decision.DECLINED, reason="Toch geen tijd.")
    chosen.refresh_from_db()
    waiting.refresh_from_db()
    assert chosen.decision == Decision.DECLINED
    assert chosen.enrolment.status == Enrolment.Status.WITHDRAWN
    assert chosen.decision_reason == "Toch geen tijd."
    assert waiting.decision == Decision.SELECTED
    assert waiting.enrolment.status == Enrolment.Status.ENROLLED
    assert outcome.promoted == waiting
    assert outcome.message == (
        f"{chosen.full_name} is afgewezen. De plaats in de ronde is vrijgegeven. "
        f"{waiting.full_name} schuift door van de wachtlijst en is geselecteerd."
    )
    # The one who moved up hears it.
    assert Mail.objects.filter(recipient=waiting.email, template="recruitment_selected").exists()


def test_someone_on_the_waiting_list_cannot_jump_it(world, call):
    round_ = world.round_1
    round_.max_participants = 1
    round_.min_participants = 1
    round_.save(update_fields=["max_participants", "min_participants"])
    waiting = applicants(call, 1)[0]
    decide(world, waiting, Decision.SELECTED)
    with pytest.raises(ServiceError) as refused:
        decide(world, waiting, Decision.SELECTED)
    assert "staat al op de wachtlijst (plaats 1)" in refused.value.field_errors["decision"][0]


def test_taking_a_decision_back_withdraws_the_place(world, call):
    application = applicants(call, 1)[0]
    decide(world, application, Decision.SELECTED)
    outcome = decide(world, application, Decision.PENDING)
    application.refresh_from_db()
    assert application.decision == Decision.PENDING
    assert application.enrolment.status == Enrolment.Status.WITHDRAWN
    assert "teruggedraaid" in outcome.message
    # Selected again: a new place.
    decide(world, application, Decision.SELECTED)
    application.refresh_from_db()
    assert application.enrolment.status == Enrolment.Status.ENROLLED


def test_an_employee_already_put_in_the_round_keeps_that_place(world, call):
    application = apply(call, email=world.people["trainer"].email)
    outcome = decide(world, application, Decision.SELECTED)
    application.refresh_from_db()
    assert application.enrolment.person == world.people["trainer"]
    assert Enrolment.objects.filter(round=world.round_1).count() == 1
    assert outcome.level == "success"


def test_someone_in_round_2_cannot_be_selected_for_round_1(world, call):
    application = apply(call, email=world.people["participant"].email)
    with pytest.raises(ServiceError) as refused:
        decide(world, application, Decision.SELECTED)
    assert refused.value.field_errors == {
        "decision": ["Deze medewerker zit al in de andere ronde van dit traject."]
    }
    application.refresh_from_db()
    assert application.decision == Decision.PENDING


def test_the_checklist_keeps_only_the_calls_own_criteria(world, call):
    application = applicants(call, 1)[0]
    ids = list(call.criteria.values_list("pk", flat=True))
    decide(world, application, Decision.PENDING, criteria_met=[ids[0], ids[2], 99999])
    application.refresh_from_db()
    assert application.criteria_met == sorted([ids[0], ids[2]])


@pytest.mark.parametrize("role", ["manager", "trainer", "participant", "outsider"])
def test_only_organisers_decide(world, call, role):
    application = applicants(call, 1)[0]
    with pytest.raises(PermissionDenied):
        decide(world, application, Decision.SELECTED, role=role)
    application.refresh_from_db()
    assert application.decision == Decision.PENDING
    assert not Person.objects.filter(email=application.email).exists()


# --- Retention ----------------------------------------------------------------------------


def test_applications_without_a_place_go_six_months_after_the_call_closed(world, call):
    chosen, declined, undecided = applicants(call, 3)
    decide(world, chosen, Decision.SELECTED)
    decide(world, declined, Decision.DECLINED)
    other_call = open_call(world, world.round_2)
    recent = applicants(other_call, 1)[0]
    services.call_close(by=world.actor("project_leader"), call=call)
    later = timezone.now() + datetime.timedelta(days=184)
    Call.objects.filter(pk=other_call.pk).update(deadline=TODAY() + datetime.timedelta(days=30))
    assert services.application_retention_run(now=later, dry_run=True) == 2
    assert Application.objects.count() == 4  # a dry run removes nothing
    assert services.application_retention_run(now=timezone.now()) == 0  # not yet
    assert services.application_retention_run(now=later) == 2
    assert set(Application.objects.values_list("pk", flat=True)) == {chosen.pk, recent.pk}
    assert not Application.objects.filter(pk__in=[declined.pk, undecided.pk]).exists()


def test_the_retention_job_runs_daily():
    from binnenuit.core.periodic import PERIODIC
    from binnenuit.recruitment.tasks import recruitment_retention

    [job] = [p for p in PERIODIC.values() if p.task is recruitment_retention]
    assert job.every == datetime.timedelta(days=1)


def test_trajectory_services_still_decide_the_places(world, call):
    """Selection goes through enrolment_add: a round filled on its own page is full here too."""
    round_ = world.round_1
    round_.max_participants = 1
    round_.min_participants = 1
    round_.save(update_fields=["max_participants", "min_participants"])
    outsider = world.person(full_name="Direct Ingeschreven")
    with pytest.raises(ServiceError):  # the world's trainer holds the one place
        trajectory_services.enrolment_add(
            by=world.actor("project_leader"), round_=round_, person=world.people["trainer"]
        )
    assert (
        trajectory_services.enrolment_add(
            by=world.actor("project_leader"), round_=round_, person=outsider
        ).status
        == Enrolment.Status.WAITLISTED
    )
    application = applicants(call, 1)[0]
    outcome = decide(world, application, Decision.SELECTED)
    assert outcome.message.endswith("(plaats 2).")
