"""The demo's organisation scans: Voorbeeld's closed scan of its preparation (42 respondents in
4 groups, released open answers, the adviser's conclusions and the report's PDF), and an open
scan at Anderstad whose public link works in the demo.

Answers come from a seeded random generator through the same services the public pages use,
so the demo is the same on every build.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import Competence
from binnenuit.core.access import Actor, actor_in
from binnenuit.organisations.models import Location
from binnenuit.scan import services, tasks
from binnenuit.scan.models import GroupKind, OpenAnswer, Scan
from binnenuit.scan.services import GroupSpec

SEED = 9

VOORBEELD_GROUPS = [
    # name, kind, respondents
    ("Medewerkers", GroupKind.EMPLOYEES, 18),
    ("Management", GroupKind.MANAGEMENT, 7),
    ("Inwoners", GroupKind.CITIZENS, 11),
    ("Partners", GroupKind.PARTNERS, 6),
]
QUESTIONS = [
    "Waar zijn we als gemeente sterk in als we met inwoners werken?",
    "Wat willen we leren?",
    "Vertel over een voorbeeld dat goed ging.",
]

# How strong each group sees Voorbeeld now, per competence code (the mean it scatters around);
# importance is high almost everywhere. Citizens see less of the "one government" and of
# clear answers than the staff do; the staff are modest about their own courage.
STRENGTH = {
    "ROL": (3.4, 3.6, 2.8, 3.1),
    "HOU": (3.5, 3.8, 3.0, 3.3),
    "LUI": (3.2, 3.4, 2.6, 3.0),
    "KRA": (2.9, 3.1, 2.7, 2.8),
    "EEN": (2.6, 3.0, 1.9, 2.3),
    "VER": (3.3, 3.5, 3.1, 3.6),
    "OMG": (3.0, 3.3, 2.8, 3.0),
    "BRU": (2.4, 2.7, 2.5, 2.6),
    "CRE": (2.7, 2.9, 3.0, 2.9),
    "VIN": (2.8, 3.0, 3.1, 3.0),
    "HEL": (2.7, 3.1, 2.0, 2.4),
    "MOE": (2.2, 2.6, 2.7, 2.5),
    "DIL": (2.5, 2.8, 2.6, 2.6),
    "REF": (2.6, 3.0, 2.9, 2.8),
}
IMPORTANCE = {"EEN": 4.6, "HEL": 4.5, "LUI": 4.5, "BRU": 4.3, "MOE": 4.2, "KRA": 4.4}
DONT_KNOW = 0.07  # the share of "don't know"

OPEN_ANSWERS = {
    0: [
        "We kennen onze wijken goed en zijn snel ter plaatse als er iets is.",
        "Collega's van de buitendienst hebben veel contact met bewoners en nemen dat serieus.",
        "De gemeente staat open voor initiatieven, zeker als bewoners zelf iets willen doen.",
        "Korte lijnen met de wijkteams.",
    ],
    1: [
        "Eerder loslaten en bewoners meer laten doen, ook als het anders gaat dan wij zouden doen.",
        "Als één gemeente optreden: nu krijgen bewoners per afdeling een ander antwoord.",
        "Duidelijk zijn over wat wel en niet kan, en dat ook op tijd zeggen.",
        "Durven experimenteren zonder dat alles vooraf dichtgetimmerd is.",
    ],
    2: [
        "Het plan voor het speelveld aan de Populierenlaan: bewoners maakten het ontwerp, wij "
        "regelden de vergunning in twee weken.",
        "De inloopochtend in het buurthuis, waar drie afdelingen samen aan tafel zaten.",
        "De geveltuinen in de Bloemenbuurt: begonnen met één straat, nu zijn het er vier.",
    ],
}
# Answers that name someone: the adviser keeps them out, or releases them redacted.
IDENTIFYING = [
    (1, "Mijn teamleider Karin zegt altijd nee tegen nieuwe ideeën; daar moeten we vanaf.", None),
    (
        2,
        "Toen meneer De Vries van nummer 12 klaagde over de bomen, zijn we samen gaan kijken en "
        "nu snoeien de buren zelf.",
        "Toen een bewoner klaagde over de bomen, zijn we samen gaan kijken en nu snoeien de "
        "buren zelf.",
    ),
]

CONCLUSIONS = (
    "Voorbeeld is sterk in de houding van medewerkers: ze gaan het gesprek aan, zijn "
    "bereikbaar en staan open voor initiatieven. Dat zien inwoners en partners ook.\n\n"
    "De grootste hiaten liggen bij 'Eén overheid zijn' en 'Helderheid': inwoners ervaren dat "
    "ze per afdeling een ander antwoord krijgen en horen niet op tijd wat wel en niet kan. "
    "Hier verschillen medewerkers en inwoners het meest van mening. Ook 'Moed en "
    "experimenteerruimte' en 'Bruggen slaan tussen binnen en buiten' vragen aandacht.\n\n"
    "Advies voor ronde 2: kies de thema's die deze vaardigheden trainen, en laat de trainers "
    "met de meeste kracht in 'Verbinden en netwerken' de bijeenkomsten over samenwerking "
    "tussen afdelingen dragen."
)


def _score(rng: random.Random, mean: float) -> int | None:
    if rng.random() < DONT_KNOW:
        return None
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _fill(
    scan: Scan,
    rng: random.Random,
    groups: list[tuple[str, GroupKind, int]],
    open_answers: bool,
) -> None:
    competences = list(Competence.objects.filter(template_id=scan.template_id).order_by("position"))
    questions = list(scan.questions.order_by("position"))
    by_name = {g.name: g for g in scan.groups.all()}
    texts = {i: list(answers) for i, answers in OPEN_ANSWERS.items()}
    for column, (name, _kind, count) in enumerate(groups):
        for _ in range(count):
            token = services.new_browser_token()
            services.response_choose_group(
                scan=scan, browser_token=token, group_id=by_name[name].pk
            )
            scores = {
                c.pk: (
                    _score(rng, STRENGTH.get(c.code, (3.0,) * 4)[column]),
                    _score(rng, IMPORTANCE.get(c.code, 3.9)),
                )
                for c in competences
            }
            given = {}
            if open_answers:
                for i, question in enumerate(questions):
                    if texts.get(i) and rng.random() < 0.35:
                        given[question.pk] = texts[i].pop(0)
            services.response_submit(
                scan=scan, browser_token=token, scores=scores, open_answers=given
            )


def _voorbeeld(by: Actor) -> None:
    location = Location.objects.filter(organisation=by.organisation).order_by("name").first()
    scan = services.scan_create(
        by=by,
        title="Organisatiescan Voorbeeld: eigen kracht en leerdoelen",
        session_date=timezone.localdate() - datetime.timedelta(days=185),
        location=location,
        groups=[GroupSpec(name, kind) for name, kind, _n in VOORBEELD_GROUPS],
        questions=QUESTIONS,
    )
    scan = services.scan_open(by=by, scan=scan)
    rng = random.Random(SEED)  # noqa: S311 (seeded demo data, not a secret)
    _fill(scan, rng, VOORBEELD_GROUPS, open_answers=True)
    # Two more from the room: answers that name someone.
    questions = list(scan.questions.order_by("position"))
    for index, text, _redacted in IDENTIFYING:
        token = services.new_browser_token()
        group = scan.groups.get(name="Medewerkers")
        services.response_choose_group(scan=scan, browser_token=token, group_id=group.pk)
        services.response_submit(
            scan=scan, browser_token=token, scores={}, open_answers={questions[index].pk: text}
        )
    scan = services.scan_close(by=by, scan=scan)
    redacted = {text: replacement for _i, text, replacement in IDENTIFYING}
    for answer in OpenAnswer.objects.filter(question__scan=scan).select_related("question__scan"):
        if answer.text in redacted:
            replacement = redacted[answer.text]
            if replacement is not None:
                services.open_answer_review(
                    by=by, answer=answer, released=True, redacted_text=replacement
                )
        else:
            services.open_answer_review(by=by, answer=answer, released=True)
    scan = services.scan_update(
        by=by,
        scan=scan,
        title=scan.title,
        session_date=scan.session_date,
        location=scan.location,
        conclusions=CONCLUSIONS,
    )
    services.report_request(by=by, scan=scan)
    tasks.report_make(scan_id=scan.pk)


def _anderstad(by: Actor) -> None:
    groups = [
        ("Medewerkers Stadsontwikkeling", GroupKind.EMPLOYEES, 5),
        ("Medewerkers Sociaal Domein", GroupKind.EMPLOYEES, 0),
        ("Management", GroupKind.MANAGEMENT, 0),
        ("Inwoners", GroupKind.CITIZENS, 2),
        ("Partners", GroupKind.PARTNERS, 0),
    ]
    location = Location.objects.filter(organisation=by.organisation).order_by("name").first()
    scan = services.scan_create(
        by=by,
        title="Organisatiescan Anderstad",
        session_date=timezone.localdate(),
        location=location,
        groups=[GroupSpec(name, kind) for name, kind, _n in groups],
        questions=QUESTIONS,
    )
    scan = services.scan_open(by=by, scan=scan)
    _fill(scan, random.Random(SEED + 1), groups, open_answers=False)  # noqa: S311 (demo data)


def demo_scans(adviser: User) -> None:
    """Voorbeeld's closed scan with its report, and Anderstad's open one."""
    _voorbeeld(actor_in(adviser, "voorbeeld"))
    _anderstad(actor_in(adviser, "anderstad"))
