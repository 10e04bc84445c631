"""Version 1 of the programme and its theme catalogue, in our own words.

Frozen: this is what migration 0002 created, and what tests put back after a flush, through
the one function below. A later version is a new draft made and published by an adviser (or
a new data migration), never a change to this module.
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
