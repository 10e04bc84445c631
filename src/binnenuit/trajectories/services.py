from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import ROUND_STAGES, ProgrammeTemplate, Stage, StepKind, Theme
from binnenuit.catalogue.selectors import template_current
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import save_or_refuse, validate
from binnenuit.organisations.models import Location, Organisation, Person
from binnenuit.trajectories.conflicts import conflicts_of
from binnenuit.trajectories.models import (
    OPTIONAL_KINDS,
    Attendance,
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
from binnenuit.trajectories.selectors import (
    ConflictView,
    Proposal,
    advisers_of,
    describe_conflicts,
    planning_neighbours,
    proposal_slot,
)
from binnenuit.trajectories.selectors import (
    expected_attendees as expected_attendees,  # where it was first: attendance imports it here
)
from binnenuit.trajectories.signals import CANCELLED, GUESTS, MOVED, PLANNED, meeting_changed

# Without a start date, meetings up to a year before the trajectory was entered may be recorded.
EARLIEST_BEFORE_CREATION = datetime.timedelta(days=365)
# A date further than this after the trajectory's start is a typing slip, not a plan.
LATEST_YEARS_AFTER_START = 3
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
def trajectory_record_agreement(
    *, by: Actor, trajectory: Trajectory, participants: Mapping[Stage, int]
) -> Trajectory:
    """Record the participants agreed per round (an accepted quote) and, when the trajectory
    is still in the offer phase, move it into preparation; in a later phase the phase stays.

    The trajectory's row is locked, so two acceptances at once record one after the other.
    """
    require(by, "trajectory.agree", trajectory)
    locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    rounds = {Stage(r.stage): r for r in Round.objects.filter(trajectory=locked)}
    if set(participants) - set(rounds):
        raise ServiceError(_("This trajectory has no such round."))
    for stage, count in participants.items():
        round_ = rounds[stage]
        round_.agreed_participants = count
        validate(round_)
        round_.save(update_fields=["agreed_participants"])
    if locked.phase == Phase.OFFER:
        locked.phase = Phase.PREPARATION
        locked.save(update_fields=["phase"])
    trajectory.phase = locked.phase
    return locked


# --- Planning meetings ---------------------------------------------------------------------


def _earliest_date(trajectory: Trajectory) -> datetime.date:
    return trajectory.starts_on or (
        timezone.localtime(trajectory.created_at).date() - EARLIEST_BEFORE_CREATION
    )


def _latest_date(trajectory: Trajectory) -> datetime.date:
    """The last day a meeting may take: three years after the start (or the creation)."""
    start = trajectory.starts_on or timezone.localtime(trajectory.created_at).date()
    try:
        return start.replace(year=start.year + LATEST_YEARS_AFTER_START)
    except ValueError:  # 29 February, three years on, is 28 February
        return start.replace(year=start.year + LATEST_YEARS_AFTER_START, day=28)


def _times(
    organisation: Organisation,
    part_of_day: PartOfDay,
    starts_at_time: datetime.time | None,
    ends_at_time: datetime.time | None,
) -> tuple[datetime.time, datetime.time]:
    if (starts_at_time is None) != (ends_at_time is None):
        missing = "ends_at_time" if ends_at_time is None else "starts_at_time"
        raise ServiceError(fields={missing: _("Enter both a start and an end time, or neither.")})
    usual = organisation.part_of_day_times(part_of_day)
    starts, ends = starts_at_time or usual[0], ends_at_time or usual[1]
    if ends <= starts:
        raise ServiceError(fields={"ends_at_time": _("The end must be later than the start.")})
    return starts, ends


def sync_attendance(meetings: Iterable[Meeting]) -> None:
    """Bring the attendance lists of meetings yet to come in line with who is expected.

    New attendees are added; people no longer expected (withdrawn) are taken off, unless
    their attendance was recorded. A held meeting's list stays as it was.
    """
    today = timezone.localdate()
    upcoming = [m for m in meetings if m.date is None or m.date >= today]
    expected = expected_attendees(upcoming)
    current: dict[int, set[int]] = {m.pk: set() for m in upcoming}
    for meeting_id, person_id in Attendance.objects.filter(meeting__in=upcoming).values_list(
        "meeting_id", "person_id"
    ):
        current[meeting_id].add(person_id)
    Attendance.objects.bulk_create(
        [
            Attendance(organisation_id=m.organisation_id, meeting=m, person_id=person_id)
            for m in upcoming
            for person_id in sorted(expected[m.pk] - current[m.pk])
        ],
        ignore_conflicts=True,
    )
    gone = Q()
    for m in upcoming:
        if current[m.pk] - expected[m.pk]:
            gone |= Q(meeting=m, person_id__in=current[m.pk] - expected[m.pk])
    if gone:
        Attendance.objects.filter(gone, status=Attendance.Status.EXPECTED).delete()


def _changed(meeting: Meeting, before: tuple[object, ...]) -> bool:
    return before != (
        meeting.date,
        meeting.part_of_day,
        meeting.starts_at_time,
        meeting.ends_at_time,
        meeting.location_id,
    )


def _announce(meeting: Meeting, change: str, **extra: object) -> None:
    transaction.on_commit(
        lambda: meeting_changed.send(sender=Meeting, meeting=meeting, change=change, **extra)
    )


@dataclass(frozen=True)
class _Checked:
    """A plan past the checks that need no other meeting: its clock times and its people."""

    starts: datetime.time
    ends: datetime.time
    facilitators: frozenset[int]  # Person keys
    advisers: frozenset[int]  # User keys


def _check_plan(
    meeting: Meeting,
    *,
    date: datetime.date | None,
    part_of_day: PartOfDay,
    starts_at_time: datetime.time | None,
    ends_at_time: datetime.time | None,
    location: Location | None,
    facilitators: Iterable[Person] | None,
    advisers: Iterable[User] | None,
) -> _Checked:
    """What a plan must be on its own, each refusal beside its field: a date within the
    trajectory, an end after the start, the organisation's own location and people."""
    organisation = meeting.organisation
    earliest, latest = _earliest_date(meeting.trajectory), _latest_date(meeting.trajectory)
    if date is not None and date < earliest:
        raise ServiceError(
            fields={
                "date": _("Choose a date on or after %(date)s, when this trajectory starts.")
                % {"date": formats.date_format(earliest, "j F Y")}
            }
        )
    if date is not None and date > latest:
        raise ServiceError(
            fields={
                "date": _(
                    "Choose a date on or before %(date)s: at most three years after this "
                    "trajectory starts."
                )
                % {"date": formats.date_format(latest, "j F Y")}
            }
        )
    starts, ends = _times(organisation, part_of_day, starts_at_time, ends_at_time)
    if location is not None and location.organisation_id != organisation.pk:
        raise ServiceError(fields={"location": _("Choose one of this organisation's locations.")})
    if facilitators is None:
        chosen_facilitators = set(meeting.facilitators.values_list("pk", flat=True))
    else:
        facilitators = list(facilitators)
        if any(p.organisation_id != organisation.pk for p in facilitators):
            raise ServiceError(
                fields={"facilitators": _("Choose facilitators from this organisation.")}
            )
        chosen_facilitators = {p.pk for p in facilitators}
    allowed_advisers = set(advisers_of(organisation=organisation).values_list("pk", flat=True))
    if advisers is None:
        never_planned = meeting.date is None and meeting.revision == 0
        current = set(meeting.advisers.values_list("pk", flat=True))
        chosen_advisers = allowed_advisers if never_planned and not current else current
    else:
        chosen_advisers = {u.pk for u in advisers}
        if chosen_advisers - allowed_advisers:
            raise ServiceError(fields={"advisers": _("Choose advisers of this organisation.")})
    return _Checked(starts, ends, frozenset(chosen_facilitators), frozenset(chosen_advisers))


def _proposal(
    meeting: Meeting, date: datetime.date, location: Location | None, checked: _Checked
) -> Proposal:
    """The plan with everyone in it: its attendees by default and as listed, its guests."""
    attendees = expected_attendees([meeting])[meeting.pk] | set(
        Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True)
    )
    return Proposal(
        meeting=meeting,
        date=date,
        starts=checked.starts,
        ends=checked.ends,
        location=location,
        facilitators=checked.facilitators,
        advisers=checked.advisers,
        attendees=frozenset(attendees),
        guests=Guest.objects.filter(meeting=meeting).count(),
    )


def meeting_conflicts(
    *,
    by: Actor,
    meeting: Meeting,
    date: datetime.date | None,
    part_of_day: PartOfDay,
    starts_at_time: datetime.time | None = None,
    ends_at_time: datetime.time | None = None,
    location: Location | None = None,
    facilitators: Iterable[Person] | None = None,
    advisers: Iterable[User] | None = None,
) -> list[ConflictView]:
    """What ``meeting_plan`` would find with these values, without saving anything.

    The same checks (a ServiceError for a value refused on its own, beside its field) and
    the same conflicts, in words; no date: nothing to compare. For the planning page, which
    shows the conflicts while the planner fills in the form.
    """
    require(by, "trajectory.manage", meeting)
    current = (
        Meeting.objects.select_related("trajectory", "round", "module", "organisation")
        .filter(organisation=meeting.organisation_id)
        .get(pk=meeting.pk)
    )
    checked = _check_plan(
        current,
        date=date,
        part_of_day=part_of_day,
        starts_at_time=starts_at_time,
        ends_at_time=ends_at_time,
        location=location,
        facilitators=facilitators,
        advisers=advisers,
    )
    if date is None:
        return []
    proposal = _proposal(current, date, location, checked)
    return describe_conflicts(
        proposal, conflicts_of(proposal_slot(proposal), planning_neighbours(proposal))
    )


@transaction.atomic
def meeting_plan(
    *,
    by: Actor,
    meeting: Meeting,
    date: datetime.date | None,
    part_of_day: PartOfDay,
    starts_at_time: datetime.time | None = None,
    ends_at_time: datetime.time | None = None,
    location: Location | None = None,
    facilitators: Iterable[Person] | None = None,
    advisers: Iterable[User] | None = None,
    override_reason: str = "",
) -> Meeting:
    """Plan (or re-plan) a meeting: when, where, who leads it; its attendees follow.

    The date lies within the trajectory: not before its start, at most three years after.
    Conflicts (``trajectories.conflicts``) are refused, naming each beside the reason field,
    unless the planner gives a reason to plan it anyway; the reason is kept on the meeting
    and so in the audit trail. ``facilitators``/``advisers`` None keep the current ones (for a
    meeting never planned: no facilitators, the organisation's advisers). Planning is one at
    a time per organisation (a row lock), so two planners cannot book one room twice at once.
    """
    require(by, "trajectory.manage", meeting)
    Organisation.objects.select_for_update().filter(pk=meeting.organisation_id).first()
    locked = (  # the meeting's row only: its round and module may be none (an outer join)
        Meeting.objects.select_for_update(of=("self",))
        .select_related("trajectory", "round", "module", "organisation")
        .get(pk=meeting.pk)
    )
    never_planned = locked.date is None and locked.revision == 0
    checked = _check_plan(
        locked,
        date=date,
        part_of_day=part_of_day,
        starts_at_time=starts_at_time,
        ends_at_time=ends_at_time,
        location=location,
        facilitators=facilitators,
        advisers=advisers,
    )
    before = (
        locked.date,
        locked.part_of_day,
        locked.starts_at_time,
        locked.ends_at_time,
        locked.location_id,
    )
    was_planned = locked.is_planned
    reason = override_reason.strip()
    if date is not None:
        proposal = _proposal(locked, date, location, checked)
        conflicts = conflicts_of(proposal_slot(proposal), planning_neighbours(proposal))
        if conflicts and not reason:
            described = describe_conflicts(proposal, conflicts)
            raise ServiceError(
                _("This plan has a conflict. Change it, or give a reason to plan it anyway.")
                if len(described) == 1
                else _("This plan has conflicts. Change it, or give a reason to plan it anyway."),
                fields={"override_reason": [c.message for c in described]},
            )
        locked.override_reason = reason if conflicts else ""
    else:
        locked.override_reason = ""
    locked.date, locked.part_of_day, locked.location = date, part_of_day, location
    locked.starts_at_time, locked.ends_at_time = starts_at_time, ends_at_time
    change = None
    if date is not None and (not was_planned or locked.cancelled_at is not None):
        change = PLANNED
    elif was_planned and date is not None and _changed(locked, before):
        change = MOVED
    elif was_planned and date is None:
        change = CANCELLED  # taken off the calendar: the invitations are withdrawn
    if change is not None and not never_planned:
        locked.revision += 1
    locked.cancelled_at = None
    validate(locked)
    locked.save()
    locked.facilitators.set(checked.facilitators)
    locked.advisers.set(checked.advisers)
    sync_attendance([locked])
    if change is not None:
        _announce(locked, change)
    return locked


@transaction.atomic
def meeting_cancel(*, by: Actor, meeting: Meeting) -> Meeting:
    """Cancel a planned meeting; its date stays, so everyone can see what was cancelled."""
    require(by, "trajectory.manage", meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.cancelled_at is not None:
        return locked  # a second click changes nothing
    if locked.date is None:
        raise ServiceError(_("Only a planned meeting can be cancelled."))
    locked.cancelled_at = timezone.now()
    locked.revision += 1
    locked.save(update_fields=["cancelled_at", "revision"])
    _announce(locked, CANCELLED)
    return locked


@transaction.atomic
def meeting_add_optional(*, by: Actor, trajectory: Trajectory, kind: MeetingKind) -> Meeting:
    """Add the optional scan session or tasting workshop to the preparation (at most one each)."""
    require(by, "trajectory.manage", trajectory)
    if kind not in OPTIONAL_KINDS:
        raise ServiceError(_("Only an organisation scan session or a tasting can be added."))
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    if Meeting.objects.filter(trajectory=trajectory, kind=kind).exists():
        raise ServiceError(_("This trajectory has this meeting already."))
    meeting = Meeting(
        organisation=trajectory.organisation,
        trajectory=trajectory,
        kind=kind,
        title=str(MeetingKind(kind).label),
        sequence=0,  # before the programme's own meetings, in no fixed order
    )
    validate(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def guest_add(
    *, by: Actor, meeting: Meeting, full_name: str, email: str, affiliation: str = ""
) -> Guest:
    """Invite a resident or local entrepreneur to a meeting; they get the invitation by mail."""
    require(by, "trajectory.manage", meeting)
    guest = Guest(
        organisation=meeting.organisation,
        meeting=meeting,
        full_name=full_name,
        email=email.strip().lower(),
        affiliation=affiliation,
    )
    taken = _("This guest has already been invited to this meeting.")
    if Guest.objects.filter(meeting=meeting, email=guest.email).exists():
        raise ServiceError(fields={"email": taken})
    validate(guest)
    save_or_refuse(guest, field="email", message=taken)
    if meeting.is_planned:
        _announce(meeting, GUESTS, guests=[guest])
    return guest


@transaction.atomic
def guest_remove(*, by: Actor, guest: Guest) -> None:
    require(by, "trajectory.manage", guest)
    guest.delete()


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
    if status == Enrolment.Status.ENROLLED:
        sync_attendance(_meetings_of(locked))
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
    sync_attendance(_meetings_of(enrolment.round))
    return first


def _meetings_of(round_: Round) -> list[Meeting]:
    """The meetings a round's people attend: its own, and round 1's intakes."""
    attended = Q(round=round_)
    if round_.stage == Stage.ROUND_1:
        attended |= Q(trajectory_id=round_.trajectory_id, kind=MeetingKind.INTAKE)
    return list(Meeting.objects.filter(attended, cancelled_at__isnull=True))
