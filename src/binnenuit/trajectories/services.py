from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binnenuit.catalogue.models import ROUND_STAGES, ProgrammeTemplate, Stage, StepKind, Theme
from binnenuit.catalogue.selectors import template_current
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import validate
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import (
    Enrolment,
    Meeting,
    MeetingKind,
    Module,
    PartOfDay,
    Phase,
    Round,
    Trajectory,
)

# Without a start date, meetings up to a year before the trajectory was entered may be recorded.
EARLIEST_BEFORE_CREATION = datetime.timedelta(days=365)
PREPARATION_KINDS = {
    StepKind.THEME_SESSION: MeetingKind.THEME_SESSION,
    StepKind.INTAKE: MeetingKind.INTAKE,
}


@transaction.atomic
def trajectory_start(
    *,
    by: Actor,
    name: str,
    starts_on: datetime.date | None = None,
    template: ProgrammeTemplate | None = None,
) -> Trajectory:
    """Instantiate the programme: preparation meetings, round 1 and round 2 with their modules."""
    require(by, "trajectory.manage")
    organisation = by.organisation
    template = template or template_current()
    if template is None or template.status != ProgrammeTemplate.Status.PUBLISHED:
        raise ServiceError(_("There is no published programme version to start from."))
    trajectory = Trajectory(
        organisation=organisation,
        template=template,
        name=name,
        starts_on=starts_on,
        phase=Phase.PREPARATION,
    )
    validate(trajectory)
    trajectory.save()

    steps = list(template.steps.all())
    meetings: list[Meeting] = []
    sequence = 0
    for step in (s for s in steps if s.stage == Stage.PREPARATION):
        sequence += 1
        meetings.append(
            Meeting(
                organisation=organisation,
                trajectory=trajectory,
                kind=PREPARATION_KINDS[StepKind(step.kind)],
                title=step.title,
                sequence=sequence,
            )
        )
    for stage in ROUND_STAGES:
        round_ = Round(organisation=organisation, trajectory=trajectory, stage=stage)
        validate(round_)
        round_.save()
        for step in (s for s in steps if s.stage == stage):
            module = Module(
                organisation=organisation,
                round=round_,
                position=step.position,
                title=step.title,
                description=step.description,
                is_theme_slot=step.kind == StepKind.THEME_SLOT,
            )
            validate(module)
            module.save()
            sequence += 1
            meetings.append(
                Meeting(
                    organisation=organisation,
                    trajectory=trajectory,
                    round=round_,
                    module=module,
                    kind=MeetingKind.MODULE,
                    title=step.title,
                    sequence=sequence,
                )
            )
    for meeting in meetings:
        validate(meeting)
    Meeting.objects.bulk_create(meetings)
    return trajectory


def _slot_key(module_id: int) -> str:
    """The name under which a theme slot's messages travel (the form field's name)."""
    return f"module_{module_id}"


@transaction.atomic
def trajectory_choose_themes(
    *, by: Actor, trajectory: Trajectory, choices: Mapping[int, Theme | None]
) -> None:
    """Fill round 2's theme slots (module id → theme) from the trajectory's catalogue version."""
    require(by, "trajectory.manage", trajectory)
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    slots = {
        m.pk: m
        for m in Module.objects.for_org(trajectory.organisation).filter(
            round__trajectory=trajectory, is_theme_slot=True
        )
    }
    if set(choices) - set(slots):
        raise ServiceError(_("This module is not a theme slot of this trajectory."))
    chosen = [t for t in choices.values() if t is not None]
    if any(t.template_id != trajectory.template_id for t in chosen):
        raise ServiceError(_("Choose a theme from this trajectory's catalogue."))
    if len({t.pk for t in chosen}) != len(chosen):
        raise ServiceError(_("Choose each theme only once."))
    changed = [pk for pk, theme in choices.items() if slots[pk].theme_id != (theme and theme.pk)]
    held = set(
        Meeting.objects.filter(module__in=changed, date__lt=timezone.localdate()).values_list(
            "module_id", flat=True
        )
    )
    if held:
        message = _("This module has already been held; its theme can no longer change.")
        raise ServiceError(fields={_slot_key(pk): message for pk in sorted(held)})
    # A theme moving to another slot is let go first, so that a swap never holds one theme
    # twice (the database allows a theme once per round); every other change is saved
    # with its before value, which the audit trail records.
    wanted = {theme.pk for pk in changed if (theme := choices[pk]) is not None}
    moving = [pk for pk in changed if slots[pk].theme_id in wanted]
    Module.objects.filter(pk__in=moving).update(theme=None)
    for module_id in changed:
        module, theme = slots[module_id], choices[module_id]
        module.theme = theme
        module.save(update_fields=["theme"])
        Meeting.objects.filter(module=module).update(title=theme.name if theme else module.title)


@transaction.atomic
def trajectory_set_phase(*, by: Actor, trajectory: Trajectory, phase: Phase) -> Trajectory:
    require(by, "trajectory.manage", trajectory)
    trajectory.phase = phase
    validate(trajectory)
    trajectory.save(update_fields=["phase"])
    return trajectory


@transaction.atomic
def meeting_update(
    *,
    by: Actor,
    meeting: Meeting,
    date: datetime.date | None,
    part_of_day: PartOfDay,
    location: str,
) -> Meeting:
    require(by, "trajectory.manage", meeting)
    trajectory = meeting.trajectory
    earliest = trajectory.starts_on or (
        timezone.localtime(trajectory.created_at).date() - EARLIEST_BEFORE_CREATION
    )
    if date is not None and date < earliest:
        raise ServiceError(
            fields={
                "date": _("Choose a date on or after %(date)s, when this trajectory starts.")
                % {"date": formats.date_format(earliest, "j F Y")}
            }
        )
    meeting.date, meeting.part_of_day, meeting.location = date, part_of_day, location
    validate(meeting)
    meeting.save(update_fields=["date", "part_of_day", "location"])
    return meeting


@transaction.atomic
def enrolment_add(*, by: Actor, round_: Round, person: Person) -> Enrolment:
    """Enrol a person; past the round's maximum they are wait-listed in order.

    The trajectory and round rows are locked while checking and counting, so concurrent
    enrolments never overfill a round nor put one person in both rounds.
    """
    require(by, "trajectory.manage", round_)
    Trajectory.objects.select_for_update().filter(pk=round_.trajectory_id).first()
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if person.organisation_id != locked.organisation_id:
        raise ServiceError(_("This employee does not work for this organisation."))
    existing = Enrolment.objects.filter(round=locked, person=person).first()
    if existing is not None and existing.status != Enrolment.Status.WITHDRAWN:
        raise ServiceError(_("This employee is already in this round."))
    in_other_round = (
        Enrolment.objects.filter(round__trajectory_id=locked.trajectory_id, person=person)
        .exclude(round=locked)
        .exclude(status=Enrolment.Status.WITHDRAWN)
    )
    if in_other_round.exists():
        # A trainer gives round 2; a colleague of round 2 was not trained in round 1.
        raise ServiceError(_("This employee is already in the other round of this trajectory."))
    enrolled = Enrolment.objects.filter(round=locked, status=Enrolment.Status.ENROLLED).count()
    status = (
        Enrolment.Status.ENROLLED
        if enrolled < locked.max_participants
        else Enrolment.Status.WAITLISTED
    )
    if existing is not None:
        existing.delete()
    enrolment = Enrolment(
        organisation=locked.organisation, round=locked, person=person, status=status
    )
    validate(enrolment)
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, by: Actor, enrolment: Enrolment) -> Enrolment | None:
    """Withdraw an enrolment; the first on the waiting list takes the free seat. Returns them.

    The status is read again under the round's lock: a second, concurrent withdrawal of the
    same enrolment (a double click) changes nothing.
    """
    require(by, "trajectory.manage", enrolment)
    Round.objects.select_for_update().filter(pk=enrolment.round_id).first()
    enrolment.refresh_from_db(fields=["status"])
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return None
    was_enrolled = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save(update_fields=["status"])
    if not was_enrolled:
        return None
    first = (
        Enrolment.objects.filter(round_id=enrolment.round_id, status=Enrolment.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is not None:
        first.status = Enrolment.Status.ENROLLED
        first.save(update_fields=["status"])
    return first
