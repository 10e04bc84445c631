"""The algorithms' plain results in words and names: what a screen shows of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binnenuit.catalogue.models import Competence, Theme
from binnenuit.coaching import matching
from binnenuit.coaching.models import CoachPair
from binnenuit.coaching.selectors import ThemeInput
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Enrolment


def evaluate(data: ThemeInput, chosen: Mapping[int, Sequence[int]]) -> matching.ThemeChoice:
    return matching.evaluate_themes(
        chosen, data.options, data.plain_trainers, data.gaps.weights, count=len(data.slots)
    )


@dataclass(frozen=True)
class GapView:
    competence: Competence
    gap: float


@dataclass(frozen=True)
class TeamView:
    theme: Theme
    team: list[Person]
    trains: list[GapView]  # the gaps this theme covers


@dataclass
class ThemeChoiceView:
    teams: list[TeamView]
    covered: list[GapView]
    uncovered: list[GapView]
    weight: float
    without_team: list[Person]
    problems: list[str] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return bool(self.teams) and not self.problems


def _names(people: Sequence[Person]) -> str:
    return ", ".join(p.full_name for p in people)


def problem_text(
    problem: matching.Problem, themes: Mapping[int, Theme], people: Mapping[int, Person]
) -> str:
    """One problem of theme choice or pairing, in a sentence."""
    named = [people[i] for i in problem.ids if i in people]
    match problem.code:
        case "too_few_trainers":
            return ngettext(
                "There is %(count)s trainer: four theme teams of two need at least four "
                "trainers (each in at most two teams).",
                "There are %(count)s trainers: four theme teams of two need at least four "
                "trainers (each in at most two teams).",
                problem.count,
            ) % {"count": problem.count}
        case "too_few_themes_with_teams":
            return ngettext(
                "Only %(count)s theme has two trainers strong in one of its competences; "
                "add strengths to the X-factors or choose themes by hand.",
                "Only %(count)s themes have two trainers strong in one of their competences; "
                "add strengths to the X-factors or choose themes by hand.",
                problem.count,
            ) % {"count": problem.count}
        case "no_teams_possible":
            return _(
                "No four themes can each get two trainers without someone being in more "
                "than two teams."
            )
        case "wrong_number_of_themes":
            return _("The choice has %(count)s themes; each theme module needs one.") % {
                "count": problem.count
            }
        case "team_too_small":
            theme = themes[problem.ids[0]]
            return _("The team of %(theme)s has %(count)s trainer(s); it needs at least two.") % {
                "theme": theme.name,
                "count": problem.count,
            }
        case "not_strong_in_theme":
            theme = themes[problem.ids[0]]
            return _("%(names)s: not strong in any competence of %(theme)s.") % {
                "names": _names([people[i] for i in problem.ids[1:] if i in people]),
                "theme": theme.name,
            }
        case "too_many_teams":
            return _("In more than two teams: %(names)s.") % {"names": _names(named)}
        case "trainers_without_team":
            return _("In no team: %(names)s.") % {"names": _names(named)}
    return problem.code


def theme_choice(choice: matching.ThemeChoice, data: ThemeInput) -> ThemeChoiceView:
    themes = {t.pk: t for t in data.themes}
    people = {p.pk: p for p in data.trainers}
    competences = {c.pk: c for t in data.themes for c in t.competences.all()}
    gaps = data.gaps.weights
    extra = set(choice.covered) | set(choice.uncovered)
    missing = extra - set(competences)
    if missing:
        competences.update(Competence.objects.in_bulk(list(missing)))

    def gap_views(ids: Sequence[int]) -> list[GapView]:
        return [GapView(competences[c], gaps[c]) for c in ids if c in competences]

    teams = [
        TeamView(
            theme=themes[t],
            team=[people[p] for p in choice.teams.get(t, ()) if p in people],
            trains=sorted(
                (
                    GapView(c, gaps[c.pk])
                    for c in themes[t].competences.all()
                    if gaps.get(c.pk, 0) > 0
                ),
                key=lambda g: -g.gap,
            ),
        )
        for t in choice.themes
        if t in themes
    ]
    return ThemeChoiceView(
        teams=teams,
        covered=gap_views(choice.covered),
        uncovered=gap_views(choice.uncovered),
        weight=round(choice.weight, 2),
        without_team=[people[p] for p in choice.without_team if p in people],
        problems=[problem_text(p, themes, people) for p in choice.problems],
    )


# --- Pairs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairRow:
    pair: CoachPair
    goals: float
    bridge: float
    covered: list[str]  # names of the participant's goals the trainer is strong in
    goal_names: list[str]  # all the participant's goals


def pair_row(pair: CoachPair, enrolments: Sequence[Enrolment]) -> PairRow:
    goals = next(
        (list(e.learning_goals.all()) for e in enrolments if e.person_id == pair.participant_id),
        [],
    )
    names = {g.competence_id: g.competence.name for g in goals}
    covered = [names.get(c, "") for c in pair.score.get("covered", []) if c in names]
    return PairRow(
        pair=pair,
        goals=float(pair.score.get("goals", 0.0)),
        bridge=float(pair.score.get("bridge", 0.0)),
        covered=covered,
        goal_names=list(names.values()),
    )


def pairs_summary(
    pairs: Sequence[CoachPair], trainers: Sequence[Person], enrolments: Sequence[Enrolment]
) -> list[str]:
    """What the screen says about unequal sizes and who is left out."""
    if not pairs:
        return []
    count: dict[int, int] = {}
    for p in pairs:
        count[p.trainer_id] = count.get(p.trainer_id, 0) + 1
    lines = []
    doubled = [t for t in trainers if count.get(t.pk, 0) > 1]
    idle = [t for t in trainers if t.pk not in count]
    paired = {p.participant_id for p in pairs}
    without = [e.person for e in enrolments if e.person_id not in paired]
    if doubled:
        lines.append(
            _(
                "There are more participants (%(participants)s) than trainers (%(trainers)s): "
                "%(names)s coach two."
            )
            % {
                "participants": len(enrolments),
                "trainers": len(trainers),
                "names": _names(doubled),
            }
        )
    if idle:
        lines.append(_("Without a coachee: %(names)s.") % {"names": _names(idle)})
    if without:
        lines.append(_("Without a coach: %(names)s.") % {"names": _names(without)})
    return lines
