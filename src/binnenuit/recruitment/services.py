"""Writes for recruitment: opening and closing calls, applying, and deciding.

Selecting never counts places here: it goes through trajectories' ``enrolment_add`` (which
locks the round and wait-lists past the maximum, in order) and ``enrolment_withdraw``.
A decision locks the trajectory and the round first, in the order ``enrolment_add`` does, and
then the application, so two organisers deciding at the same moment queue instead of
deadlocking, and every decision sees the places as they are.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binnenuit.catalogue.models import Stage
from binnenuit.catalogue.selectors import round_criteria
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import save_or_refuse, validate
from binnenuit.mail.services import mail_queue
from binnenuit.organisations.invitations import invitation_create
from binnenuit.organisations.models import (
    FunctionCategory,
    Invitation,
    Membership,
    Person,
    Role,
)
from binnenuit.organisations.services import person_create
from binnenuit.recruitment import selectors
from binnenuit.recruitment.models import Application, Call, CallCriterion, Decision
from binnenuit.recruitment.privacy import RETENTION_DAYS
from binnenuit.trajectories.models import Enrolment, PartOfDay, Round, Trajectory
from binnenuit.trajectories.services import enrolment_add, enrolment_withdraw

TOKEN_BYTES = 24  # the public link's key: 32 URL-safe characters, 192 random bits
MAIL_LANGUAGE = "nl"  # applicants have no account, so no language of their own: Dutch


# --- The call -----------------------------------------------------------------------------


def call_draft_text(*, round_: Round) -> str:
    """A first version of the call's text, for the project leader to make their own."""
    numbers = {"minimum": round_.min_participants, "maximum": round_.max_participants}
    if round_.stage == Stage.ROUND_1:
        return (
            _(
                "Our organisation takes part in the train-the-trainer programme "
                "“Overheidsparticipatie, de praktijk van binnenuit”. In the first round, "
                "%(minimum)s to %(maximum)s colleagues who already work from government "
                "participation every day are trained to become trainers. Afterwards they train and "
                "coach colleagues themselves.\n\n"
                "We are looking for a broad group: colleagues from the front office, the field "
                "service, policy and project leaders. You work this way every day, you like to "
                "share what you know, and you have time for four half-day modules and, later, to "
                "coach a colleague personally.\n\n"
                "Apply with the form behind this link before the closing date. Tell us in a few "
                "sentences why you want to take part, and which meetings you can attend."
            )
            % numbers
        )
    return (
        _(
            "Our organisation takes part in the programme “Overheidsparticipatie, de praktijk "
            "van binnenuit”. In the second round, %(minimum)s to %(maximum)s colleagues from "
            "every part of the organisation follow five half-day modules, given by our own new "
            "trainers.\n\n"
            "Do you notice that you want to do more with residents and businesses, but often get "
            "stuck when you do it the usual way? Are you open to new things, and do you like to "
            "learn together with colleagues? Then apply.\n\n"
            "Apply with the form behind this link before the closing date. Tell us in a few "
            "sentences why you want to take part, and which meetings you can attend."
        )
        % numbers
    )


def _check_deadline(deadline: datetime.date) -> None:
    if deadline < timezone.localdate():
        raise ServiceError(
            fields={"deadline": _("This date has passed. Choose today or a later date.")}
        )


@transaction.atomic
def call_open(*, by: Actor, round_: Round, text: str, deadline: datetime.date) -> Call:
    """Open the round's call, with a new secret link and a copy of the round's criteria.

    The criteria are copied from the trajectory's catalogue version now, so that changing the
    catalogue later never changes a call that is open.
    """
    require(by, "recruitment.manage", round_)
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    _check_deadline(deadline)
    already = _("This round has a call already. Change or reopen it on the call's page.")
    if Call.objects.filter(round_id=round_.pk).exists():
        raise ServiceError(already)
    call = Call(
        organisation_id=round_.organisation_id,
        round=round_,
        text=text.strip(),
        deadline=deadline,
        token=secrets.token_urlsafe(TOKEN_BYTES),
        opened_by=by.user,
    )
    validate(call, exclude=["round"])
    save_or_refuse(call, field=None, message=already)
    template_id = Trajectory.objects.values_list("template_id", flat=True).get(
        pk=round_.trajectory_id
    )
    CallCriterion.objects.bulk_create(
        CallCriterion(
            organisation_id=round_.organisation_id,
            call=call,
            position=criterion.position,
            name=criterion.name,
            description=criterion.description,
        )
        for criterion in round_criteria(template_id=template_id, stage=round_.stage)
    )
    return call


@transaction.atomic
def call_update(*, by: Actor, call: Call, text: str, deadline: datetime.date) -> Call:
    """Change the text and the closing date; a closed call opens again (with the same link)."""
    require(by, "recruitment.manage", call)
    Call.objects.select_for_update().filter(pk=call.pk).first()
    _check_deadline(deadline)
    call.text, call.deadline, call.closed_at = text.strip(), deadline, None
    validate(call)
    call.save(update_fields=["text", "deadline", "closed_at"])
    return call


@transaction.atomic
def call_close(*, by: Actor, call: Call) -> Call:
    """Stop accepting applications now, before the closing date."""
    require(by, "recruitment.manage", call)
    Call.objects.select_for_update().filter(pk=call.pk).first()
    call.refresh_from_db(fields=["closed_at"])
    if call.closed_at is None:
        call.closed_at = timezone.now()
        call.save(update_fields=["closed_at"])
    return call


# --- Applying (public: no actor) ----------------------------------------------------------


def _either(domains: list[str]) -> str:
    """ "@a.nl", "@a.nl or @b.nl", "@a.nl, @b.nl or @c.nl"."""
    names = ["@" + d for d in domains]
    if len(names) == 1:
        return names[0]
    return _("%(some)s or %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def _check_work_email(call: Call, email: str) -> None:
    domains = call.organisation.work_email_domains
    domain = email.rsplit("@", 1)[-1]
    if domains and domain not in domains:
        raise ServiceError(
            fields={
                "email": _(
                    "Use your work e-mail address at %(organisation)s: one that ends in "
                    "%(domains)s."
                )
                % {"organisation": call.organisation.name, "domains": _either(domains)}
            }
        )


@transaction.atomic
def application_submit(
    *,
    call: Call,
    full_name: str,
    email: str,
    job_title: str,
    function_category: FunctionCategory | str,
    department: str,
    motivation: str,
    availability: Mapping[int, bool],
    consent: bool,
    team: str = "",
    line_manager: str = "",
) -> Application:
    """Apply to an open call; applying again with the same address changes the application.

    The call's row is locked while the application is looked up and written, so identical
    applications sent at the same moment make one row (the database's key is the backstop).
    An applicant whom the organisation knows as an employee (by address) is linked to them.
    """
    locked = Call.objects.select_for_update().get(pk=call.pk)
    locked.organisation = call.organisation
    if not locked.is_open:
        raise ServiceError(_("This call is closed: applications are no longer accepted."))
    if not consent:
        raise ServiceError(
            fields={"consent": _("Give your consent, or we cannot handle your application.")}
        )
    email = email.strip().lower()
    _check_work_email(locked, email)
    planned = [m.pk for m in selectors.planned_meetings(round_=locked.round)]
    application = Application.objects.filter(call=locked, email=email).first() or Application(
        organisation_id=locked.organisation_id, call=locked, email=email
    )
    known = Person.objects.for_org(locked.organisation_id).filter(email__iexact=email).first()
    application.full_name = full_name.strip()
    application.job_title = job_title.strip()
    application.function_category = FunctionCategory(function_category)
    application.department = department.strip()
    application.team = team.strip()
    application.line_manager = line_manager.strip()
    application.motivation = motivation.strip()
    application.availability = {str(pk): bool(availability.get(pk, False)) for pk in planned}
    application.consent_at = timezone.now()
    application.person = known or application.person
    validate(application)
    save_or_refuse(
        application,
        field="email",
        message=_("You have applied with this e-mail address already."),
    )
    return application


# --- Deciding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a decision did, for the board to say."""

    application: Application
    message: str
    level: str = "success"  # "success", "warning" or "info": the message's kind
    promoted: Application | None = None  # who moved up from the waiting list


def _placement(application: Application) -> Enrolment | None:
    """The application's place in the round (enrolled or wait-listed), if it has one."""
    enrolment = application.enrolment
    if enrolment is None or enrolment.status == Enrolment.Status.WITHDRAWN:
        return None
    return enrolment


def _person(by: Actor, application: Application) -> Person:
    """The applicant as an employee: the linked record, one with their address, or a new one."""
    if application.person is not None:
        return application.person
    person = (
        Person.objects.for_org(application.organisation_id)
        .filter(email__iexact=application.email)
        .first()
    )
    if person is None:
        person = person_create(
            by=by,
            full_name=application.full_name,
            email=application.email,
            job_title=application.job_title,
            function_category=FunctionCategory(application.function_category),
            department=application.department,
            team=application.team,
        )
    application.person = person
    return person


def _invite(by: Actor, application: Application, person: Person) -> bool:
    """Invite a selected employee who has no login here yet: trainer or participant.

    Round 1 trains trainers, so they log in as trainers; round 2's colleagues as participants.
    Whether one was sent now.
    """
    organisation_id = application.organisation_id
    email = person.email or application.email
    if person.user_id is not None or not email:
        return False
    has_access = Membership.objects.filter(
        organisation_id=organisation_id, user__email__iexact=email, deactivated_at__isnull=True
    ).exists()
    invited = Invitation.objects.for_org(organisation_id).pending().filter(email=email).exists()
    if has_access or invited:
        return False
    stage = application.call.round.stage
    invitation_create(
        by=by,
        email=email,
        full_name=person.full_name,
        role=Role.TRAINER if stage == Stage.ROUND_1 else Role.PARTICIPANT,
        person=person,
    )
    return True


def _mail(application: Application, decision: Decision, **extra: Any) -> None:
    """The decision's e-mail to the applicant, queued once per application and decision."""
    round_ = application.call.round
    with translation.override(MAIL_LANGUAGE):
        meetings = [
            {
                "date": m.date,
                "part_of_day": PartOfDay(m.part_of_day).label,
                "location": str(m.location) if m.location is not None else "",
                "title": m.title,
            }
            for m in selectors.planned_meetings(round_=round_)
        ]
        context = {
            "name": application.full_name,
            "organisation": application.call.organisation.name,
            "round": round_.label,
            "audience": round_.audience,
            "meetings": meetings,
            "reason": application.decision_reason,
            **extra,
        }
    mail_queue(
        to=application.email,
        template=f"recruitment_{decision.value}",
        context=context,
        language=MAIL_LANGUAGE,
        key=f"recruitment-application-{application.pk}-{decision.value}",
    )


def _selected(by: Actor, application: Application, now: datetime.datetime) -> None:
    """Mark an application whose applicant has a place as selected: mail and invitation."""
    application.decision = Decision.SELECTED
    application.decided_at = now
    application.decided_by = by.user
    person = application.person
    invited = person is not None and _invite(by, application, person)
    _mail(application, Decision.SELECTED, invited=invited)


def _promote(
    by: Actor, call: Call, enrolment: Enrolment | None, now: datetime.datetime
) -> Application | None:
    """The application of whoever moved up from the waiting list: selected now (if any)."""
    if enrolment is None:
        return None
    promoted = (
        Application.objects.select_related("call__round", "call__organisation", "person")
        .filter(call=call)
        .filter(Q(enrolment=enrolment) | Q(person_id=enrolment.person_id))
        .first()
    )
    if promoted is None:
        return None
    _selected(by, promoted, now)
    promoted.enrolment = enrolment
    promoted.save(update_fields=["decision", "decided_at", "decided_by", "enrolment"])
    return promoted


@transaction.atomic
def application_decide(
    *,
    by: Actor,
    application: Application,
    decision: Decision | str,
    reason: str = "",
    criteria_met: Iterable[int] | None = None,
) -> Outcome:
    """Record the checklist and decide: selected, waiting list, declined (or not yet).

    Selecting takes a place through ``enrolment_add``: past the maximum the applicant goes on
    the round's waiting list, in order, and the outcome says so. The waiting list is the
    round's: it can be chosen only while the round is full. Deciding against someone who
    had a place gives it back through ``enrolment_withdraw``; whoever moves up is selected.
    Every decision but "not yet" mails the applicant, once per decision.
    """
    require(by, "recruitment.manage", application)
    decision = Decision(decision)
    round_ = application.call.round
    Trajectory.objects.select_for_update().filter(pk=round_.trajectory_id).first()
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__round__trajectory", "call__organisation", "enrolment", "person")
        .get(pk=application.pk)
    )
    if criteria_met is not None:
        criteria = CallCriterion.objects.filter(call_id=locked.call_id)
        allowed = set(criteria.values_list("pk", flat=True))
        locked.criteria_met = sorted(set(criteria_met) & allowed)
    locked.decision_reason = reason.strip()
    outcome = _decide(by, locked, decision)
    validate(locked, exclude=["call", "email"])
    locked.save()
    return outcome


def _decide(by: Actor, application: Application, decision: Decision) -> Outcome:
    now = timezone.now()
    round_ = application.call.round
    name = application.full_name
    placed = _placement(application)

    def decided(value: Decision) -> None:
        if application.decision != value:
            application.decision, application.decided_at, application.decided_by = (
                value,
                now,
                by.user,
            )

    if decision in (Decision.SELECTED, Decision.WAITLISTED) and placed is not None:
        if placed.status == Enrolment.Status.ENROLLED:
            if decision == Decision.WAITLISTED:
                raise ServiceError(
                    fields={
                        "decision": _(
                            "%(name)s has a place in the round. The waiting list is only for "
                            "when the round is full."
                        )
                        % {"name": name}
                    }
                )
            _selected(by, application, now)
            return Outcome(application, _("%(name)s has a place in the round.") % {"name": name})
        position = selectors.waitlist_position(placed)
        if decision == Decision.SELECTED:
            raise ServiceError(
                fields={
                    "decision": _(
                        "%(name)s is on the waiting list already (place %(position)s) and moves "
                        "up as soon as a place comes free. To make room, decline someone who has "
                        "a place."
                    )
                    % {"name": name, "position": position}
                }
            )
        decided(Decision.WAITLISTED)
        _mail(application, Decision.WAITLISTED, position=position)
        return Outcome(
            application,
            _("%(name)s is on the waiting list (place %(position)s).")
            % {"name": name, "position": position},
        )

    if decision == Decision.WAITLISTED:
        enrolled = Enrolment.objects.filter(round=round_, status=Enrolment.Status.ENROLLED).count()
        if enrolled < round_.max_participants:
            raise ServiceError(
                fields={
                    "decision": _(
                        "The round still has %(free)s free places: select %(name)s to give them "
                        "one. The waiting list is only for when the round is full."
                    )
                    % {"free": round_.max_participants - enrolled, "name": name}
                }
            )

    if decision in (Decision.SELECTED, Decision.WAITLISTED):
        return _place(by, application, now)

    # Not (or no longer) in the round: a place they had goes to the first on the waiting list.
    promoted = None
    if placed is not None:
        moved_up = enrolment_withdraw(by=by, enrolment=placed)
        promoted = _promote(by, application.call, moved_up, now)
    decided(decision)
    if decision == Decision.DECLINED:
        _mail(application, Decision.DECLINED)
        message = _("%(name)s has been declined.") % {"name": name}
    else:
        message = _("The decision about %(name)s has been taken back.") % {"name": name}
    if placed is not None:
        message += " " + _("Their place in the round has been given up.")
    if promoted is not None:
        message += " " + (
            _("%(name)s moved up from the waiting list and has been selected.")
            % {"name": promoted.full_name}
        )
    return Outcome(application, message, promoted=promoted)


def _place(by: Actor, application: Application, now: datetime.datetime) -> Outcome:
    """Take a place in the round through ``enrolment_add``: enrolled, or wait-listed in order."""
    name = application.full_name
    round_ = application.call.round
    person = _person(by, application)
    # Someone put in the round on its own page already has a place: this is it.
    enrolment = (
        Enrolment.objects.filter(round=round_, person=person)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if enrolment is None:
        try:
            enrolment = enrolment_add(by=by, round_=round_, person=person)
        except ServiceError as error:
            raise ServiceError(fields={"decision": " ".join(error.messages)}) from error
    application.enrolment = enrolment
    if enrolment.status == Enrolment.Status.ENROLLED:
        _selected(by, application, now)
        message = _("%(name)s has been selected and has a place in the round.")
        return Outcome(application, message % {"name": name})
    position = selectors.waitlist_position(enrolment)
    application.decision, application.decided_at, application.decided_by = (
        Decision.WAITLISTED,
        now,
        by.user,
    )
    _mail(application, Decision.WAITLISTED, position=position)
    return Outcome(
        application,
        _("The round is full: %(name)s is on the waiting list (place %(position)s).")
        % {"name": name, "position": position},
        level="warning",
    )


# --- Retention ----------------------------------------------------------------------------


def application_retention_due(*, now: datetime.datetime | None = None) -> Any:
    """Applications that did not lead to a place, of calls closed ``RETENTION_DAYS`` ago."""
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - datetime.timedelta(days=RETENTION_DAYS)
    cutoff_moment = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return Application.objects.filter(
        Q(call__deadline__lt=cutoff) | Q(call__closed_at__lt=cutoff_moment)
    ).exclude(enrolment__status=Enrolment.Status.ENROLLED)


def application_retention_run(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> int:
    """Remove what the retention period says should go (see ``privacy``); how many rows."""
    due = application_retention_due(now=now)
    if dry_run:
        return int(due.count())
    with transaction.atomic():
        deleted, _per_model = Application.objects.filter(
            pk__in=list(due.values_list("pk", flat=True))
        ).delete()
    return int(deleted)
