"""The demo's quotes, invoices, calls and applications, built through the apps' services.

Gemeente Voorbeeld accepted a quote for 14 + 14 participants and the organisation scan; round 1
and the scan are invoiced and paid, round 2 is invoiced and open. Its round-2 colleagues came in
through a call that is closed now: they applied, and the project leader selected them (a few
were declined). Gemeente Anderstad has a quote that has been sent and an open call for round 1
that only 9 colleagues answered, one fewer than the round's minimum, a few days before the
round starts: the selection board warns about it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor
from binnenuit.offers import services as offer_services
from binnenuit.organisations.models import FunctionCategory as F
from binnenuit.organisations.models import Person
from binnenuit.recruitment import selectors as recruitment_selectors
from binnenuit.recruitment import services as recruitment_services
from binnenuit.recruitment.models import Application, Call, Decision
from binnenuit.trajectories.models import Round, Trajectory

QUOTE_VALID_DAYS = 30


@dataclass(frozen=True)
class Applicant:
    """Someone who applies through the public form, as they filled it in."""

    full_name: str
    email: str
    job_title: str
    category: F
    department: str
    team: str
    motivation: str
    unavailable: tuple[int, ...] = ()  # positions (from 1) of planned meetings they cannot attend


# Round 2 of Voorbeeld: why each selected colleague applied, by name.
VOORBEELD_MOTIVATIONS = {
    "Sanne Hendriks": (
        "Aan de telefoon hoor ik elke dag ideeën van inwoners, maar ik weet vaak niet waar ik "
        "ze heen moet sturen. Ik wil leren hoe ik zo'n idee echt verder help."
    ),
    "Thomas van den Berg": (
        "Bij vergunningen voor initiatieven van bewoners loop ik vast op onze eigen regels. "
        "Ik wil samen met collega's ontdekken hoe het ook anders kan."
    ),
    "Aylin Yilmaz": (
        "Sportverenigingen komen steeds vaker met eigen plannen voor hun buurt. Ik wil leren "
        "hoe ik ruimte geef zonder de regie helemaal los te laten."
    ),
    "Jeroen Willems": (
        "In de wijk spreken bewoners mij direct aan over het groen. Ik wil beter weten wat ik "
        "dan kan toezeggen en hoe ik ze in contact breng met de juiste collega."
    ),
    "Marieke Peters": (
        "Aan de balie zie ik wat inwoners bezighoudt. Ik sta open voor een nieuwe manier van "
        "werken en leer graag van collega's uit andere afdelingen."
    ),
    "Daan Koster": (
        "Als jurist word ik vaak pas aan het eind gevraagd. Ik wil eerder meedenken met "
        "initiatieven, zodat we samen zoeken naar wat wél kan."
    ),
    "Priya Ramdin": (
        "Ik werk met inwoners die zelf iets willen opzetten in hun wijk. Ik wil leren hoe ik "
        "dat binnen de gemeente beter op gang krijg."
    ),
    "Bas Vermeulen": (
        "Bij projecten in de openbare ruimte willen bewoners meer meebeslissen. Ik wil leren "
        "hoe ik dat vanaf het begin goed regel, samen met mijn collega's."
    ),
    "Lotte Scholten": (
        "Wooncoöperaties en bewonersgroepen kloppen steeds vaker bij ons aan. Ik wil weten hoe "
        "ik ze serieus neem en tegelijk eerlijk ben over wat de gemeente kan."
    ),
    "Martijn Prins": (
        "Bij verkeersprojecten ontstaan veel discussies met de buurt. Ik wil leren om "
        "initiatieven van bewoners een plek te geven in mijn projecten."
    ),
    "Noor Haddou": (
        "Subsidieaanvragen gaan vaak over mooie initiatieven die vastlopen op de aanvraag. "
        "Ik wil leren hoe ik inwoners daarbij beter help."
    ),
    "Wim Dijkstra": (
        "Als handhaver kom ik ook initiatieven tegen die net buiten de regels vallen. Ik wil "
        "leren hoe ik dan het gesprek aanga in plaats van alleen te handhaven."
    ),
    "Iris Boer": (
        "Participatie is mijn vak, maar ik wil leren hoe de hele organisatie ruimte geeft aan "
        "initiatieven van inwoners, en dat samen met collega's oefenen."
    ),
}
# Round 2 of Voorbeeld: who applied but was declined, and why (kindly).
VOORBEELD_DECLINED = [
    (
        Applicant(
            "Joost van Wijk",
            "joost.wijk@voorbeeld.example",
            "Medewerker KCC",
            F.FRONT_OFFICE,
            "Publiekszaken",
            "KCC",
            "Ik hoor graag meer over overheidsparticipatie, ook al ben ik pas net begonnen bij "
            "het klantcontactcentrum.",
            unavailable=(2, 3, 4),
        ),
        "Je kunt drie van de vijf bijeenkomsten niet bijwonen. Meld je gerust aan voor de "
        "volgende ronde.",
    ),
    (
        Applicant(
            "Ruud Kok",
            "ruud.kok@voorbeeld.example",
            "Medewerker groenonderhoud",
            F.FIELD_SERVICE,
            "Openbare Ruimte",
            "Wijkbeheer",
            "Bewoners willen vaak zelf een stukje groen onderhouden. Ik wil weten hoe ik ze "
            "daarbij kan helpen.",
        ),
        "De buitendienst is in deze ronde al goed vertegenwoordigd. We nodigen je graag uit "
        "voor de volgende ronde.",
    ),
    (
        Applicant(
            "Sven Huisman",
            "sven.huisman@voorbeeld.example",
            "Stagiair communicatie",
            F.OTHER,
            "Bedrijfsvoering",
            "Communicatie",
            "Ik loop stage bij communicatie en vind het onderwerp erg interessant.",
        ),
        "Je stage loopt af voordat de ronde eindigt. Bedankt voor je interesse!",
    ),
]
VOORBEELD_UNAVAILABLE = {"Marieke Peters": (2,), "Daan Koster": (5,)}

# Round 1 of Anderstad: the nine colleagues who answered the call so far.
ANDERSTAD_APPLICANTS = [
    Applicant(
        "Saskia Lammers",
        "saskia.lammers@anderstad.example",
        "Buurtregisseur",
        F.PROJECT_LEADER,
        "Samenleving",
        "Wijken",
        "Als buurtregisseur werk ik elke dag met bewoners die hun buurt zelf vormgeven. Ik deel "
        "graag wat ik geleerd heb en wil collega's later ook persoonlijk coachen.",
    ),
    Applicant(
        "Olaf Timmermans",
        "olaf.timmermans@anderstad.example",
        "Medewerker buitendienst",
        F.FIELD_SERVICE,
        "Beheer Openbare Ruimte",
        "Groen",
        "Ik help al jaren buurtgroepen die zelf het groen onderhouden. Ik wil die ervaring "
        "doorgeven aan collega's die daar nog tegenaan hikken.",
        unavailable=(3,),
    ),
    Applicant(
        "Hatice Demir",
        "hatice.demir@anderstad.example",
        "Medewerker KCC",
        F.FRONT_OFFICE,
        "Dienstverlening",
        "Klantcontact",
        "Aan de telefoon help ik inwoners met hun ideeën op weg naar de juiste collega. Ik wil "
        "laten zien hoe belangrijk dat eerste contact is.",
    ),
    Applicant(
        "Jan-Willem Post",
        "janwillem.post@anderstad.example",
        "Beleidsadviseur economie",
        F.POLICY,
        "Ruimte en Economie",
        "Economische Zaken",
        "Met ondernemers in het centrum werk ik aan een gezamenlijk plan. Ik neem graag de tijd "
        "om collega's te trainen en te coachen.",
    ),
    Applicant(
        "Mirjam Evers",
        "mirjam.evers@anderstad.example",
        "Ideeënmakelaar",
        F.POLICY,
        "Samenleving",
        "Wijken",
        "Ik breng ideeën van inwoners en de gemeente bij elkaar. Dat doe ik elke dag, en ik wil "
        "collega's helpen het ook te doen.",
    ),
    Applicant(
        "Ricardo Martins",
        "ricardo.martins@anderstad.example",
        "Toezichthouder",
        F.FIELD_SERVICE,
        "Beheer Openbare Ruimte",
        "Toezicht",
        "In de wijk ben ik vaak het eerste aanspreekpunt. Ik wil collega's leren hoe je een "
        "goed gesprek voert, ook als iets niet mag.",
        unavailable=(2,),
    ),
    Applicant(
        "Eline de Boer",
        "eline.deboer@anderstad.example",
        "Projectleider centrumvisie",
        F.PROJECT_LEADER,
        "Ruimte en Economie",
        "Ruimtelijke Ontwikkeling",
        "Voor de centrumvisie werk ik samen met bewoners, winkeliers en verenigingen. Ik wil wat "
        "daarbij werkt delen met andere projectleiders.",
    ),
    Applicant(
        "Youssef Amrani",
        "youssef.amrani@anderstad.example",
        "Consulent werk en inkomen",
        F.FRONT_OFFICE,
        "Dienstverlening",
        "Werk en Inkomen",
        "Ik zie hoeveel inwoners zelf iets willen betekenen voor hun buurt. Ik heb tijd om mee "
        "te doen en later een collega te coachen.",
    ),
    Applicant(
        "Annemiek Huisman",
        "annemiek.huisman@anderstad.example",
        "Beleidsmedewerker zorg",
        F.POLICY,
        "Samenleving",
        "Zorg en Welzijn",
        "Zorgcoöperaties in de dorpen doen veel zelf. Ik wil leren hoe wij als gemeente daarbij "
        "aansluiten, en dat delen met collega's.",
        unavailable=(4,),
    ),
]


def _today() -> datetime.date:
    return timezone.localdate()


def _apply(call: Call, applicant: Applicant) -> Application:
    planned = recruitment_selectors.planned_meetings(round_=call.round)
    availability = {
        meeting.pk: position not in applicant.unavailable
        for position, meeting in enumerate(planned, start=1)
    }
    return recruitment_services.application_submit(
        call=call,
        full_name=applicant.full_name,
        email=applicant.email,
        job_title=applicant.job_title,
        function_category=applicant.category,
        department=applicant.department,
        team=applicant.team,
        motivation=applicant.motivation,
        availability=availability,
        consent=True,
    )


def _as_applicant(person: Person) -> Applicant:
    return Applicant(
        person.full_name,
        person.email,
        person.job_title,
        F(person.function_category),
        person.department,
        person.team,
        VOORBEELD_MOTIVATIONS[person.full_name],
        unavailable=VOORBEELD_UNAVAILABLE.get(person.full_name, ()),
    )


def _criteria(call: Call) -> list[int]:
    return list(call.criteria.order_by("position").values_list("pk", flat=True))


def _round(trajectory: Trajectory, stage: Stage) -> Round:
    return Round.objects.get(trajectory=trajectory, stage=stage)


def voorbeeld_offers_and_recruitment(
    *,
    adviser: Actor,
    project_leader: Actor,
    trajectory: Trajectory,
    round_2_colleagues: list[Person],
) -> None:
    """Voorbeeld's accepted quote, its round-2 call with decisions, and the invoices.

    Run once both rounds are planned and round 1 is filled: the round-2 colleagues are put in
    their round here, by selection, before the meetings keep their attendance.
    """
    today = _today()
    offer_services.price_list_seed()  # as migrated; a test's flush may have taken it out
    offer_services.numbers_rewind()
    quote = offer_services.quote_create(
        by=adviser,
        trajectory=trajectory,
        participants_round_1=14,
        participants_round_2=14,
        include_scan=True,
        include_tasting=False,
        discount_amount=None,
        discount_reason="",
        valid_until=today + datetime.timedelta(days=QUOTE_VALID_DAYS),
    )
    offer_services.quote_send(by=adviser, quote=quote)
    offer_services.quote_accept(by=project_leader, quote=quote)

    round_2 = _round(trajectory, Stage.ROUND_2)
    call = recruitment_services.call_open(
        by=project_leader,
        round_=round_2,
        text=recruitment_services.call_draft_text(round_=round_2),
        deadline=today,
    )
    criteria = _criteria(call)
    for person in round_2_colleagues:
        application = _apply(call, _as_applicant(person))
        recruitment_services.application_decide(
            by=project_leader,
            application=application,
            decision=Decision.SELECTED,
            criteria_met=criteria,
        )
    for applicant, reason in VOORBEELD_DECLINED:
        application = _apply(call, applicant)
        recruitment_services.application_decide(
            by=project_leader,
            application=application,
            decision=Decision.DECLINED,
            reason=reason,
            criteria_met=criteria[:1],
        )
    recruitment_services.call_close(by=project_leader, call=call)

    for round_ in (_round(trajectory, Stage.ROUND_1), round_2):
        invoice = offer_services.invoice_create_for_round(by=adviser, round_=round_)
        offer_services.invoice_send(by=adviser, invoice=invoice)
        if round_.stage == Stage.ROUND_1:
            offer_services.invoice_mark_paid(by=adviser, invoice=invoice, paid_on=today)
    extras = offer_services.invoice_create_for_extras(by=adviser, quote=quote)
    offer_services.invoice_send(by=adviser, invoice=extras)
    offer_services.invoice_mark_paid(by=adviser, invoice=extras, paid_on=today)


def anderstad_offers_and_recruitment(
    *, adviser: Actor, project_leader: Actor, trajectory: Trajectory
) -> None:
    """Anderstad's sent quote and its open round-1 call with nine applications.

    Nobody has been selected yet: the project leader has ticked off the criteria of the first
    few, and the board warns that the round starts within a week below its minimum.
    """
    today = _today()
    quote = offer_services.quote_create(
        by=adviser,
        trajectory=trajectory,
        participants_round_1=12,
        participants_round_2=14,
        include_scan=True,
        include_tasting=True,
        discount_amount=None,
        discount_reason="",
        valid_until=today + datetime.timedelta(days=QUOTE_VALID_DAYS),
    )
    offer_services.quote_send(by=adviser, quote=quote)

    round_1 = _round(trajectory, Stage.ROUND_1)
    call = recruitment_services.call_open(
        by=project_leader,
        round_=round_1,
        text=recruitment_services.call_draft_text(round_=round_1),
        deadline=today + datetime.timedelta(days=2),
    )
    criteria = _criteria(call)
    for position, applicant in enumerate(ANDERSTAD_APPLICANTS):
        application = _apply(call, applicant)
        if position < 3:  # read so far: the checklist is ticked, the decision is still open
            recruitment_services.application_decide(
                by=project_leader,
                application=application,
                decision=Decision.PENDING,
                criteria_met=criteria[: len(criteria) - position],
            )
