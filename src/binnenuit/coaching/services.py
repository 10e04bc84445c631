"""Writing module 2 and coaching: one transaction each, the rule required first.

Refusals are a ServiceError in plain Dutch; nothing is saved half.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binnenuit.catalogue.models import Competence, Stage, Theme
from binnenuit.coaching import matching, selectors
from binnenuit.coaching.models import (
    MAX_GOALS,
    CoachingMeeting,
    CoachPair,
    GapWeight,
    LearningGoal,
    PrivateNote,
    PrivateNotebook,
    ThemeTeam,
)
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import validate
from binnenuit.organisations.models import Person
from binnenuit.trajectories import services as trajectory_services
from binnenuit.trajectories.models import Enrolment, Round, Trajectory


def exclusion_text(reason: str) -> str:
    if reason == "line_manager":
        return _("The trainer is this participant's line manager.")
    if reason == "same_team":
        return _("The trainer and the participant work in the same team.")
    return ""


# --- The organisation's learning goals (no scan) ------------------------------------------


@transaction.atomic
def gap_weights_save(
    *, by: Actor, trajectory: Trajectory, weights: Mapping[int, int | None]
) -> None:
    """Set the weight (1–5) of each competence; None or 0 takes it off the list."""
    require(by, "coaching.plan", trajectory)
    allowed = {c.pk for c in selectors.competences_of(trajectory)}
    if set(weights) - allowed:
        raise ServiceError(_("Choose competences from this trajectory's framework."))
    GapWeight.objects.filter(trajectory=trajectory).delete()
    rows = []
    for competence_id, weight in sorted(weights.items()):
        if not weight:
            continue
        row = GapWeight(
            organisation=trajectory.organisation,
            trajectory=trajectory,
            competence_id=competence_id,
            weight=weight,
        )
        validate(row, exclude=["trajectory", "competence"])
        rows.append(row)
    GapWeight.objects.bulk_create(rows)


# --- A participant's learning goals -------------------------------------------------------


@transaction.atomic
def learning_goals_save(
    *, by: Actor, enrolment: Enrolment, goals: Sequence[tuple[Competence, str]]
) -> list[LearningGoal]:
    """Replace the participant's learning goals: at most three, each competence once."""
    require(by, "coaching.goals", enrolment)
    if enrolment.round.stage != Stage.ROUND_2:
        raise ServiceError(_("Learning goals are for the participants of round 2."))
    if len(goals) > MAX_GOALS:
        raise ServiceError(
            ngettext(
                "Choose at most %(max)s learning goal.",
                "Choose at most %(max)s learning goals: the ones that matter most to you.",
                MAX_GOALS,
            )
            % {"max": MAX_GOALS}
        )
    template_id = enrolment.round.trajectory.template_id
    if any(c.template_id != template_id for c, _s in goals):
        raise ServiceError(_("Choose competences from this trajectory's framework."))
    if len({c.pk for c, _s in goals}) != len(goals):
        raise ServiceError(_("Choose each competence only once."))
    if any(not sentence.strip() for _c, sentence in goals):
        raise ServiceError(_("Say in a sentence what you want to learn, for each goal."))
    LearningGoal.objects.filter(enrolment=enrolment).delete()
    saved = []
    for competence, sentence in goals:
        goal = LearningGoal(
            organisation=enrolment.organisation,
            enrolment=enrolment,
            competence=competence,
            sentence=sentence.strip(),
        )
        validate(goal, exclude=["enrolment", "competence"])
        goal.save()
        saved.append(goal)
    return saved


# --- Round-2 themes and their teams -------------------------------------------------------


@transaction.atomic
def themes_apply(
    *, by: Actor, trajectory: Trajectory, teams: Sequence[tuple[Theme, Iterable[Person]]]
) -> None:
    """Fill round 2's theme slots in order with these themes and give each its team.

    A choice that breaks a rule of thumb (a team of one, a trainer in three teams) is the
    organisers' to make; the page shows what it breaks before it is saved.
    """
    require(by, "coaching.plan", trajectory)
    slots = selectors.theme_slots(trajectory)
    if len(teams) != len(slots):
        raise ServiceError(
            ngettext(
                "Choose %(count)s theme: one for each theme module.",
                "Choose %(count)s themes: one for each theme module.",
                len(slots),
            )
            % {"count": len(slots)}
        )
    trainers = {p.pk for p in selectors.trainers_of(trajectory)}
    members = [list(team) for _theme, team in teams]
    if any(p.pk not in trainers for team in members for p in team):
        raise ServiceError(_("A theme team is made of this trajectory's trainers."))
    trajectory_services.trajectory_choose_themes(
        by=by,
        trajectory=trajectory,
        choices={slot.pk: theme for slot, (theme, _team) in zip(slots, teams, strict=True)},
    )
    for slot, team in zip(slots, members, strict=True):
        row, _created = ThemeTeam.objects.get_or_create(
            module=slot, defaults={"organisation": trajectory.organisation}
        )
        row.trainers.set(team)


def themes_accept(*, by: Actor, trajectory: Trajectory) -> matching.ThemeChoice:
    """Take the recommendation as it stands (recomputed now, so it is the one shown)."""
    require(by, "coaching.plan", trajectory)
    data = selectors.theme_input(trajectory)
    choice = selectors.recommend_themes(data)
    if not choice.feasible:
        raise ServiceError(_("There is no recommendation to accept: see why on the page."))
    themes = {t.pk: t for t in data.themes}
    people = {p.pk: p for p in data.trainers}
    themes_apply(
        by=by,
        trajectory=trajectory,
        teams=[(themes[t], [people[p] for p in choice.teams[t]]) for t in choice.themes],
    )
    return choice


# --- Coach pairs --------------------------------------------------------------------------


def _round_2(round_: Round) -> None:
    if round_.stage != Stage.ROUND_2:
        raise ServiceError(_("Coach pairs are made for round 2."))


def _parts(parts: matching.ScoreParts) -> dict[str, Any]:
    return {
        "goals": parts.goals,
        "bridge": parts.bridge,
        "covered": list(parts.covered),
        "total": parts.total,
    }


@transaction.atomic
def pairs_generate(*, by: Actor, round_: Round) -> matching.Pairing:
    """Pair every participant with a trainer, keeping the locked pairs; the other pairs are
    made anew. Published pairs are not remade: that would take a coach away."""
    require(by, "coaching.plan", round_)
    _round_2(round_)
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    existing = CoachPair.objects.filter(round=round_)
    if existing.filter(published_at__isnull=False).exists():
        raise ServiceError(_("The pairs have been published; they are no longer remade."))
    trajectory = round_.trajectory
    trainers = selectors.trainers_of(trajectory)
    enrolments = selectors.participant_enrolments(trajectory)
    if not trainers:
        raise ServiceError(_("There are no trainers: round 1 has nobody enrolled."))
    if not enrolments:
        raise ServiceError(_("There are no participants: round 2 has nobody enrolled."))
    strengths = selectors.strengths_of(trainers)
    gaps = selectors.gap_weights(trajectory)
    locks = list(existing.filter(locked=True).values_list("trainer_id", "participant_id"))
    result = matching.pair(
        [selectors.as_trainer(t, strengths[t.pk]) for t in trainers],
        [selectors.as_participant(e) for e in enrolments],
        gaps.weights,
        locks=locks,
    )
    existing.delete()
    CoachPair.objects.bulk_create(
        CoachPair(
            organisation=round_.organisation,
            round=round_,
            trainer_id=p.trainer,
            participant_id=p.participant,
            locked=p.locked,
            score=_parts(p.parts),
        )
        for p in result.pairs
    )
    return result


def _plain(round_: Round, *people: Person) -> tuple[dict[int, matching.Trainer], Any]:
    strengths = selectors.strengths_of(list(people))
    gaps = selectors.gap_weights(round_.trajectory)
    return {p.pk: selectors.as_trainer(p, strengths[p.pk]) for p in people}, gaps


def _participant(round_: Round, person: Person) -> matching.Participant:
    enrolment = (
        Enrolment.objects.filter(round=round_, person=person, status=Enrolment.Status.ENROLLED)
        .select_related("person")
        .prefetch_related("learning_goals")
        .first()
    )
    if enrolment is None:
        raise ServiceError(_("This employee is not a participant of this round."))
    return selectors.as_participant(enrolment)


@transaction.atomic
def pair_lock(*, by: Actor, pair: CoachPair, locked: bool) -> CoachPair:
    require(by, "coaching.plan", pair)
    pair.locked = locked
    pair.save(update_fields=["locked"])
    return pair


@transaction.atomic
def pair_make(*, by: Actor, round_: Round, trainer: Person, participant: Person) -> CoachPair:
    """Pair these two by hand and lock it; refused when a hard exclusion forbids it."""
    require(by, "coaching.plan", round_)
    _round_2(round_)
    if trainer.pk not in {p.pk for p in selectors.trainers_of(round_.trajectory)}:
        raise ServiceError(fields={"trainer": _("Choose one of this trajectory's trainers.")})
    plain_participant = _participant(round_, participant)
    plain, gaps = _plain(round_, trainer)
    reason = matching.excluded(plain[trainer.pk], plain_participant)
    if reason:
        raise ServiceError(exclusion_text(reason))
    parts = matching.score(plain[trainer.pk], plain_participant, gaps.weights)
    published = CoachPair.objects.filter(round=round_, published_at__isnull=False).exists()
    CoachPair.objects.filter(round=round_, participant=participant).delete()
    return CoachPair.objects.create(
        organisation=round_.organisation,
        round=round_,
        trainer=trainer,
        participant=participant,
        locked=True,
        score=_parts(parts),
        published_at=timezone.now() if published else None,
    )


def swap_preview(*, first: CoachPair, second: CoachPair) -> tuple[float, str]:
    """The change in the total if the two pairs exchange participants, and what forbids it."""
    if first.round_id != second.round_id:
        return 0.0, _("Only two pairs of the same round can swap.")
    if first.pk == second.pk:
        return 0.0, _("Choose two different pairs.")
    round_ = first.round
    plain, gaps = _plain(round_, first.trainer, second.trainer)
    delta, reason = matching.swap_effect(
        (plain[first.trainer_id], _participant(round_, first.participant)),
        (plain[second.trainer_id], _participant(round_, second.participant)),
        gaps.weights,
    )
    return delta, exclusion_text(reason)


@transaction.atomic
def pairs_swap(*, by: Actor, first: CoachPair, second: CoachPair) -> float:
    """Exchange the participants of two pairs of one round; returns the change in the total."""
    require(by, "coaching.plan", first)
    require(by, "coaching.plan", second)
    delta, problem = swap_preview(first=first, second=second)
    if problem:
        raise ServiceError(problem)
    if first.locked or second.locked:
        raise ServiceError(_("A locked pair is kept as it is: unlock it first."))
    round_ = first.round
    a, b = first.participant, second.participant
    plain, gaps = _plain(round_, first.trainer, second.trainer)
    CoachPair.objects.filter(pk__in=[first.pk, second.pk]).delete()
    for trainer, participant, published in (
        (first.trainer, b, first.published_at),
        (second.trainer, a, second.published_at),
    ):
        parts = matching.score(plain[trainer.pk], _participant(round_, participant), gaps.weights)
        CoachPair.objects.create(
            organisation=round_.organisation,
            round=round_,
            trainer=trainer,
            participant=participant,
            score=_parts(parts),
            published_at=published,
        )
    return delta


@transaction.atomic
def pairs_publish(*, by: Actor, round_: Round) -> int:
    """Trainers and participants see each other as coach and coachee from now on."""
    require(by, "coaching.plan", round_)
    pairs = CoachPair.objects.filter(round=round_, published_at__isnull=True)
    if not CoachPair.objects.filter(round=round_).exists():
        raise ServiceError(_("Make the pairs first."))
    return pairs.update(published_at=timezone.now())


# --- The coaching log ---------------------------------------------------------------------


def _own_person(by: Actor) -> Person:
    person: Person | None = by.fact("organisations.person")
    if person is None:  # the rule passed, so there is one
        raise ServiceError(_("Only the coach and the coachee write in this log."))
    return person


@transaction.atomic
def meeting_record(
    *,
    by: Actor,
    pair: CoachPair,
    date: Any,
    duration: int,
    form: str,
    topics: Iterable[LearningGoal] = (),
    shared_notes: str = "",
) -> CoachingMeeting:
    require(by, "coaching.log", pair)
    chosen = list(topics)
    enrolment = selectors.enrolment_of(pair)
    allowed = {g.pk for g in selectors.goals_of(enrolment)} if enrolment else set()
    if any(g.pk not in allowed for g in chosen):
        raise ServiceError(fields={"topics": _("Choose topics from the coachee's learning goals.")})
    meeting = CoachingMeeting(
        organisation=pair.organisation,
        pair=pair,
        date=date,
        duration=duration,
        form=form,
        shared_notes=shared_notes,
        recorded_by=_own_person(by),
    )
    validate(meeting, exclude=["pair", "recorded_by"])
    meeting.save()
    meeting.topics.set(chosen)
    return meeting


@transaction.atomic
def private_note_add(*, by: Actor, pair: CoachPair, text: str) -> PrivateNote:
    require(by, "coaching.log", pair)
    notebook, _created = PrivateNotebook.objects.get_or_create(
        pair=pair, author=_own_person(by), defaults={"organisation": pair.organisation}
    )
    note = PrivateNote(organisation=pair.organisation, notebook=notebook, text=text.strip())
    validate(note, exclude=["notebook"])
    note.save()
    return note


@transaction.atomic
def private_note_delete(*, by: Actor, note: PrivateNote) -> None:
    """Only the author deletes their note (anyone else does not find it)."""
    person = by.fact("organisations.person")
    if person is None or note.notebook.author_id != person.pk:
        raise ServiceError(_("This note is not yours."))
    note.delete()
