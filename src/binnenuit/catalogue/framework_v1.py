"""Version 1 of the competence framework: the skills of government participation
("handelingsvaardigheden"), as data, in our own Dutch words.

Grouped under the brochure's principles; written after the published frameworks summarised in
``../shared/research/domain.md`` §2 (our own synthesis, not a copy of any of them). Frozen: a
data migration seeds it, so a change here is a new framework version, not an edit.
"""

# ruff: noqa: E501  (the texts are kept on one line each, as written)
# fmt: off

from __future__ import annotations

from typing import Any

# (code, name, description), in order.
PRINCIPLES = [
    ("houding", "De juiste houding",
     "Een open, uitnodigende en oplossingsgerichte grondhouding: beginnen bij wat inwoners willen en kunnen."),
    ("gemeenschappen", "Werken vanuit gemeenschappen",
     "Aansluiten bij de kracht van bewoners, ondernemers en netwerken die er al zijn."),
    ("netwerken", "Netwerken en contextanalyse",
     "De omgeving lezen en mensen binnen en buiten de organisatie met elkaar verbinden."),
    ("creativiteit", "Creativiteit en improvisatie",
     "Werkbare oplossingen vinden waar regels en routines niet in voorzien."),
    ("moed", "Een moedvriendelijke organisatie",
     "Ruimte nemen en geven om te proberen, te leren en verantwoordelijkheid te dragen."),
]

# (code, principle code, name, description, [behavioural indicators]), in order.
COMPETENCES = [
    ("ROL", "houding", "Rolbewustzijn",
     "Kiest per situatie bewust de rol van de overheid, van loslaten tot reguleren, en maakt die rol duidelijk aan anderen.",
     ["Benoemt aan het begin van een gesprek welke rol de gemeente hier neemt en waarom.",
      "Stapt terug als inwoners het zelf kunnen, en stapt in als dat nodig is.",
      "Bespreekt met collega's welke rol bij een initiatief past."]),
    ("HOU", "houding", "Uitnodigende houding",
     "Is nieuwsgierig en open, denkt in mogelijkheden en laat merken dat initiatieven welkom zijn.",
     ["Vraagt eerst wat iemand wil bereiken voordat de regels ter sprake komen.",
      "Reageert op een nieuw idee met 'ja, en…' in plaats van 'ja, maar…'.",
      "Is goed bereikbaar en neemt zelf contact op."]),
    ("LUI", "houding", "Luisteren en ophalen",
     "Hoort het verhaal, de belangen en de drijfveren van inwoners echt en vult niet voor hen in.",
     ["Vat samen wat de ander zegt en checkt of dat klopt.",
      "Stelt open vragen en laat stiltes vallen.",
      "Doet aantoonbaar iets met wat is opgehaald en laat dat terugzien."]),
    ("KRA", "gemeenschappen", "Uitgaan van eigen kracht",
     "Bouwt voort op wat bewoners, verenigingen en ondernemers al doen en kunnen, in plaats van zelf iets nieuws op te zetten.",
     ["Brengt in kaart welke groepen en netwerken er al actief zijn.",
      "Laat het eigenaarschap bij de initiatiefnemers.",
      "Ondersteunt met kleine, praktische middelen op het goede moment."]),
    ("EEN", "gemeenschappen", "Eén overheid zijn",
     "Zorgt dat inwoners één aanspreekpunt hebben en dat de gemeente met één stem spreekt.",
     ["Neemt een vraag mee naar binnen in plaats van door te verwijzen.",
      "Stemt af met collega's van andere afdelingen voordat er een antwoord gaat.",
      "Houdt de initiatiefnemer op de hoogte van de voortgang."]),
    ("VER", "netwerken", "Verbinden en netwerken",
     "Weet wie wie is binnen en buiten het gemeentehuis en brengt de juiste mensen bij elkaar.",
     ["Koppelt initiatiefnemers aan collega's, partners of andere initiatieven.",
      "Onderhoudt contacten in de wijk, ook als er geen concrete vraag ligt.",
      "Deelt zijn of haar netwerk met collega's."]),
    ("OMG", "netwerken", "Omgevingsbewustzijn",
     "Leest de context: belangen, invloed, gevoeligheden en wat er politiek en bestuurlijk speelt.",
     ["Maakt een krachtenveld- of stakeholderanalyse bij een nieuw vraagstuk.",
      "Signaleert op tijd wanneer iets gevoelig ligt en bespreekt dat.",
      "Houdt rekening met wie er (nog) niet aan tafel zit."]),
    ("BRU", "netwerken", "Bruggen slaan tussen binnen en buiten",
     "Vertaalt tussen de leefwereld van inwoners en de systeemwereld van de organisatie en zoekt de ruimte binnen de regels.",
     ["Legt beleid en procedures uit in gewone taal.",
      "Brengt de vraag van buiten in eigen woorden over aan collega's en bestuur.",
      "Zoekt binnen de regels naar wat wél kan."]),
    ("CRE", "creativiteit", "Creativiteit en improvisatie",
     "Bedenkt samen met anderen nieuwe, werkbare oplossingen en kan inspelen op wat er onverwacht gebeurt.",
     ["Bouwt voort op ideeën van anderen.",
      "Probeert iets op kleine schaal voordat het groot wordt aangepakt.",
      "Past een plan aan als de situatie daarom vraagt."]),
    ("VIN", "creativiteit", "Vindingrijkheid",
     "Zoekt een omweg als de gewone route vastloopt: een ander budget, een andere partner, een andere volgorde.",
     ["Kent meerdere routes naar geld, ruimte of mensen.",
      "Laat zich niet tegenhouden door 'dat kan niet', maar vraagt wat er dan wel kan.",
      "Deelt slimme oplossingen met collega's, zodat die vaker gebruikt worden."]),
    ("HEL", "moed", "Helderheid",
     "Is duidelijk over wat kan, welke voorwaarden er gelden en wat de gemeente wel en niet doet.",
     ["Maakt afspraken concreet: wie doet wat, wanneer.",
      "Zegt het op tijd als iets niet kan, en legt uit waarom.",
      "Schept geen verwachtingen die niet waargemaakt kunnen worden."]),
    ("MOE", "moed", "Moed en experimenteerruimte",
     "Durft te proberen, gebruikt het mandaat dat er is en ziet fouten als leermomenten.",
     ["Neemt een besluit binnen het eigen mandaat zonder alles voor te leggen.",
      "Bespreekt wat misging openlijk en wat ervan te leren valt.",
      "Geeft collega's ruimte om iets nieuws te proberen."]),
    ("DIL", "moed", "Omgaan met dilemma's",
     "Weegt rechtmatigheid, gelijkheid en verantwoording af tegen maatwerk en maakt die afweging navolgbaar.",
     ["Benoemt het dilemma hardop in plaats van het te omzeilen.",
      "Legt vast waarom voor maatwerk is gekozen.",
      "Vraagt collega's of leidinggevende mee te denken over lastige afwegingen."]),
    ("REF", "moed", "Reflectie en leren",
     "Kijkt kritisch naar het eigen handelen, vraagt feedback en leert van praktijkvoorbeelden.",
     ["Vraagt na een gesprek of project om feedback.",
      "Neemt deel aan intervisie of bespreekt casussen met collega's.",
      "Past de eigen aanpak aan op basis van wat is geleerd."]),
]

# Which competences each round-2 theme (catalogue.programme_v1.THEMES, by code) trains.
THEME_COMPETENCES = {
    "juiste-houding": ["HOU", "LUI", "ROL"],
    "werken-vanuit-communities": ["KRA", "EEN", "VER"],
    "netwerken-omgevingsanalyse": ["VER", "OMG"],
    "creativiteit-improvisatie": ["CRE", "VIN"],
    "moedvriendelijke-organisatie": ["MOE", "REF", "HEL"],
    "bruggen-slaan": ["BRU", "EEN"],
    "omgaan-met-dilemmas": ["DIL", "HEL"],
    "vindingrijkheid": ["VIN", "CRE"],
}

# fmt: on


def seed(*, template: Any, principle_model: Any, competence_model: Any, theme_model: Any) -> int:
    """Give a programme version this framework unless it has one; the models may be historical.

    The themes of the version that carry a code of ``THEME_COMPETENCES`` get their links.
    Returns how many competences were made.
    """
    if competence_model.objects.filter(template=template).exists():
        return 0
    principles = {
        code: principle_model.objects.create(
            template=template, code=code, name=name, description=description, position=i
        )
        for i, (code, name, description) in enumerate(PRINCIPLES, start=1)
    }
    competences = {
        code: competence_model.objects.create(
            template=template,
            principle=principles[principle],
            code=code,
            name=name,
            description=description,
            indicators="\n".join(indicators),
            position=i,
        )
        for i, (code, principle, name, description, indicators) in enumerate(COMPETENCES, start=1)
    }
    for theme in theme_model.objects.filter(template=template, code__in=THEME_COMPETENCES):
        theme.competences.set([competences[c] for c in THEME_COMPETENCES[theme.code]])
    return len(competences)
