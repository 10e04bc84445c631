"""The trajectory services and selectors, called as the actor each role gives them (``by=``)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from binnenuit.catalogue import services as catalogue_services
from binnenuit.catalogue.models import ProgrammeTemplate, Stage, Theme
from binnenuit.core.exceptions import ServiceError
from binnenuit.trajectories import selectors, services
from binnenuit.trajectories.models import (
    Enrolment,
    Guest,
    Meeting,
    MeetingKind,
    Module,
    PartOfDay,
    Phase,
    Round,
    Trajectory,
)
from tests.conftest import World, build_world
from tests.factories import (
    LocationFactory,
    MeetingFactory,
    ModuleFactory,
    PersonFactory,
    RoundFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db

ROUND_1_MODULES = [
    "Je X-factor in beeld",
    "Kracht en hiaten matchen",
    "Een programma ontwerpen",
    "Trainersvaardigheden en werkvormen",
]
PREPARATION = ["Themasessie voor het management", "Intakebijeenkomst 1", "Intakebijeenkomst 2"]
ROLES_WITHOUT_MANAGE = ("manager", "trainer", "participant")

# The (Dutch) messages the services refuse with.
ALREADY_IN_ROUND = "Deze medewerker zit al in deze ronde."
IN_OTHER_ROUND = "Deze medewerker zit al in de andere ronde van dit traject."
NOT_OUR_EMPLOYEE = "Deze medewerker werkt niet bij deze organisatie."
THEME_TWICE = "Kies elk thema maar één keer."
THEME_OF_OTHER_VERSION = "Kies een thema uit de catalogus van dit traject."
NOT_A_THEME_SLOT = "Deze module is geen themaplek van dit traject."
ALREADY_HELD = "Deze module is al gehouden; het thema kan niet meer veranderen."
ONLY_A_DRAFT = (
    "Alleen een conceptversie kan worden gewijzigd. Begin een nieuwe versie om iets te veranderen."
)


def start(world: World, role: str = "project_leader", name: str = "Traject 2027") -> Trajectory:
    return services.trajectory_start(by=world.actor(role), name=name)


def rounds_of(trajectory: Trajectory) -> tuple[Round, Round]:
    round_1, round_2 = Round.objects.filter(trajectory=trajectory).order_by("stage")
    return round_1, round_2


def slots_of(trajectory: Trajectory) -> list[Module]:
    return list(
        Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True).order_by("position")
    )


def themes_of(modules: list[Module]) -> list[Theme | None]:
    by_pk = Module.objects.select_related("theme").in_bulk([m.pk for m in modules])
    return [by_pk[m.pk].theme for m in modules]


def statuses(round_: Round) -> dict[str, int]:
    counted = dict.fromkeys(Enrolment.Status.values, 0)
    for status in Enrolment.objects.filter(round=round_).values_list("status", flat=True):
        counted[status] += 1
    return counted


# --- Starting a trajectory ---------------------------------------------------------------


def test_start_instantiates_the_programme_template(world):
    trajectory = start(world)
    assert trajectory.organisation == world.org
    assert trajectory.phase == Phase.PREPARATION
    assert trajectory.template.version == 1
    preparation = Meeting.objects.filter(trajectory=trajectory, round__isnull=True).order_by(
        "sequence"
    )
    assert [m.kind for m in preparation] == ["theme_session", "intake", "intake"]
    assert [m.title for m in preparation] == PREPARATION
    round_1, round_2 = rounds_of(trajectory)
    assert (round_1.stage, round_2.stage) == (Stage.ROUND_1, Stage.ROUND_2)
    assert [m.title for m in round_1.modules.all()] == ROUND_1_MODULES
    modules = list(round_2.modules.all())
    assert (
        modules[0].title == "Overheidsparticipatie als werkwijze" and not modules[0].is_theme_slot
    )
    assert [m.is_theme_slot for m in modules[1:]] == [True] * 4
    assert Meeting.objects.filter(trajectory=trajectory, kind="module").count() == 9
    assert (round_1.min_participants, round_1.max_participants) == (10, 14)


def test_a_round_takes_its_number_label_and_audience_from_its_stage(world):
    round_1, round_2 = world.round_1, world.round_2
    assert (round_1.number, round_2.number) == (1, 2)
    assert (round_1.label, round_2.label) == ("Ronde 1", "Ronde 2")
    assert (round_1.audience, round_2.audience) == ("Trainers in opleiding", "Collega's")
    assert Stage.PREPARATION.round_number == 0
    round_2.name = "Najaarsgroep"
    assert round_2.label == "Najaarsgroep" and round_2.number == 2


def test_a_trajectory_has_one_round_per_stage(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.create(
            organisation=world.org, trajectory=world.trajectory, stage=Stage.ROUND_1
        )
    assert Round.objects.filter(trajectory=world.trajectory).count() == 2


def test_trajectory_keeps_its_template_version_when_a_new_one_is_published(world):
    adviser = world.outside("adviser")
    first = world.trajectory
    draft = catalogue_services.template_draft_create(by=adviser, notes="Nieuw thema")
    catalogue_services.theme_create(
        by=adviser,
        template=draft,
        code="storytelling",
        name="Storytelling",
        description="Verhalen.",
        competences=draft.competences.filter(code="VER"),
    )
    catalogue_services.template_publish(by=adviser, template=draft)
    first.refresh_from_db()
    second = start(world)
    assert first.template.version == 1
    assert second.template == draft
    assert draft.themes.count() == 9
    assert ProgrammeTemplate.objects.get(version=1).status == ProgrammeTemplate.Status.RETIRED


def test_published_version_cannot_be_edited(world):
    theme = Theme.objects.filter(template__version=1).order_by("position").first()
    with pytest.raises(ServiceError) as refused:
        catalogue_services.theme_update(
            by=world.outside("adviser"),
            theme=theme,
            code=theme.code,
            name="Anders",
            description=theme.description,
        )
    assert refused.value.messages == [ONLY_A_DRAFT]
    assert Theme.objects.get(pk=theme.pk).name == "De juiste houding"


# --- Round 2 themes ------------------------------------------------------------------------


def test_choose_themes_fills_slots_and_meeting_titles(world):
    trajectory = world.trajectory
    slots = slots_of(trajectory)
    themes = list(trajectory.template.themes.all()[:4])
    services.trajectory_choose_themes(
        by=world.actor("project_leader"),
        trajectory=trajectory,
        choices=dict(zip([s.pk for s in slots], themes, strict=True)),
    )
    assert themes_of(slots) == themes
    assert [Meeting.objects.get(module=s).title for s in slots] == [t.name for t in themes]


def test_choose_themes_refuses_a_theme_of_another_version(world):
    trajectory = world.trajectory
    slot = slots_of(trajectory)[0]
    draft = catalogue_services.template_draft_create(by=world.outside("adviser"))
    with pytest.raises(ServiceError) as refused:
        services.trajectory_choose_themes(
            by=world.actor("project_leader"),
            trajectory=trajectory,
            choices={slot.pk: draft.themes.first()},
        )
    assert refused.value.messages == [THEME_OF_OTHER_VERSION]
    assert themes_of([slot]) == [None]


def test_choose_themes_refuses_the_same_theme_twice(world):
    trajectory = world.trajectory
    slots = slots_of(trajectory)[:2]
    theme = trajectory.template.themes.first()
    with pytest.raises(ServiceError) as refused:
        services.trajectory_choose_themes(
            by=world.actor("project_leader"),
            trajectory=trajectory,
            choices={s.pk: theme for s in slots},
        )
    assert refused.value.messages == [THEME_TWICE]
    assert themes_of(slots) == [None, None]


@pytest.mark.parametrize("module", ["round_1_module", "other_trajectory_slot"])
def test_choose_themes_refuses_a_module_that_is_not_a_theme_slot_of_the_trajectory(world, module):
    other = start(world, name="Ander traject")
    pk = {
        "round_1_module": Module.objects.filter(round=world.round_1).first().pk,
        "other_trajectory_slot": slots_of(other)[0].pk,
    }[module]
    theme = world.trajectory.template.themes.first()
    with pytest.raises(ServiceError) as refused:
        services.trajectory_choose_themes(
            by=world.actor("project_leader"), trajectory=world.trajectory, choices={pk: theme}
        )
    assert refused.value.messages == [NOT_A_THEME_SLOT]
    assert not Module.objects.filter(theme__isnull=False).exists()


def test_choosing_themes_that_swap_two_modules_themes_works(world):
    trajectory, by = world.trajectory, world.actor("project_leader")
    first, second, *_ = slots_of(trajectory)
    juist, netwerken = (
        Theme.objects.get(template=trajectory.template, code=code)
        for code in ("juiste-houding", "netwerken-omgevingsanalyse")
    )
    services.trajectory_choose_themes(
        by=by, trajectory=trajectory, choices={first.pk: juist, second.pk: netwerken}
    )
    # The database allows a theme once per round: saving one module at a time would collide.
    with pytest.raises(IntegrityError), transaction.atomic():
        Module.objects.filter(pk=second.pk).update(theme=juist)

    services.trajectory_choose_themes(
        by=by, trajectory=trajectory, choices={first.pk: netwerken, second.pk: juist}
    )
    assert themes_of([first, second]) == [netwerken, juist]
    assert Meeting.objects.get(module=first).title == "Netwerken en omgevingsanalyse"
    assert Meeting.objects.get(module=second).title == "De juiste houding"


def test_the_theme_of_a_module_already_held_cannot_change(world):
    trajectory, by = world.trajectory, world.actor("project_leader")
    held, coming, *_ = slots_of(trajectory)
    juist, netwerken, vindingrijk = (
        Theme.objects.get(template=trajectory.template, code=code)
        for code in ("juiste-houding", "netwerken-omgevingsanalyse", "vindingrijkheid")
    )
    services.trajectory_choose_themes(
        by=by, trajectory=trajectory, choices={held.pk: juist, coming.pk: netwerken}
    )
    Meeting.objects.filter(module=held).update(
        date=timezone.localdate() - datetime.timedelta(days=7)
    )
    with pytest.raises(ServiceError) as refused:
        services.trajectory_choose_themes(
            by=by, trajectory=trajectory, choices={held.pk: vindingrijk, coming.pk: netwerken}
        )
    assert refused.value.field_errors == {f"module_{held.pk}": [ALREADY_HELD]}
    assert themes_of([held, coming]) == [juist, netwerken]
    # The module still to come can change.
    services.trajectory_choose_themes(
        by=by, trajectory=trajectory, choices={held.pk: juist, coming.pk: vindingrijk}
    )
    assert themes_of([held, coming]) == [juist, vindingrijk]
    assert Meeting.objects.get(module=held).title == "De juiste houding"
    assert Meeting.objects.get(module=coming).title == "Vindingrijkheid"


# --- Enrolments ----------------------------------------------------------------------------


def test_enrolment_past_the_maximum_goes_on_the_waiting_list_in_order(world):
    by = world.actor("project_leader")
    round_1, _ = rounds_of(start(world))
    people = PersonFactory.create_batch(16, organisation=world.org)
    enrolments = [services.enrolment_add(by=by, round_=round_1, person=p) for p in people]
    assert [e.status for e in enrolments[:14]] == [Enrolment.Status.ENROLLED] * 14
    assert [e.status for e in enrolments[14:]] == [Enrolment.Status.WAITLISTED] * 2
    promoted = services.enrolment_withdraw(by=by, enrolment=enrolments[0])
    assert promoted == enrolments[14]
    promoted.refresh_from_db()
    assert promoted.status == Enrolment.Status.ENROLLED
    assert statuses(round_1) == {"enrolled": 14, "waitlisted": 1, "withdrawn": 1}


def test_enrolment_refuses_duplicates_the_other_round_and_other_organisations(world):
    by = world.actor("project_leader")
    person = world.person()
    services.enrolment_add(by=by, round_=world.round_1, person=person)
    refusals = {
        ALREADY_IN_ROUND: (world.round_1, person),
        IN_OTHER_ROUND: (world.round_2, person),
        NOT_OUR_EMPLOYEE: (world.round_1, PersonFactory(organisation=world.other_org)),
    }
    for message, (round_, someone) in refusals.items():
        with pytest.raises(ServiceError) as refused:
            services.enrolment_add(by=by, round_=round_, person=someone)
        assert refused.value.messages == [message]
    assert list(Enrolment.objects.filter(person=person).values_list("round", "status")) == [
        (world.round_1.pk, "enrolled")
    ]
    assert not Enrolment.objects.filter(person__organisation=world.other_org).exists()


def test_a_trainer_of_round_1_cannot_join_round_2(world):
    with pytest.raises(ServiceError) as refused:
        services.enrolment_add(
            by=world.actor("project_leader"),
            round_=world.round_2,
            person=world.people["trainer"],
        )
    assert refused.value.messages == [IN_OTHER_ROUND]
    assert not Enrolment.objects.filter(
        round=world.round_2, person=world.people["trainer"]
    ).exists()


def test_a_withdrawn_employee_can_join_again_at_the_back_of_the_queue(world):
    by = world.actor("project_leader")
    round_ = world.round_1
    Round.objects.filter(pk=round_.pk).update(min_participants=1, max_participants=2)
    person, other, third = (world.person() for _ in range(3))
    first = services.enrolment_add(by=by, round_=round_, person=person)  # with the trainer: full
    services.enrolment_withdraw(by=by, enrolment=first)
    services.enrolment_add(by=by, round_=round_, person=other)
    again = services.enrolment_add(by=by, round_=round_, person=person)
    assert again.status == Enrolment.Status.WAITLISTED
    # Joining again is a new enrolment: it queues behind whoever came in meanwhile.
    services.enrolment_add(by=by, round_=round_, person=third)
    services.enrolment_withdraw(by=by, enrolment=Enrolment.objects.get(round=round_, person=other))
    assert Enrolment.objects.get(round=round_, person=person).status == "enrolled"
    assert Enrolment.objects.get(round=round_, person=third).status == "waitlisted"


def test_withdrawing_twice_frees_one_place_only(world):
    """A double click on "take out" must not promote two people from the waiting list."""
    by = world.actor("project_leader")
    round_1, _ = rounds_of(start(world))
    Round.objects.filter(pk=round_1.pk).update(min_participants=1, max_participants=1)
    first, *_ = (
        services.enrolment_add(by=by, round_=round_1, person=p)
        for p in PersonFactory.create_batch(3, organisation=world.org)
    )
    stale_copy = Enrolment.objects.get(pk=first.pk)  # what a second request loaded
    assert services.enrolment_withdraw(by=by, enrolment=first) is not None
    assert services.enrolment_withdraw(by=by, enrolment=stale_copy) is None
    assert statuses(round_1) == {"enrolled": 1, "waitlisted": 1, "withdrawn": 1}


# --- Who may call the services -------------------------------------------------------------


def _meeting(world: World) -> Meeting:
    return Meeting.objects.filter(trajectory=world.trajectory).order_by("sequence").first()


def _prepare(world: World, call: str) -> None:
    """What a call needs before it can succeed: a planned meeting, a guest to remove."""
    meeting = _meeting(world)
    if call == "meeting_cancel":
        Meeting.objects.filter(pk=meeting.pk).update(date=timezone.localdate())
    if call == "guest_remove":
        Guest.objects.create(
            organisation=world.org, meeting=meeting, full_name="Els Kok", email="els@x.example"
        )


SERVICE_CALLS: dict[str, Callable[[World, Any], object]] = {
    "trajectory_start": lambda w, by: services.trajectory_start(by=by, name="Niet toegestaan"),
    "trajectory_choose_themes": lambda w, by: services.trajectory_choose_themes(
        by=by,
        trajectory=w.trajectory,
        choices={slots_of(w.trajectory)[0].pk: w.trajectory.template.themes.first()},
    ),
    "trajectory_set_phase": lambda w, by: services.trajectory_set_phase(
        by=by, trajectory=w.trajectory, phase=Phase.ROUND_1
    ),
    "meeting_plan": lambda w, by: services.meeting_plan(
        by=by,
        meeting=_meeting(w),
        date=timezone.localdate() + datetime.timedelta(days=30),
        part_of_day=PartOfDay.EVENING,
        location=LocationFactory(organisation=w.org),
    ),
    "meeting_cancel": lambda w, by: services.meeting_cancel(by=by, meeting=_meeting(w)),
    "meeting_add_optional": lambda w, by: services.meeting_add_optional(
        by=by, trajectory=w.trajectory, kind=MeetingKind.TASTING
    ),
    "guest_add": lambda w, by: services.guest_add(
        by=by, meeting=_meeting(w), full_name="Gerrit Bos", email="gerrit@bewoners.example"
    ),
    "guest_remove": lambda w, by: services.guest_remove(
        by=by, guest=Guest.objects.get(meeting=_meeting(w))
    ),
    "enrolment_add": lambda w, by: services.enrolment_add(
        by=by, round_=w.round_1, person=w.person()
    ),
    "enrolment_withdraw": lambda w, by: services.enrolment_withdraw(
        by=by, enrolment=Enrolment.objects.get(round=w.round_1, person=w.people["trainer"])
    ),
}


def snapshot() -> tuple[list[Any], ...]:
    """What any trajectory service could change."""
    return (
        list(Trajectory.objects.order_by("pk").values_list("pk", "phase")),
        list(Module.objects.order_by("pk").values_list("pk", "theme")),
        list(
            Meeting.objects.order_by("pk").values_list(
                "pk", "date", "part_of_day", "location", "cancelled_at"
            )
        ),
        list(Guest.objects.order_by("pk").values_list("pk", "email")),
        list(Enrolment.objects.order_by("pk").values_list("pk", "person", "status")),
    )


@pytest.mark.parametrize("role", ROLES_WITHOUT_MANAGE)
@pytest.mark.parametrize("call", SERVICE_CALLS)
def test_a_role_without_the_rule_is_refused_by_the_service_itself(world, call, role):
    _prepare(world, call)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        SERVICE_CALLS[call](world, world.actor(role))
    assert snapshot() == before


@pytest.mark.parametrize("call", SERVICE_CALLS)
def test_the_organisers_may_call_every_service(world, call):
    """The other side of the refusals above: the same calls as the adviser succeed."""
    _prepare(world, call)
    before = snapshot()
    SERVICE_CALLS[call](world, world.actor("adviser"))
    assert snapshot() != before


def foreign_objects(world: World) -> dict[str, Any]:
    """Another organisation's trajectory, round, meeting and enrolment."""
    outsider = world.actor("outsider")
    trajectory = world.other_trajectory
    foreign_round = Round.objects.get(trajectory=trajectory, stage=Stage.ROUND_1)
    enrolment = services.enrolment_add(
        by=outsider,
        round_=foreign_round,
        person=PersonFactory(organisation=world.other_org, full_name="Iemand Elders"),
    )
    return {
        "trajectory": trajectory,
        "round": foreign_round,
        "meeting": Meeting.objects.filter(trajectory=trajectory).order_by("sequence").first(),
        "enrolment": enrolment,
        "slot": slots_of(trajectory)[0],
    }


FOREIGN_CALLS: dict[str, Callable[[Any, dict[str, Any], World], object]] = {
    "trajectory_choose_themes": lambda by, f, w: services.trajectory_choose_themes(
        by=by,
        trajectory=f["trajectory"],
        choices={f["slot"].pk: f["trajectory"].template.themes.first()},
    ),
    "trajectory_set_phase": lambda by, f, w: services.trajectory_set_phase(
        by=by, trajectory=f["trajectory"], phase=Phase.ROUND_1
    ),
    "meeting_plan": lambda by, f, w: services.meeting_plan(
        by=by,
        meeting=f["meeting"],
        date=timezone.localdate() + datetime.timedelta(days=30),
        part_of_day=PartOfDay.EVENING,
    ),
    "meeting_cancel": lambda by, f, w: services.meeting_cancel(by=by, meeting=f["meeting"]),
    "meeting_add_optional": lambda by, f, w: services.meeting_add_optional(
        by=by, trajectory=f["trajectory"], kind=MeetingKind.SCAN
    ),
    "guest_add": lambda by, f, w: services.guest_add(
        by=by, meeting=f["meeting"], full_name="Gerrit Bos", email="gerrit@bewoners.example"
    ),
    "enrolment_add": lambda by, f, w: services.enrolment_add(
        by=by, round_=f["round"], person=PersonFactory(organisation=w.other_org)
    ),
    "enrolment_add_own_person": lambda by, f, w: services.enrolment_add(
        by=by, round_=f["round"], person=w.person()
    ),
    "enrolment_withdraw": lambda by, f, w: services.enrolment_withdraw(
        by=by, enrolment=f["enrolment"]
    ),
}


@pytest.mark.parametrize("role", ["adviser", "project_leader"])
@pytest.mark.parametrize("call", FOREIGN_CALLS)
def test_an_object_of_another_organisation_is_refused(world, call, role):
    foreign = foreign_objects(world)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        FOREIGN_CALLS[call](world.actor(role), foreign, world)
    assert snapshot() == before


def test_the_outsider_cannot_touch_this_organisation(world):
    outsider = world.actor("outsider")
    for name in SERVICE_CALLS:
        _prepare(world, name)
    before = snapshot()
    for name, call in SERVICE_CALLS.items():
        if name == "trajectory_start":
            continue  # starts in the outsider's own organisation, which is allowed
        with pytest.raises(PermissionDenied):
            call(world, outsider)
    assert snapshot() == before


# --- Meetings and the timeline -------------------------------------------------------------


def test_meetings_of_one_day_sort_morning_afternoon_evening(world):
    day = timezone.localdate() + datetime.timedelta(days=10)
    first, second, third, fourth = Meeting.objects.filter(round=world.round_1).order_by("sequence")
    # Neither the order in the programme nor the stored words give the order of the day.
    for meeting, date, part in (
        (first, day, PartOfDay.EVENING),
        (second, day, PartOfDay.MORNING),
        (third, day, PartOfDay.AFTERNOON),
        (fourth, day - datetime.timedelta(days=1), PartOfDay.EVENING),
    ):
        Meeting.objects.filter(pk=meeting.pk).update(date=date, part_of_day=part)
    ordered = Meeting.objects.filter(date__isnull=False).in_day_order()
    assert [(m.pk, m.part_of_day) for m in ordered] == [
        (fourth.pk, "evening"),
        (second.pk, "morning"),
        (third.pk, "afternoon"),
        (first.pk, "evening"),
    ]


def test_the_timeline_puts_each_meeting_in_the_phase_of_its_round_stage(world):
    timeline = selectors.trajectory_timeline(trajectory=world.trajectory)
    assert [stage.phase for stage in timeline] == list(Phase)
    titles = {stage.phase: [m.title for m in stage.meetings] for stage in timeline}
    round_2_modules = [m.title for m in Module.objects.filter(round=world.round_2)]
    assert titles == {
        Phase.OFFER: [],
        Phase.PREPARATION: PREPARATION,
        Phase.ROUND_1: ROUND_1_MODULES,
        Phase.ROUND_2: round_2_modules,
        Phase.POOL: [],
    }
    assert [stage.state for stage in timeline] == ["done", "current", "todo", "todo", "todo"]


def test_the_timeline_groups_rounds_by_stage_not_by_the_order_they_were_made(world):
    trajectory = TrajectoryFactory(organisation=world.org, phase=Phase.ROUND_2)
    later = RoundFactory(trajectory=trajectory, stage=Stage.ROUND_2, name="Tweede groep")
    earlier = RoundFactory(trajectory=trajectory, stage=Stage.ROUND_1, name="Eerste groep")
    MeetingFactory(module=ModuleFactory(round=later, position=1, title="Module van ronde 2"))
    MeetingFactory(module=ModuleFactory(round=earlier, position=1, title="Module van ronde 1"))
    MeetingFactory(
        module=None,
        round=None,
        trajectory=trajectory,
        kind=MeetingKind.INTAKE,
        title="Intake",
    )
    timeline = {s.phase: s for s in selectors.trajectory_timeline(trajectory=trajectory)}
    assert [m.title for m in timeline[Phase.PREPARATION].meetings] == ["Intake"]
    assert [m.title for m in timeline[Phase.ROUND_1].meetings] == ["Module van ronde 1"]
    assert [m.title for m in timeline[Phase.ROUND_2].meetings] == ["Module van ronde 2"]
    assert timeline[Phase.ROUND_2].state == "current"
    assert timeline[Phase.ROUND_1].state == "done"


# --- At the same moment (threads; SQLite and PostgreSQL) ----------------------------------


@pytest.fixture
def world_committed(transactional_db) -> World:
    """The world in committed rows, for threads with their own connections.

    An earlier transactional test ends by emptying every table, the programme's version 1
    included: it is seeded back first.
    """
    catalogue_services.catalogue_seed()
    return build_world()


def at_once(calls: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Run every call in its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            result = call()
        except BaseException as exc:  # noqa: BLE001 (every failure is reported by the test)
            with lock:
                errors.append(exc)
        else:
            with lock:
                results.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results, errors


def enrol_at_once(world: World, round_: Round, count: int) -> list[int]:
    by = world.actor("project_leader")
    people = PersonFactory.create_batch(count, organisation=world.org)

    def enrol(person):
        return lambda: services.enrolment_add(by=by, round_=round_, person=person)

    results, errors = at_once([enrol(p) for p in people])
    assert errors == []
    assert len(results) == count
    return [p.pk for p in people]


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_overfill_a_round(world_committed):
    round_1, _ = rounds_of(start(world_committed))
    enrol_at_once(world_committed, round_1, 20)
    assert statuses(round_1) == {"enrolled": 14, "waitlisted": 6, "withdrawn": 0}


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_enrolments_into_fourteen_places(world_committed):
    round_1, _ = rounds_of(start(world_committed))
    assert round_1.max_participants == 14
    people = enrol_at_once(world_committed, round_1, 50)
    assert statuses(round_1) == {"enrolled": 14, "waitlisted": 36, "withdrawn": 0}
    enrolled = sorted(Enrolment.objects.filter(round=round_1).values_list("person", flat=True))
    assert enrolled == sorted(people)  # nobody lost, nobody twice


@pytest.mark.django_db(transaction=True)
def test_one_person_added_to_both_rounds_at_once_lands_in_one(world_committed):
    world = world_committed
    by = world.actor("project_leader")
    person = world.person()
    results, errors = at_once(
        [
            lambda: services.enrolment_add(by=by, round_=world.round_1, person=person),
            lambda: services.enrolment_add(by=by, round_=world.round_2, person=person),
        ]
    )
    assert len(results) == 1
    assert [type(e) for e in errors] == [ServiceError]
    assert errors[0].messages == [IN_OTHER_ROUND]
    assert Enrolment.objects.filter(person=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_withdrawals_of_one_enrolment_at_once_promote_one_person(world_committed):
    world = world_committed
    by = world.actor("project_leader")
    round_1, _ = rounds_of(start(world))
    Round.objects.filter(pk=round_1.pk).update(min_participants=1, max_participants=1)
    first, *_ = (
        services.enrolment_add(by=by, round_=round_1, person=p)
        for p in PersonFactory.create_batch(3, organisation=world.org)
    )
    copies = [Enrolment.objects.get(pk=first.pk) for _ in range(2)]  # two requests' rows
    results, errors = at_once(
        [lambda e=e: services.enrolment_withdraw(by=by, enrolment=e) for e in copies]
    )
    assert errors == []
    assert sorted(r is None for r in results) == [False, True]
    assert statuses(round_1) == {"enrolled": 1, "waitlisted": 1, "withdrawn": 1}
