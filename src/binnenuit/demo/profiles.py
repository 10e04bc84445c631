"""The demo's X-factor profiles: Voorbeeld's twelve round-1 trainers, in their own words.

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
    (
        "Als wijkregisseur in Noord ken ik de sleutelfiguren: de voorzitter van de "
        "speeltuinvereniging, de imam, de eigenaar van de snackbar. Toen er onrust ontstond "
        "over een nieuwe opvanglocatie, heb ik die mensen eerst apart gesproken en daarna samen "
        "met de bewoners aan tafel gezet. Er kwam een buurtcommissie die nog steeds meedenkt.",
        "Ik ken de wijk van binnenuit en weet wie ik moet bellen voordat een vraag een probleem "
        "wordt.",
        "Spanningen in de wijk worden vroeg besproken in plaats van laat uitgevochten.",
        "De gemeente hoort signalen eerder en hoeft minder vaak brandjes te blussen.",
        ["VER", "OMG", "HOU"],
    ),
    (
        "Aan de balie van het KCC hoor ik als eerste wat inwoners bezighoudt. Een oudere "
        "mevrouw kwam drie keer terug met hetzelfde formulier. Ik heb het formulier samen met "
        "haar en twee collega's van de afdeling herschreven. Het aantal vragen over dat "
        "formulier is gehalveerd.",
        "Ik neem de vraag achter de vraag serieus en neem die mee naar binnen.",
        "Inwoners die zich gehoord voelen, ook als het antwoord nee is.",
        "Betere formulieren en brieven, en minder herhaalcontact aan de balie.",
        ["LUI", "EEN", "HEL"],
    ),
    (
        "Als toezichthouder word ik vaak gezien als degene die komt bekeuren. Bij een "
        "terugkerend conflict over parkeren bij de sporthal ben ik eerst met de club en de "
        "buren gaan praten. Samen bedachten we een parkeerregeling voor wedstrijddagen. Ik "
        "hoef er sindsdien bijna niet meer te komen.",
        "Ik weet wanneer ik moet handhaven en wanneer een gesprek meer oplevert.",
        "Minder conflicten tussen buren en verenigingen.",
        "Handhaving die als eerlijk wordt ervaren, en minder tijd kwijt aan dezelfde klachten.",
        ["ROL", "DIL", "CRE"],
    ),
    (
        "Met de Omgevingswet moeten initiatiefnemers zelf participatie organiseren. Ik heb een "
        "eenvoudige handreiking gemaakt en zit bij het eerste gesprek met elke initiatiefnemer. "
        "Een ondernemer die een loods wilde uitbreiden, organiseerde daardoor een open dag voor "
        "de buren. De vergunning kwam er zonder één zienswijze.",
        "Ik vertaal regels naar gewone taal en help initiatiefnemers het gesprek zelf te voeren.",
        "Initiatiefnemers en omwonenden die elkaar eerder spreken.",
        "Snellere vergunningverlening met minder bezwaren.",
        ["HEL", "KRA", "BRU"],
    ),
    (
        "In het centrum zitten ondernemers, bewoners en uitgaanspubliek elkaar soms in de weg. "
        "Ik heb een maandelijks ontbijt opgezet waar ze zonder agenda samen aan tafel zitten. "
        "Uit die ontbijten kwam onder meer het plan voor een gezamenlijke kerstmarkt.",
        "Ik creëer plekken waar mensen elkaar ontmoeten voordat er iets te beslissen valt.",
        "Een centrum waar verschillende groepen elkaar kennen en vertrouwen.",
        "Ondernemers en bewoners die met de gemeente meedenken in plaats van tegen haar in.",
        ["VER", "BRU", "VIN"],
    ),
    (
        "Communicatie ging bij ons vaak over zenden: een persbericht, een brief. Bij de "
        "vernieuwing van het zwembad heb ik een online buurtpanel opgezet en de vragen van "
        "bewoners letterlijk teruggegeven in onze berichten. Mensen herkenden hun eigen "
        "woorden, en de opkomst bij de informatieavond verdubbelde.",
        "Ik maak van communicatie een gesprek in twee richtingen.",
        "Informatie die aansluit bij de vragen die mensen echt hebben.",
        "Collega's die eerder nadenken over wie ze willen bereiken en hoe.",
        ["LUI", "CRE", "HEL"],
    ),
    (
        "In de buitendienst ben ik elke dag in de wijk. Toen kinderen een verwaarloosd veldje "
        "wilden gebruiken om te voetballen, heb ik met de ploeg twee doeltjes geplaatst en "
        "afspraken gemaakt met de ouders over het maaien. Het veldje is nu het drukste van de "
        "buurt.",
        "Ik pak kleine dingen direct op en laat zien dat de gemeente meedoet.",
        "Buurten waar kinderen buiten spelen en bewoners zich verantwoordelijk voelen.",
        "Een buitendienst die als partner wordt gezien.",
        ["KRA", "HOU", "ROL"],
    ),
    (
        "Voor de energietransitie moeten we wijken van het gas halen, en daar zit niemand op "
        "te wachten. Ik ben begonnen bij bewoners die al zonnepanelen hadden en hen gevraagd "
        "hun ervaring te delen. Zo ontstond een energiecoöperatie die nu zelf "
        "voorlichtingsavonden geeft.",
        "Ik durf te beginnen zonder dat alles vastligt, en laat bewoners het voortouw nemen.",
        "Bewoners die zelf de verduurzaming van hun wijk dragen.",
        "Beleid dat sneller resultaat heeft omdat het wordt gedragen.",
        ["MOE", "KRA", "OMG"],
    ),
]


def demo_profiles(
    organisation_slug: str, trainers: list[Person], template: ProgrammeTemplate, password: str
) -> None:
    """Every trainer writes their X-factor (one per story, in order); the first one shares it."""
    by_code = {c.code: c for c in Competence.objects.filter(template=template)}
    for i, (person, row) in enumerate(zip(trainers, STORIES, strict=True)):
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
