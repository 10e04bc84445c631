"""Marking attendance, filling a held meeting's list, and the completion rule."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from binnenuit.attendance import selectors, services
from binnenuit.audit.recording import acting_as
from binnenuit.catalogue.models import Stage
from binnenuit.core.exceptions import ServiceError
from binnenuit.trajectories.models import Attendance, Meeting
from tests.attendance.factories import date_modules, held_round, mark, modules_of, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    """Round 1's four modules held, the trainer and two colleagues on each list."""
    from tests.attendance.factories import enrol

    enrol(world, world.round_1, [world.person(full_name=n) for n in ("Anna Aalders", "Bo Bakker")])
    return held_round(world, world.round_1)


@pytest.mark.parametrize("status", ["present", "late", "absent"])
def test_each_status_is_recorded_with_who_and_when(world, held, status):
    trainer = world.people["trainer"]
    before = timezone.now()
    marked = services.attendance_mark(
        by=world.actor("project_leader"), meeting=held[0], person=trainer, status=status
    )
    stored = row(held[0], trainer)
    assert stored.pk == marked.pk
    assert stored.status == status
    assert stored.absence_reason == ""
    assert stored.recorded_by == world.users["project_leader"]
    assert stored.recorded_at >= before


@pytest.mark.parametrize("reason", ["sick", "leave", "other"])
def test_an_absence_takes_a_reason(world, held, reason):
    mark(world, held[0], world.people["trainer"], "absent", reason)
    assert row(held[0], world.people["trainer"]).absence_reason == reason


@pytest.mark.parametrize("status", ["present", "late"])
def test_only_an_absence_has_a_reason(world, held, status):
    with pytest.raises(ServiceError) as refused:
        mark(world, held[0], world.people["trainer"], status, "sick")
    assert refused.value.field_errors == {"reason": ["Alleen bij afwezigheid hoort een reden."]}
    assert row(held[0], world.people["trainer"]).status == "expected"


def test_an_unknown_status_or_reason_is_refused(world, held):
    trainer = world.people["trainer"]
    with pytest.raises(ServiceError) as refused:
        mark(world, held[0], trainer, "expected")
    assert refused.value.field_errors == {"status": ["Kies aanwezig, te laat of afwezig."]}
    with pytest.raises(ServiceError) as refused:
        mark(world, held[0], trainer, "absent", "vakantie")
    assert refused.value.field_errors == {"reason": ["Kies ziek, verlof of anders als reden."]}


def test_marking_absent_again_keeps_the_reason_and_another_status_drops_it(world, held):
    trainer = world.people["trainer"]
    mark(world, held[0], trainer, "absent", "leave")
    mark(world, held[0], trainer, "absent")
    assert row(held[0], trainer).absence_reason == "leave"
    mark(world, held[0], trainer, "late")
    assert (row(held[0], trainer).status, row(held[0], trainer).absence_reason) == ("late", "")


def test_someone_not_on_the_list_is_refused_with_their_name(world, held):
    stranger = world.person(full_name="Karel Kwast")
    with pytest.raises(ServiceError) as refused:
        mark(world, held[0], stranger, "present")
    assert refused.value.field_errors == {
        "person": ["Karel Kwast staat niet op de lijst van deze bijeenkomst."]
    }
    assert not Attendance.objects.filter(person=stranger).exists()


def test_a_meeting_in_the_future_is_refused_and_today_is_allowed(world):
    meetings = date_modules(world.round_1, held=0)
    services.attendance_list_fill(by=world.actor("adviser"), meeting=meetings[0])
    trainer = world.people["trainer"]
    with pytest.raises(ServiceError) as refused:
        mark(world, meetings[0], trainer, "present")
    assert "Je kunt de aanwezigheid bijhouden vanaf de dag van de bijeenkomst" in str(refused.value)
    Meeting.objects.filter(pk=meetings[0].pk).update(date=timezone.localdate())
    mark(world, Meeting.objects.get(pk=meetings[0].pk), trainer, "present")
    assert row(meetings[0], trainer).status == "present"


def test_an_unplanned_or_cancelled_meeting_is_refused(world, held):
    trainer = world.people["trainer"]
    Meeting.objects.filter(pk=held[0].pk).update(date=None)
    with pytest.raises(ServiceError, match="Deze bijeenkomst heeft nog geen datum"):
        mark(world, Meeting.objects.get(pk=held[0].pk), trainer, "present")
    Meeting.objects.filter(pk=held[1].pk).update(cancelled_at=timezone.now())
    with pytest.raises(ServiceError, match="Deze bijeenkomst is geannuleerd"):
        mark(world, Meeting.objects.get(pk=held[1].pk), trainer, "present")


@pytest.mark.parametrize("role", ["manager", "trainer", "participant"])
def test_who_neither_organises_nor_facilitates_cannot_mark(world, held, role):
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            by=world.actor(role), meeting=held[0], person=world.people["trainer"], status="present"
        )
    assert row(held[0], world.people["trainer"]).status == "expected"


def test_a_facilitator_marks_the_meeting_they_facilitate_only(world):
    meetings = date_modules(world.round_2, held=2)
    adviser = world.actor("adviser")
    for meeting in meetings:
        services.attendance_list_fill(by=adviser, meeting=meeting)
    meetings[0].facilitators.add(world.people["trainer"])
    participant = world.people["participant"]
    services.attendance_mark(
        by=world.actor("trainer"), meeting=meetings[0], person=participant, status="late"
    )
    assert row(meetings[0], participant).recorded_by == world.users["trainer"]
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            by=world.actor("trainer"), meeting=meetings[1], person=participant, status="late"
        )


def test_another_organisations_meeting_is_refused(world, held):
    foreign = Meeting.objects.filter(trajectory=world.other_trajectory).first()
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            by=world.actor("adviser"),
            meeting=foreign,
            person=world.people["trainer"],
            status="late",
        )


def test_the_audit_trail_records_the_mark_but_never_the_reason(world, held):
    trainer = world.people["trainer"]
    with acting_as(world.actor("project_leader")):
        mark(world, held[0], trainer, "absent", "sick")
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Attendance),
        object_pk=str(row(held[0], trainer).pk),
    )
    (entry,) = entries
    assert entry.changes_dict["status"] == ["expected", "absent"]
    assert "absence_reason" not in entry.changes_dict
    assert "sick" not in str(entry.changes) and "ziek" not in str(entry.changes).lower()
    assert entry.additional_data["organisation_ids"] == [world.org.pk]


def test_a_second_tap_with_the_same_status_changes_nothing(world, held):
    trainer = world.people["trainer"]
    mark(world, held[0], trainer, "present")
    first = row(held[0], trainer).recorded_at
    services.attendance_mark(
        by=world.actor("project_leader"), meeting=held[0], person=trainer, status="present"
    )
    stored = row(held[0], trainer)
    assert (stored.recorded_at, stored.recorded_by) == (first, world.users["adviser"])


# --- A held meeting's list --------------------------------------------------------------------


def test_a_meeting_planned_after_it_was_held_gets_its_expected_people(world):
    meetings = date_modules(world.round_1, held=4)
    assert not Attendance.objects.filter(meeting=meetings[0]).exists()  # sync skips held ones
    added = services.attendance_list_fill(by=world.actor("project_leader"), meeting=meetings[0])
    assert added == 1
    assert row(meetings[0], world.people["trainer"]).status == "expected"
    assert services.attendance_list_fill(by=world.actor("adviser"), meeting=meetings[0]) == 0


def test_filling_the_list_is_for_organisers(world):
    meeting = modules_of(world.round_1)[0]
    with pytest.raises(PermissionDenied):
        services.attendance_list_fill(by=world.actor("manager"), meeting=meeting)


# --- The completion rule ------------------------------------------------------------------------


def test_the_completion_rule_is_set_per_round_of_a_trajectory(world):
    changed = services.completion_rule_set(
        by=world.actor("project_leader"),
        trajectory=world.trajectory,
        minimums={Stage.ROUND_1: 4, Stage.ROUND_2: None},
    )
    assert [r.pk for r in changed] == [world.round_1.pk]
    world.round_1.refresh_from_db()
    world.round_2.refresh_from_db()
    assert (world.round_1.completion_minimum, world.round_2.completion_minimum) == (4, None)


@pytest.mark.parametrize(("stage", "value", "count"), [("round_1", 5, 4), ("round_2", 0, 5)])
def test_the_completion_rule_stays_within_the_rounds_modules(world, stage, value, count):
    with pytest.raises(ServiceError) as refused:
        services.completion_rule_set(
            by=world.actor("adviser"), trajectory=world.trajectory, minimums={stage: value}
        )
    assert refused.value.field_errors == {
        stage: [f"Kies een getal van 1 tot en met {count}, het aantal modules van de ronde."]
    }


def test_the_completion_rule_is_for_organisers(world):
    with pytest.raises(PermissionDenied):
        services.completion_rule_set(
            by=world.actor("manager"), trajectory=world.trajectory, minimums={"round_1": 2}
        )
    with pytest.raises(PermissionDenied):
        services.completion_rule_set(
            by=world.actor("adviser"), trajectory=world.other_trajectory, minimums={"round_1": 2}
        )


# --- Completion and at risk, from the database ---------------------------------------------------


def test_round_progress_shows_who_completed_and_who_is_at_risk(world, held):
    trainer = world.people["trainer"]
    anna, bo = (world.org.person_set.get(full_name=n) for n in ("Anna Aalders", "Bo Bakker"))
    for meeting, status in zip(held, ["present", "late", "present", "absent"], strict=True):
        mark(world, meeting, trainer, status, "sick" if status == "absent" else "")
    mark(world, held[0], anna, "absent", "sick")
    mark(world, held[1], anna, "absent", "other")
    mark(world, held[0], bo, "present")
    (progress,) = selectors.round_progress([world.round_1])
    assert progress.minimum == 3
    standing = {p.person.full_name: p.standing for p in progress.people}
    assert standing == {
        trainer.full_name: "completed",
        "Anna Aalders": "at_risk",
        "Bo Bakker": "on_track",
    }
    assert [p.person for p in progress.at_risk] == [anna]


def test_a_stricter_rule_changes_who_completed(world, held):
    trainer = world.people["trainer"]
    for meeting in held[:3]:
        mark(world, meeting, trainer, "present")
    mark(world, held[3], trainer, "absent")
    (progress,) = selectors.round_progress([world.round_1])
    assert progress.of(trainer.pk).progress.completed
    services.completion_rule_set(
        by=world.actor("adviser"), trajectory=world.trajectory, minimums={"round_1": 4}
    )
    world.round_1.refresh_from_db()
    (progress,) = selectors.round_progress([world.round_1])
    assert progress.of(trainer.pk).standing == "at_risk"


def test_a_cancelled_module_does_not_count(world, held):
    trainer = world.people["trainer"]
    for meeting in held[:3]:
        mark(world, meeting, trainer, "present")
    Meeting.objects.filter(pk=held[3].pk).update(
        cancelled_at=timezone.now() - datetime.timedelta(days=60)
    )
    (progress,) = selectors.round_progress([world.round_1])
    assert len(progress.meetings) == 3
    assert progress.minimum == 3
    assert progress.of(trainer.pk).progress.completed


def test_a_meeting_planned_after_the_fact_can_be_filled_and_marked(world):
    """What the demo does: plan round 1 in the past, then record who came."""
    from binnenuit.trajectories import services as trajectory_services

    adviser = world.actor("adviser")
    meeting = modules_of(world.round_1)[0]
    planned = trajectory_services.meeting_plan(
        by=adviser,
        meeting=meeting,
        date=timezone.localdate() - datetime.timedelta(days=30),
        part_of_day="morning",
    )
    assert not Attendance.objects.filter(meeting=planned).exists()
    assert services.attendance_list_fill(by=adviser, meeting=planned) == 1
    mark(world, planned, world.people["trainer"], "absent", "sick")
    assert row(planned, world.people["trainer"]).absence_reason == "sick"
