"""Version 1 of the programme and its theme catalogue, in our own words.

Frozen: this is what migration 0002 created (the steps and themes) and migration 0005 added
(the selection criteria), and what tests put back after a flush, through the functions below.
A later version is a new draft made and published by an adviser (or a new data migration),
never a change to this module's texts.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

# ruff: noqa: E501  (the texts are kept on one line each, as written)
# fmt: off
STEPS = [
    ("preparation", "theme_session", 1, "Themasessie voor het management",
     "Een bijeenkomst met het management over wat overheidsparticipatie van de organisatie vraagt "
     "en welke ruimte leidinggevenden hun medewerkers willen geven."),
    ("preparation", "intake", 2, "Intakebijeenkomst 1",
     "Kennismaking met de deelnemers van de eerste ronde: verwachtingen, eigen praktijk en leervragen."),
    ("preparation", "intake", 3, "Intakebijeenkomst 2",
     "Tweede intake: afspraken over tijd, huiswerk en de rol als personal coach in de tweede ronde."),
    ("round_1", "module", 1, "Je X-factor in beeld",
     "De trainers in spe brengen hun eigen kracht in beeld en onderzoeken wat die betekent voor de "
     "samenleving en voor hun organisatie."),
    ("round_1", "module", 2, "Kracht en hiaten matchen",
     "De eigen sterktes worden gelegd naast de zwakke plekken en hiaten van de organisatie op het "
     "gebied van overheidsparticipatie."),
    ("round_1", "module", 3, "Een programma ontwerpen",
     "Samen ontwerpen de trainers een coachings- en trainingsprogramma voor een groep minder "
     "ervaren collega's."),
    ("round_1", "module", 4, "Trainersvaardigheden en werkvormen",
     "Oefenen met trainersvaardigheden en activerende werkvormen, in echte praktijksituaties."),
    ("round_2", "module", 1, "Overheidsparticipatie als werkwijze",
     "De vaste eerste module: wat overheidsparticipatie is, hoe het verschilt van burgerparticipatie "
     "en wat het van je eigen werk vraagt."),
    ("round_2", "theme_slot", 2, "Themamodule 2", "Een thema dat de organisatie kiest."),
    ("round_2", "theme_slot", 3, "Themamodule 3", "Een thema dat de organisatie kiest."),
    ("round_2", "theme_slot", 4, "Themamodule 4", "Een thema dat de organisatie kiest."),
    ("round_2", "theme_slot", 5, "Themamodule 5", "Een thema dat de organisatie kiest."),
]

THEMES = [
    ("juiste-houding", "De juiste houding",
     "Nieuwsgierig en uitnodigend het gesprek aangaan: beginnen bij wat wél kan, luisteren naar het "
     "verhaal van de initiatiefnemer en niet meteen invullen wat de gemeente wil."),
    ("werken-vanuit-communities", "Werken vanuit communities",
     "Aansluiten bij groepen en netwerken die zich al in de wijk of rond een thema hebben gevormd, "
     "in plaats van zelf een nieuwe structuur te bouwen."),
    ("netwerken-omgevingsanalyse", "Netwerken en omgevingsanalyse",
     "Weten wie wie is, binnen en buiten het gemeentehuis; belangen en invloed in kaart brengen en "
     "mensen met elkaar verbinden."),
    ("creativiteit-improvisatie", "Creativiteit en improvisatievermogen",
     "Voortbouwen op andermans ideeën, met 'ja, en…' in plaats van 'ja, maar', en werkbare "
     "oplossingen vinden waar de regels niet in voorzien."),
    ("moedvriendelijke-organisatie", "Werken aan een moedvriendelijke organisatie",
     "Ruimte maken om iets te proberen, fouten te bespreken als leermomenten en het mandaat te "
     "gebruiken dat je hebt."),
    ("bruggen-slaan", "Bruggen slaan tussen binnen en buiten",
     "Vertalen tussen de leefwereld van inwoners en de systeemwereld van de organisatie, en collega's "
     "meenemen zodat de gemeente als één overheid optreedt."),
    ("omgaan-met-dilemmas", "Omgaan met dilemma's",
     "Rechtmatigheid, gelijkheid en verantwoording afwegen tegen maatwerk, en die afweging "
     "hardop en navolgbaar maken."),
    ("vindingrijkheid", "Vindingrijkheid",
     "Omwegen zoeken als de gewone route vastloopt: andere budgetten, andere partners, een andere "
     "volgorde of een proef op kleine schaal."),
]

# What a call for applications asks of its applicants, per round: after the brochure's
# "Deelnemers", in our own words. (stage, short name, description), in order.
CRITERIA = [
    ("round_1", "Ervaring in de praktijk",
     "Werkt nu al vanuit overheidsparticipatie, als dagelijkse routine en niet alleen af en toe."),
    ("round_1", "Houding en vaardigheden",
     "Heeft de eigenschappen, houding en vaardigheden die het werk vraagt: zet zich met hart en "
     "ziel in, kijkt verder dan de klok en de eigen taak, legt verbanden, denkt vanuit inwoners, "
     "ondernemers en de samenleving, en pakt zaken op in plaats van ze door te schuiven."),
    ("round_1", "Kennis delen",
     "Wil en kan kennis, vaardigheden en ervaringen met collega's delen; is gemotiveerd en "
     "inzetbaar."),
    ("round_1", "Tijd, ook voor coaching",
     "Heeft tijd voor de training én, in de tweede ronde, voor de rol van persoonlijke coach van "
     "een collega."),
    ("round_2", "Wil zelf meedoen",
     "Meldt zich uit eigen beweging aan en wil de training graag volgen."),
    ("round_2", "Staat open voor nieuwe dingen",
     "Is nieuwsgierig en bereid het werk anders aan te pakken dan gewend."),
    ("round_2", "Samen leren",
     "Vindt het waardevol om met collega's op te trekken, ervaringen uit te wisselen en samen te "
     "leren."),
]
# fmt: on

NAME = "Overheidsparticipatie, de praktijk van binnenuit"


def seed(*, template_model: Any, step_model: Any, theme_model: Any) -> Any:
    """Create version 1 (published) unless it exists; the models may be historical ones."""
    existing = template_model.objects.filter(version=1).first()
    if existing is not None:
        return existing
    template = template_model.objects.create(
        version=1,
        name=NAME,
        status="published",
        notes="Eerste versie van het programma.",
        published_at=timezone.now(),
    )
    step_model.objects.bulk_create(
        step_model(
            template=template,
            stage=stage,
            kind=kind,
            position=position,
            title=title,
            description=description,
        )
        for stage, kind, position, title, description in STEPS
    )
    theme_model.objects.bulk_create(
        theme_model(template=template, code=code, name=name, description=description, position=i)
        for i, (code, name, description) in enumerate(THEMES, start=1)
    )
    return template


def seed_criteria(*, template_model: Any, criterion_model: Any) -> int:
    """Give version 1 its selection criteria unless it has them; how many were added.

    The models may be historical ones (the data migration). Nothing happens without version 1.
    """
    template = template_model.objects.filter(version=1).first()
    if template is None or criterion_model.objects.filter(template=template).exists():
        return 0
    positions: dict[str, int] = {}
    rows = []
    for stage, name, description in CRITERIA:
        positions[stage] = positions.get(stage, 0) + 1
        rows.append(
            criterion_model(
                template=template,
                stage=stage,
                position=positions[stage],
                name=name,
                description=description,
            )
        )
    criterion_model.objects.bulk_create(rows)
    return len(rows)
