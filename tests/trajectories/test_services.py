from __future__ import annotations

import threading

import pytest
from django.db import connection

from binnenuit.catalogue import services as catalogue_services
from binnenuit.catalogue.models import ProgrammeTemplate, Theme
from binnenuit.core.exceptions import ServiceError
from binnenuit.trajectories import services
from binnenuit.trajectories.models import Enrolment, Meeting, Module, Phase, Round
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def start(org=None):
    org = org or OrganisationFactory()
    return services.trajectory_start(organisation=org, name="Traject 2027")


def test_start_instantiates_the_programme_template():
    trajectory = start()
    assert trajectory.phase == Phase.PREPARATION
    assert trajectory.template.version == 1
    kinds = list(
        Meeting.objects.filter(round__isnull=True)
        .order_by("sequence")
        .values_list("kind", flat=True)
    )
    assert kinds == ["theme_session", "intake", "intake"]
    round_1, round_2 = Round.objects.filter(trajectory=trajectory).order_by("number")
    assert [m.title for m in round_1.modules.all()] == [
        "Je X-factor in beeld",
        "Kracht en hiaten matchen",
        "Een programma ontwerpen",
        "Trainersvaardigheden en werkvormen",
    ]
    modules = list(round_2.modules.all())
    assert (
        modules[0].title == "Overheidsparticipatie als werkwijze" and not modules[0].is_theme_slot
    )
    assert [m.is_theme_slot for m in modules[1:]] == [True] * 4
    assert Meeting.objects.filter(trajectory=trajectory, kind="module").count() == 9
    assert (round_1.min_participants, round_1.max_participants) == (10, 14)


def test_trajectory_keeps_its_template_version_when_a_new_one_is_published():
    first = start()
    draft = catalogue_services.template_draft_create(notes="Nieuw thema")
    catalogue_services.theme_create(
        template=draft, code="storytelling", name="Storytelling", description="Verhalen."
    )
    catalogue_services.template_publish(template=draft)
    first.refresh_from_db()
    second = start()
    assert first.template.version == 1
    assert second.template == draft
    assert draft.themes.count() == 9
    assert ProgrammeTemplate.objects.get(version=1).status == ProgrammeTemplate.Status.RETIRED


def test_published_version_cannot_be_edited():
    theme = Theme.objects.filter(template__version=1).first()
    with pytest.raises(ServiceError):
        catalogue_services.theme_update(theme=theme, name="Anders")


def test_choose_themes_fills_slots_and_meeting_titles():
    trajectory = start()
    slots = list(Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True))
    themes = list(trajectory.template.themes.all()[:4])
    services.trajectory_choose_themes(
        trajectory=trajectory, choices=dict(zip([s.pk for s in slots], themes, strict=True))
    )
    assert [
        m.theme for m in Module.objects.filter(pk__in=[s.pk for s in slots]).order_by("position")
    ] == themes
    assert Meeting.objects.get(module=slots[0]).title == themes[0].name


def test_choose_themes_refuses_theme_of_another_version_and_doubles():
    trajectory = start()
    slot = Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True).first()
    draft = catalogue_services.template_draft_create()
    foreign_theme = draft.themes.first()
    with pytest.raises(ServiceError):
        services.trajectory_choose_themes(trajectory=trajectory, choices={slot.pk: foreign_theme})
    slots = list(Module.objects.filter(round__trajectory=trajectory, is_theme_slot=True)[:2])
    theme = trajectory.template.themes.first()
    with pytest.raises(ServiceError):
        services.trajectory_choose_themes(
            trajectory=trajectory, choices={s.pk: theme for s in slots}
        )


def test_enrolment_past_the_maximum_goes_on_the_waiting_list_in_order():
    trajectory = start()
    round_ = Round.objects.get(trajectory=trajectory, number=1)
    people = PersonFactory.create_batch(16, organisation=trajectory.organisation)
    enrolments = [services.enrolment_add(round_=round_, person=p) for p in people]
    assert [e.status for e in enrolments].count(Enrolment.Status.ENROLLED) == 14
    assert [e.status for e in enrolments[14:]] == [Enrolment.Status.WAITLISTED] * 2
    promoted = services.enrolment_withdraw(enrolment=enrolments[0])
    assert promoted == enrolments[14]
    promoted.refresh_from_db()
    assert promoted.status == Enrolment.Status.ENROLLED


def test_enrolment_refuses_duplicates_and_other_organisations():
    trajectory = start()
    round_ = Round.objects.get(trajectory=trajectory, number=1)
    person = PersonFactory(organisation=trajectory.organisation)
    services.enrolment_add(round_=round_, person=person)
    with pytest.raises(ServiceError):
        services.enrolment_add(round_=round_, person=person)
    with pytest.raises(ServiceError):
        services.enrolment_add(round_=round_, person=PersonFactory())


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_overfill_a_round():
    trajectory = start()
    round_ = Round.objects.get(trajectory=trajectory, number=1)
    people = PersonFactory.create_batch(20, organisation=trajectory.organisation)
    errors: list[Exception] = []

    def enrol(person):
        try:
            services.enrolment_add(round_=round_, person=person)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Enrolment.objects.filter(round=round_, status="enrolled").count() == 14
    assert Enrolment.objects.filter(round=round_, status="waitlisted").count() == 6


def test_withdrawing_twice_frees_one_place_only():
    """A double click on "take out" must not promote two people from the waiting list."""
    org = OrganisationFactory()
    trajectory = services.trajectory_start(organisation=org, name="Traject")
    round_ = Round.objects.get(trajectory=trajectory, number=1)
    round_.max_participants = 1
    round_.save()
    first, *_ = (
        services.enrolment_add(round_=round_, person=p)
        for p in PersonFactory.create_batch(3, organisation=org)
    )
    stale_copy = Enrolment.objects.get(pk=first.pk)  # what a second request loaded
    assert services.enrolment_withdraw(enrolment=first) is not None
    assert services.enrolment_withdraw(enrolment=stale_copy) is None
    statuses = sorted(Enrolment.objects.filter(round=round_).values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted", "withdrawn"]
