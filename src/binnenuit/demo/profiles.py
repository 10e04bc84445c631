"""The demo's X-factor profiles: four of Voorbeeld's round-1 trainers, in their own words.

Written for the demo (not taken from the brochure's stories), through the same service the
trainers use, each acting as themselves; one of them shares their story beyond Voorbeeld.
"""

from __future__ import annotations

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import Competence, ProgrammeTemplate
from binnenuit.core.access import actor_in
from binnenuit.organisations.models import Membership, Person, Role
from binnenuit.profiles import services

# (story, what makes the difference, value for society, value for the organisation, strengths)
STORIES = [
    (
        "Bij groen en wegen krijg ik elke week telefoontjes over een boom die te veel schaduw "
        "geeft of een stoep die omhoog komt. Vroeger stuurde ik een ploeg en dacht ik dat het "
        "klaar was. Sinds de bewoners van de Populierenlaan zelf een plan maakten voor hun "
        "plantsoen, ga ik eerst langs. Ik loop een rondje met wie er belt, en vraag wat ze zelf "
        "willen doen. Inmiddels onderhouden vier straten hun eigen geveltuinen, en wij leveren "
        "de planten en het advies.",
        "Ik ga eerst kijken en luisteren voordat ik iets beloof, en ik zeg eerlijk wat de "
        "gemeente wel en niet kan.",
        "Bewoners voelen zich eigenaar van hun straat; er is minder zwerfafval en meer contact "
        "tussen buren.",
        "Minder meldingen en klachten, en collega's van de buitendienst die trots zijn op "
        "hun wijk.",
        ["LUI", "ROL", "KRA"],
    ),
    (
        "Als initiatievenmakelaar ben ik de deur waar mensen met een idee binnenkomen. Een "
        "groep moeders wilde een inloopochtend in het buurthuis, maar liep vast op "
        "subsidieregels en een huurcontract. Ik heb de juiste collega's bij elkaar gezet aan "
        "één tafel, met de moeders erbij. Binnen een maand draaide de ochtend. Nu vraag ik bij "
        "elk initiatief: wie moet er nog meer aan tafel?",
        "Ik verbind mensen binnen en buiten het gemeentehuis, en ik blijf het aanspreekpunt "
        "tot het initiatief loopt.",
        "Initiatieven van inwoners komen sneller van de grond en houden het langer vol.",
        "Collega's van verschillende afdelingen werken vanzelfsprekender samen rond één vraag.",
        ["VER", "EEN", "BRU", "HOU"],
    ),
    (
        "Bij ruimtelijke plannen zitten belangen al snel tegenover elkaar. Bij de herinrichting "
        "van het stationsplein organiseerde ik geen inspraakavond, maar drie "
        "ontwerpsessies op het plein zelf, met ondernemers, reizigers en omwonenden. Niet "
        "iedereen kreeg zijn zin, maar iedereen begreep waarom het plan werd zoals het werd. "
        "Er kwam geen enkel bezwaarschrift.",
        "Ik maak dilemma's bespreekbaar en laat zien welke ruimte er is binnen de regels.",
        "Plannen die beter aansluiten bij hoe mensen de ruimte echt gebruiken.",
        "Minder bezwaar- en beroepsprocedures, en een snellere doorlooptijd van projecten.",
        ["DIL", "OMG", "HEL", "CRE"],
    ),
    (
        "Jongeren komen niet naar een inspraakavond. Voor het nieuwe jeugdbeleid ben ik "
        "daarom met twee jongerenwerkers langs de sportvelden, het skatepark en de "
        "schoolpleinen gegaan, met een kaart en een stapel post-its. Wat we ophaalden, hebben "
        "we teruggebracht in een filmpje dat de jongeren zelf maakten. Dat filmpje heeft de "
        "gemeenteraad meer overtuigd dan elke nota.",
        "Ik zoek mensen op waar ze al zijn, en ik durf het anders te doen dan we gewend zijn.",
        "Jongeren die merken dat hun stem ertoe doet.",
        "Beleid dat gedragen wordt door wie het raakt, en collega's die zien dat het kan.",
        ["VIN", "MOE", "LUI"],
    ),
]


def demo_profiles(
    organisation_slug: str, trainers: list[Person], template: ProgrammeTemplate, password: str
) -> None:
    """The first four trainers write their X-factor; the first one shares it."""
    by_code = {c.code: c for c in Competence.objects.filter(template=template)}
    for i, (person, row) in enumerate(zip(trainers, STORIES, strict=False)):
        story, difference, society, organisation, strengths = row
        if person.user is None:  # the trainer gets a login of their own to write it
            user = User.objects.create_user(person.email, password, full_name=person.full_name)
            person.user = user
            person.save(update_fields=["user"])
            Membership.objects.create(
                organisation=person.organisation, user=user, role=Role.TRAINER
            )
        me = actor_in(person.user, organisation_slug)
        profile = services.profile_save(
            by=me,
            person=person,
            story=story,
            difference=difference,
            value_society=society,
            value_organisation=organisation,
            strengths=[by_code[code] for code in strengths],
        )
        if i == 0:
            services.profile_share(by=me, profile=profile, share=True)
