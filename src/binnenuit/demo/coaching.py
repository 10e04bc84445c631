"""The demo's module 2 and coaching at Gemeente Voorbeeld: the project leader's learning goals
for the organisation, each round-2 participant's own goals (taken at the intake), the round-2
themes with their trainer teams, published coach pairs (one made and locked by hand) and a
few logged conversations, all through the services, each acting as who would do it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from binnenuit.catalogue.models import Competence, Stage
from binnenuit.coaching import matching, selectors, services
from binnenuit.coaching.models import CoachPair
from binnenuit.core.access import Actor, actor_in
from binnenuit.trajectories.models import Enrolment, Trajectory

# What the project leader entered before the scan (competence code → weight 1–5).
ORGANISATION_GOALS = {"ROL": 5, "KRA": 4, "VER": 4, "DIL": 3, "BRU": 3, "MOE": 2, "OMG": 2}

# Each participant's goals at the intake, in the order of VOORBEELD_PARTICIPANTS.
GOALS = [
    [("LUI", "Aan de balie beter doorvragen wat iemand echt nodig heeft.")],
    [
        ("ROL", "Weten wanneer ik meedenk en wanneer ik toets."),
        ("DIL", "Uitleggen waarom een regel soms knelt."),
    ],
    [
        ("KRA", "Verenigingen zelf laten bedenken wat ze nodig hebben."),
        ("VER", "Mijn netwerk in de wijken uitbreiden."),
    ],
    [("HOU", "Bewoners uitnodigen in plaats van ze te woord te staan.")],
    [
        ("LUI", "Rustig blijven bij boze klanten en eerst luisteren."),
        ("HEL", "Helder zeggen wat wel en niet kan."),
    ],
    [
        ("DIL", "Juridische ruimte laten zien in plaats van alleen risico's."),
        ("ROL", "Mijn rol als jurist in een initiatief kiezen."),
    ],
    [
        ("KRA", "Uitgaan van wat mensen zelf kunnen."),
        ("EEN", "Samen met andere loketten één antwoord geven."),
    ],
    [("OMG", "Eerder zien wie er in een straat belang heeft bij een project.")],
    [
        ("CRE", "Nieuwe vormen van participatie uitproberen bij woonplannen."),
        ("MOE", "Durven experimenteren."),
    ],
    [
        ("VER", "Ondernemers eerder betrekken bij verkeersplannen."),
        ("BRU", "Bruggen slaan tussen raad en wijk."),
    ],
    [("EEN", "Subsidieaanvragers één gezicht bieden.")],
    [
        ("HEL", "Handhaven en tegelijk in gesprek blijven."),
        ("LUI", "Ophalen wat er achter een overtreding zit."),
    ],
    [
        ("BRU", "Initiatieven en beleid bij elkaar brengen."),
        ("REF", "Samen terugkijken op wat werkte."),
    ],
]

SHARED_NOTES = [
    "We spraken over het leerdoel: deze week bij elk gesprek één extra vraag stellen.",
    "Terugblik op module 3: de oefening met het dilemma hielp om de eigen rol te zien.",
]


def _competences(trajectory: Trajectory) -> dict[str, Competence]:
    return {c.code: c for c in Competence.objects.filter(template_id=trajectory.template_id)}


def _themes_with_teams(by: Actor, trajectory: Trajectory) -> None:
    """The four themes chosen earlier, each with the team the algorithm gives them."""
    data = selectors.theme_input(trajectory)
    chosen = [slot.theme for slot in data.slots if slot.theme is not None]
    options = [o for o in data.options if o.id in {t.pk for t in chosen}]
    choice = matching.choose_themes(
        options, data.plain_trainers, data.gaps.weights, count=len(chosen)
    )
    people = {p.pk: p for p in data.trainers}
    services.themes_apply(
        by=by,
        trajectory=trajectory,
        teams=[(t, [people[p] for p in choice.teams.get(t.pk, ())]) for t in chosen],
    )


def demo_coaching(organisation_slug: str, trajectory: Trajectory, project_leader: Actor) -> None:
    by = project_leader
    codes = _competences(trajectory)
    services.gap_weights_save(
        by=by,
        trajectory=trajectory,
        weights={codes[c].pk: w for c, w in ORGANISATION_GOALS.items()},
    )
    round_2 = selectors.round_of(trajectory, Stage.ROUND_2)
    enrolments = list(
        Enrolment.objects.filter(round=round_2, status=Enrolment.Status.ENROLLED)
        .select_related("person", "round__trajectory")
        .order_by("created_at", "pk")
    )
    for enrolment, goals in zip(enrolments, GOALS, strict=False):
        services.learning_goals_save(
            by=by, enrolment=enrolment, goals=[(codes[c], text) for c, text in goals]
        )
    _themes_with_teams(by, trajectory)

    # One pair made by hand and locked: Mohammed asked to coach Lotte, who starts on the
    # housing plans he drew up.
    trainers = {p.full_name: p for p in selectors.trainers_of(trajectory)}
    coachees = {e.person.full_name: e.person for e in enrolments}
    if "Mohammed El Amrani" in trainers and "Lotte Scholten" in coachees:
        services.pair_make(
            by=by,
            round_=round_2,
            trainer=trainers["Mohammed El Amrani"],
            participant=coachees["Lotte Scholten"],
        )
    services.pairs_generate(by=by, round_=round_2)
    services.pairs_publish(by=by, round_=round_2)

    # A few conversations, logged by coaches who have a login, and one private note.
    today = timezone.localdate()
    logged = 0
    for pair in CoachPair.objects.filter(round=round_2).select_related("trainer__user"):
        if pair.trainer.user is None or logged >= 4:
            continue
        coach = actor_in(pair.trainer.user, organisation_slug)
        coachee = selectors.enrolment_of(pair)
        topics = selectors.goals_of(coachee) if coachee is not None else []
        for days, note in zip((24, 9), SHARED_NOTES, strict=True):
            services.meeting_record(
                by=coach,
                pair=pair,
                date=today - datetime.timedelta(days=days + logged),
                duration=45,
                form="in_person" if days > 10 else "walk",
                topics=topics[:1],
                shared_notes=note if logged == 0 else "",
            )
        if logged == 0:
            services.private_note_add(
                by=coach,
                pair=pair,
                text="Voor mezelf: minder snel met oplossingen komen, meer doorvragen.",
            )
        logged += 1
