"""Data: version 1 of the programme and its theme catalogue, in our own words."""

from django.db import migrations
from django.utils import timezone

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


def create_version_1(apps, schema_editor):
    ProgrammeTemplate = apps.get_model("catalogue", "ProgrammeTemplate")
    ModuleTemplate = apps.get_model("catalogue", "ModuleTemplate")
    Theme = apps.get_model("catalogue", "Theme")
    if ProgrammeTemplate.objects.filter(version=1).exists():
        return
    template = ProgrammeTemplate.objects.create(
        version=1,
        name="Overheidsparticipatie, de praktijk van binnenuit",
        status="published",
        notes="Eerste versie van het programma.",
        published_at=timezone.now(),
    )
    ModuleTemplate.objects.bulk_create(
        ModuleTemplate(template=template, stage=stage, kind=kind, position=position,
                       title=title, description=description)
        for stage, kind, position, title, description in STEPS
    )
    Theme.objects.bulk_create(
        Theme(template=template, code=code, name=name, description=description, position=i)
        for i, (code, name, description) in enumerate(THEMES, start=1)
    )


def remove_version_1(apps, schema_editor):
    ProgrammeTemplate = apps.get_model("catalogue", "ProgrammeTemplate")
    ProgrammeTemplate.objects.filter(version=1, trajectories__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(create_version_1, remove_version_1)]
