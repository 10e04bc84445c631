"""The demo organisations: Voorbeeld midway through its trajectory, Anderstad in preparation.

Built through the same services the screens use, with dates relative to today so that the
demo always shows round 1 done and round 2 running.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.context import disable_auditlog, set_actor
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, actor_in, actor_outside
from binnenuit.core.exceptions import ServiceError
from binnenuit.demo.coaching import demo_coaching
from binnenuit.demo.images import demo_logo
from binnenuit.demo.meetings import demo_feeds, demo_intake_hosts, demo_meetings
from binnenuit.demo.offers_recruitment import (
    anderstad_offers_and_recruitment,
    voorbeeld_offers_and_recruitment,
)
from binnenuit.demo.profiles import demo_profiles
from binnenuit.demo.scan import demo_scans
from binnenuit.organisations import invitations
from binnenuit.organisations import services as organisation_services
from binnenuit.organisations.models import FunctionCategory as F
from binnenuit.organisations.models import Location, Membership, Organisation, Person, Role
from binnenuit.organisations.services import organisation_create
from binnenuit.trajectories import services as trajectory_services
from binnenuit.trajectories.models import (
    Meeting,
    Module,
    PartOfDay,
    Phase,
    Round,
)

DEMO_SLUGS = ["voorbeeld", "anderstad", "oudebrug"]
DEMO_PASSWORD = "binnenuit-demo"  # noqa: S105 (only ever set by the demo command)
ADVISER_EMAIL = "adviseur@binnenuit.example"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    organisation: str


# The one demo login with two-step login: its authenticator secret is public, like the password.
TWO_STEP_EMAIL = "tweestaps@binnenuit.example"
TWO_STEP_SECRET_HEX = "3132333435363738393031323334353637383930"  # noqa: S105 (a public demo secret)

LOGINS = [
    DemoLogin(ADVISER_EMAIL, "adviseur", "Voorbeeld en Anderstad"),
    DemoLogin(TWO_STEP_EMAIL, "adviseur", "Voorbeeld, met tweestapsverificatie"),
    DemoLogin("projectleider@voorbeeld.example", "projectleider", "Gemeente Voorbeeld"),
    DemoLogin("manager@voorbeeld.example", "manager", "Gemeente Voorbeeld"),
    DemoLogin("trainer@voorbeeld.example", "trainer", "Gemeente Voorbeeld"),
    DemoLogin("deelnemer@voorbeeld.example", "deelnemer", "Gemeente Voorbeeld"),
    DemoLogin("projectleider@anderstad.example", "projectleider", "Gemeente Anderstad"),
]


def two_step_secret() -> str:
    """The demo's authenticator secret as an app asks for it (base32)."""
    from base64 import b32encode

    return b32encode(bytes.fromhex(TWO_STEP_SECRET_HEX)).decode().rstrip("=")


# name, job title, function category, department, team
VOORBEELD_MANAGEMENT = [
    ("Marjolein de Wit", "Gemeentesecretaris", F.MANAGEMENT, "Directie", "Directie"),
    ("Erik Hoekstra", "Afdelingshoofd Samenleving", F.MANAGEMENT, "Samenleving", "Management"),
    (
        "Sandra Visser",
        "Afdelingshoofd Openbare Ruimte",
        F.MANAGEMENT,
        "Openbare Ruimte",
        "Management",
    ),
    ("Hans Brouwer", "Afdelingshoofd Publiekszaken", F.MANAGEMENT, "Publiekszaken", "Management"),
    (
        "Ingrid Smit",
        "Afdelingshoofd Ruimtelijke Ontwikkeling",
        F.MANAGEMENT,
        "Ruimtelijke Ontwikkeling",
        "Management",
    ),
]
VOORBEELD_PROJECT_LEADER = (
    "Wendy Kramer",
    "Projectleider organisatieontwikkeling",
    F.PROJECT_LEADER,
    "Bedrijfsvoering",
    "HR en Organisatie",
)
VOORBEELD_TRAINERS = [
    ("Ben Jansen", "Coördinator groen en wegen", F.FIELD_SERVICE, "Openbare Ruimte", "Wijkbeheer"),
    (
        "Angelique Bakker",
        "Initiatievenmakelaar",
        F.POLICY,
        "Samenleving",
        "Maatschappelijke Ontwikkeling",
    ),
    (
        "Mohammed El Amrani",
        "Adviseur ruimtelijke ordening",
        F.POLICY,
        "Ruimtelijke Ontwikkeling",
        "Ruimtelijke Plannen",
    ),
    ("Nadja Verhoeven", "Beleidsmedewerker", F.POLICY, "Samenleving", "Jeugd en Onderwijs"),
    ("Peter de Groot", "Wijkregisseur Noord", F.PROJECT_LEADER, "Samenleving", "Wijkregie"),
    ("Fatima Ouali", "Senior medewerker KCC", F.FRONT_OFFICE, "Publiekszaken", "KCC"),
    (
        "Gerrit Mulder",
        "Toezichthouder openbare ruimte",
        F.FIELD_SERVICE,
        "Openbare Ruimte",
        "Toezicht en Handhaving",
    ),
    (
        "Linda van Dijk",
        "Projectleider Omgevingswet",
        F.PROJECT_LEADER,
        "Ruimtelijke Ontwikkeling",
        "Omgevingsvergunningen",
    ),
    ("Kees Bos", "Gebiedsregisseur Centrum", F.PROJECT_LEADER, "Samenleving", "Wijkregie"),
    ("Esther Meijer", "Communicatieadviseur", F.POLICY, "Bedrijfsvoering", "Communicatie"),
    (
        "Rob van Leeuwen",
        "Medewerker buitendienst",
        F.FIELD_SERVICE,
        "Openbare Ruimte",
        "Wijkbeheer",
    ),
    (
        "Yvonne Dekker",
        "Beleidsadviseur duurzaamheid",
        F.POLICY,
        "Ruimtelijke Ontwikkeling",
        "Duurzaamheid",
    ),
]
VOORBEELD_PARTICIPANTS = [
    ("Sanne Hendriks", "Medewerker KCC", F.FRONT_OFFICE, "Publiekszaken", "KCC"),
    (
        "Thomas van den Berg",
        "Vergunningverlener",
        F.POLICY,
        "Ruimtelijke Ontwikkeling",
        "Omgevingsvergunningen",
    ),
    ("Aylin Yilmaz", "Beleidsmedewerker sport", F.POLICY, "Samenleving", "Sport en Cultuur"),
    ("Jeroen Willems", "Medewerker wijkbeheer", F.FIELD_SERVICE, "Openbare Ruimte", "Wijkbeheer"),
    (
        "Marieke Peters",
        "Baliemedewerker burgerzaken",
        F.FRONT_OFFICE,
        "Publiekszaken",
        "Burgerzaken",
    ),
    ("Daan Koster", "Jurist", F.OTHER, "Bedrijfsvoering", "Juridische Zaken"),
    ("Priya Ramdin", "Consulent werk en inkomen", F.FRONT_OFFICE, "Samenleving", "Werk en Inkomen"),
    (
        "Bas Vermeulen",
        "Werkvoorbereider",
        F.FIELD_SERVICE,
        "Openbare Ruimte",
        "Projecten Openbare Ruimte",
    ),
    ("Lotte Scholten", "Beleidsmedewerker wonen", F.POLICY, "Ruimtelijke Ontwikkeling", "Wonen"),
    (
        "Martijn Prins",
        "Projectleider verkeer",
        F.PROJECT_LEADER,
        "Ruimtelijke Ontwikkeling",
        "Mobiliteit",
    ),
    ("Noor Haddou", "Medewerker subsidies", F.OTHER, "Samenleving", "Subsidies"),
    ("Wim Dijkstra", "Handhaver", F.FIELD_SERVICE, "Openbare Ruimte", "Toezicht en Handhaving"),
    (
        "Iris Boer",
        "Adviseur participatie",
        F.POLICY,
        "Samenleving",
        "Maatschappelijke Ontwikkeling",
    ),
]
VOORBEELD_OTHERS = [
    ("Joost van Wijk", "Medewerker KCC", F.FRONT_OFFICE, "Publiekszaken", "KCC"),
    ("Anouk Smits", "Beleidsmedewerker zorg", F.POLICY, "Samenleving", "Zorg en Welzijn"),
    ("Ruud Kok", "Medewerker groenonderhoud", F.FIELD_SERVICE, "Openbare Ruimte", "Wijkbeheer"),
    (
        "Femke Jacobs",
        "Stedenbouwkundige",
        F.POLICY,
        "Ruimtelijke Ontwikkeling",
        "Ruimtelijke Plannen",
    ),
]
ANDERSTAD_PEOPLE = [
    (
        "Karin Vos",
        "Projectleider participatie",
        F.PROJECT_LEADER,
        "Dienstverlening",
        "Programma Participatie",
    ),
    ("Frank Hermans", "Directeur", F.MANAGEMENT, "Directie", "Directie"),
    ("Saskia Lammers", "Buurtregisseur", F.PROJECT_LEADER, "Samenleving", "Wijken"),
    (
        "Olaf Timmermans",
        "Medewerker buitendienst",
        F.FIELD_SERVICE,
        "Beheer Openbare Ruimte",
        "Groen",
    ),
    ("Hatice Demir", "Medewerker KCC", F.FRONT_OFFICE, "Dienstverlening", "Klantcontact"),
    (
        "Jan-Willem Post",
        "Beleidsadviseur economie",
        F.POLICY,
        "Ruimte en Economie",
        "Economische Zaken",
    ),
    ("Mirjam Evers", "Ideeënmakelaar", F.POLICY, "Samenleving", "Wijken"),
]

OUDEBRUG_PEOPLE = [
    (
        "Gert-Jan Smeets",
        "Projectleider dorpsgericht werken",
        F.PROJECT_LEADER,
        "Samenleving",
        "Kernen",
    ),
    ("Els Pauwels", "Kernregisseur", F.POLICY, "Samenleving", "Kernen"),
    ("Hakan Kaya", "Medewerker buitendienst", F.FIELD_SERVICE, "Beheer", "Groen"),
]

ROUND_1_LOCATIONS = [
    "Raadzaal, Stadhuis",
    "Buurthuis De Schakel",
    "Kinderboerderij De Hooiberg",
    "Bibliotheek Centrum",
]
# Name → (address, capacity, accessibility) of the demo's locations.
DEMO_PLACES: dict[str, tuple[str, int | None, str]] = {
    "Raadzaal, Stadhuis": ("Markt 1, 9999 AA Voorbeeld", 40, "Drempelvrij, lift, ringleiding."),
    "Buurthuis De Schakel": ("Schakelstraat 12, 9999 AB Voorbeeld", 30, "Drempelvrij."),
    "Kinderboerderij De Hooiberg": ("Hooibergpad 3, 9999 AC Voorbeeld", 20, ""),
    "Bibliotheek Centrum": (
        "Kerkplein 5, 9999 AD Voorbeeld",
        25,
        "Lift naar de eerste verdieping.",
    ),
    "Wijkcentrum Het Anker": (
        "Ankerplein 2, 9999 AE Voorbeeld",
        35,
        "Drempelvrij, invalidentoilet.",
    ),
    "Sportpark De Vennen": ("Vennenweg 40, 9999 AF Voorbeeld", 30, "Kantine op de begane grond."),
    "Stadhuis, zaal 2.14": ("Markt 1, 9999 AA Voorbeeld", 24, "Lift, ringleiding."),
    "Repaircafé De Werkplaats": (
        "Ambachtsweg 7, 9999 AG Voorbeeld",
        18,
        "Eén trede bij de ingang.",
    ),
    "Dorpshuis Oostveen": ("Dorpsstraat 21, 9999 AH Oostveen", 40, "Drempelvrij."),
    "Stadhuis, B&W-kamer": ("Markt 1, 9999 AA Voorbeeld", 16, "Lift."),
    "Stadhuis, zaal 1.02": ("Markt 1, 9999 AA Voorbeeld", 30, "Lift, ringleiding."),
    "Stadskantoor, zaal De Linde": ("Lindelaan 1, 8888 AA Anderstad", 30, "Drempelvrij, lift."),
}
ROUND_2_LOCATIONS = [
    "Wijkcentrum Het Anker",
    "Sportpark De Vennen",
    "Stadhuis, zaal 2.14",
    "Repaircafé De Werkplaats",
    "Dorpshuis Oostveen",
]
VOORBEELD_THEMES = [
    "juiste-houding",
    "netwerken-omgevingsanalyse",
    "bruggen-slaan",
    "omgaan-met-dilemmas",
]


def _email(name: str, domain: str) -> str:
    local = (
        name.lower()
        .replace(" van den ", ".")
        .replace(" van ", ".")
        .replace(" de ", ".")
        .replace(" el ", ".el")
    )
    return f"{local.replace(' ', '.').replace('-', '')}@{domain}"


def _user(email: str, full_name: str, *, provider_staff: bool = False) -> User:
    return User.objects.create_user(
        email, DEMO_PASSWORD, full_name=full_name, is_provider_staff=provider_staff
    )


def _people(by: Actor, rows: list[tuple[str, str, F, str, str]], domain: str) -> list[Person]:
    return [
        organisation_services.person_create(
            by=by,
            full_name=name,
            email=_email(name, domain),
            job_title=title,
            function_category=category,
            department=department,
            team=team,
        )
        for name, title, category, department, team in rows
    ]


def _link(person: Person, user: User, role: str) -> None:
    person.user = user
    person.email = user.email
    person.save(update_fields=["user", "email"])
    Membership.objects.create(organisation=person.organisation, user=user, role=role)


def _report_to(by: Actor, person: Person, manager: Person) -> None:
    organisation_services.person_update(
        by=by,
        person=person,
        full_name=person.full_name,
        email=person.email,
        job_title=person.job_title,
        function_category=F(person.function_category),
        department=person.department,
        team=person.team,
        line_manager=manager,
    )


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _location(by: Actor, name: str) -> Location:
    """The demo organisation's location of this name, added the first time it is used."""
    found = Location.objects.for_org(by.organisation).filter(name=name).first()
    if found is not None:
        return found
    address, capacity, accessibility = DEMO_PLACES.get(name, ("", None, ""))
    return organisation_services.location_create(
        by=by, name=name, address=address, capacity=capacity, accessibility=accessibility
    )


def _plan(
    by: Actor,
    meetings: list[Meeting],
    first: datetime.date,
    every_days: int,
    locations: list[str],
) -> None:
    for i, meeting in enumerate(meetings):
        day = _weekday(first + datetime.timedelta(days=every_days * i))
        for _attempt in range(10):
            # The demo's adviser works at every demo organisation: a day that turns out to be
            # taken (the dates move with today) becomes the next working day.
            try:
                trajectory_services.meeting_plan(
                    by=by,
                    meeting=meeting,
                    date=day,
                    part_of_day=PartOfDay.AFTERNOON if i % 2 else PartOfDay.MORNING,
                    location=_location(by, locations[i % len(locations)]),
                )
                break
            except ServiceError:
                day = _weekday(day + datetime.timedelta(days=1))
        else:
            raise RuntimeError(f"The demo cannot plan {meeting.title} without a conflict.")


def demo_remove() -> None:
    """Take the demo organisations out with everything they own, whatever app owns it.

    Organisations are never cascaded (their keys PROTECT their history), so every
    organisation-owned row goes first, in whatever order the keys between them allow.
    """
    organisations = list(Organisation.objects.filter(slug__in=DEMO_SLUGS))
    for organisation in organisations:
        if organisation.logo:
            organisation.logo.delete(save=False)
    owned = [
        model
        for model in apps.get_models()
        if any(
            getattr(f, "related_model", None) is Organisation and f.name == "organisation"
            for f in model._meta.get_fields()
        )
    ]
    with disable_auditlog():  # taking the demo down is not a change to record
        for _attempt in range(len(owned) + 1):
            blocked = []
            for model in owned:
                try:
                    with transaction.atomic():
                        model._default_manager.filter(organisation__in=organisations).delete()
                except (ProtectedError, RestrictedError):
                    blocked.append(model)  # rows of another model point at these: after those
            if not blocked:
                break
            owned = blocked
        Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()
        User.objects.filter(email__endswith=".example").delete()


def demo_build() -> None:
    demo_remove()
    adviser = _user(ADVISER_EMAIL, "Birgit Oelmans", provider_staff=True)
    with set_actor(adviser):  # the audit trail names who did what
        _build(adviser)


def _access(by: Actor, leaver: Person, today: datetime.date) -> None:
    """Voorbeeld's "who has access": a colleague invited, a former employee deactivated, and a
    second adviser who logs in in two steps."""
    invitations.invitation_create(
        by=by,
        email="anouk.smits@voorbeeld.example",
        full_name="Anouk Smits",
        role=Role.PARTICIPANT,
    )
    former = leaver.user  # the login he wrote his X-factor with
    if former is None:
        former = _user("rob.vanleeuwen@voorbeeld.example", leaver.full_name)
        _link(leaver, former, Role.TRAINER)
    membership = Membership.objects.get(organisation=by.organisation, user=former)
    invitations.membership_deactivate(by=by, membership=membership)
    Person.objects.filter(pk=leaver.pk).update(left_on=today - datetime.timedelta(days=45))
    second = _user(TWO_STEP_EMAIL, "Joop Hofstede", provider_staff=True)
    Membership.objects.create(organisation=by.organisation, user=second, role=Role.ADVISER)
    TOTPDevice.objects.create(
        user=second, name="Authenticator", key=TWO_STEP_SECRET_HEX, confirmed=True
    )


def _build(adviser: User) -> None:
    today = timezone.localdate()

    # Gemeente Voorbeeld: midway, round 1 done and round 2 running.
    voorbeeld = organisation_create(
        by=actor_outside(adviser),
        name="Gemeente Voorbeeld",
        cbs_code="GM9001",
        brand_colour="#1a5e8c",
    )
    voorbeeld.logo.save("voorbeeld.png", ContentFile(demo_logo(b"\x1a\x5e\x8c")), save=True)
    by = actor_in(adviser, voorbeeld.slug)
    domain = "voorbeeld.example"
    managers = _people(by, VOORBEELD_MANAGEMENT, domain)
    (project_leader,) = _people(by, [VOORBEELD_PROJECT_LEADER], domain)
    trainers = _people(by, VOORBEELD_TRAINERS, domain)
    participants = _people(by, VOORBEELD_PARTICIPANTS, domain)
    others = _people(by, VOORBEELD_OTHERS, domain)
    by_department = {m.department: m for m in managers}
    for person in [project_leader, *trainers, *participants, *others]:
        _report_to(by, person, by_department.get(person.department, managers[0]))
    for manager in managers[1:]:
        _report_to(by, manager, managers[0])

    _link(
        project_leader,
        _user("projectleider@voorbeeld.example", project_leader.full_name),
        Role.PROJECT_LEADER,
    )
    _link(managers[1], _user("manager@voorbeeld.example", managers[1].full_name), Role.MANAGER)
    _link(trainers[0], _user("trainer@voorbeeld.example", trainers[0].full_name), Role.TRAINER)
    _link(
        participants[0],
        _user("deelnemer@voorbeeld.example", participants[0].full_name),
        Role.PARTICIPANT,
    )

    trajectory = trajectory_services.trajectory_start(
        by=by,
        name="Overheidsparticipatie van binnenuit 2026",
        starts_on=today - datetime.timedelta(days=200),
    )
    rounds = {Stage(r.stage): r for r in Round.objects.filter(trajectory=trajectory)}
    for person in trainers:
        trajectory_services.enrolment_add(by=by, round_=rounds[Stage.ROUND_1], person=person)
    themes = {t.code: t for t in trajectory.template.themes.all()}
    slots = Module.objects.filter(round=rounds[Stage.ROUND_2], is_theme_slot=True).order_by(
        "position"
    )
    trajectory_services.trajectory_choose_themes(
        by=by,
        trajectory=trajectory,
        choices={slot.pk: themes[code] for slot, code in zip(slots, VOORBEELD_THEMES, strict=True)},
    )
    meetings = list(Meeting.objects.filter(trajectory=trajectory).order_by("sequence"))
    preparation = [m for m in meetings if m.round_id is None]
    round_1 = [m for m in meetings if m.round_id == rounds[Stage.ROUND_1].pk]
    round_2 = [m for m in meetings if m.round_id == rounds[Stage.ROUND_2].pk]
    _plan(
        by,
        preparation,
        today - datetime.timedelta(days=190),
        14,
        ["Stadhuis, B&W-kamer", "Stadhuis, zaal 1.02"],
    )
    _plan(by, round_1, today - datetime.timedelta(days=130), 21, ROUND_1_LOCATIONS)
    _plan(by, round_2, today - datetime.timedelta(days=30), 21, ROUND_2_LOCATIONS)
    voorbeeld_offers_and_recruitment(  # round 2's colleagues come in through its call
        adviser=by,
        project_leader=actor_in(project_leader.user, voorbeeld.slug),
        trajectory=trajectory,
        round_2_colleagues=participants,
    )
    demo_meetings(by, trajectory)
    demo_profiles(voorbeeld.slug, trainers, trajectory.template, DEMO_PASSWORD)
    trajectory_services.trajectory_set_phase(by=by, trajectory=trajectory, phase=Phase.ROUND_2)
    _access(by, trainers[10], today)  # Rob van Leeuwen left after round 1
    demo_coaching(voorbeeld.slug, trajectory, actor_in(project_leader.user, voorbeeld.slug))

    # Gemeente Anderstad: a trajectory in preparation.
    anderstad = organisation_create(
        by=actor_outside(adviser),
        name="Gemeente Anderstad",
        cbs_code="GM9002",
        brand_colour="#6b2c6e",
    )
    by = actor_in(adviser, anderstad.slug)
    people = _people(by, ANDERSTAD_PEOPLE, "anderstad.example")
    for person in people[2:]:
        _report_to(by, person, people[1])
    _link(
        people[0],
        _user("projectleider@anderstad.example", people[0].full_name),
        Role.PROJECT_LEADER,
    )
    other = trajectory_services.trajectory_start(
        by=by,
        name="Train-de-trainer Anderstad",
        starts_on=today - datetime.timedelta(days=40),
    )
    intakes = list(
        Meeting.objects.filter(trajectory=other, round__isnull=True).order_by("sequence")
    )
    _plan(by, intakes, today - datetime.timedelta(days=40), 14, ["Stadskantoor, zaal De Linde"])
    # Round 1 starts within a week, and its call has fewer applications than the minimum.
    first_round = list(
        Meeting.objects.filter(trajectory=other, round__stage=Stage.ROUND_1).order_by("sequence")
    )
    _plan(by, first_round, today + datetime.timedelta(days=4), 21, ["Stadskantoor, zaal De Linde"])
    anderstad_offers_and_recruitment(
        adviser=by,
        project_leader=actor_in(people[0].user, anderstad.slug),
        trajectory=other,
    )
    demo_intake_hosts(by, other)
    demo_scans(adviser)  # Voorbeeld's closed scan with its report; Anderstad's open one

    # Gemeente Oudebrug: an earlier client, archived once its trainer pool ran on its own.
    oudebrug = organisation_create(
        by=actor_outside(adviser),
        name="Gemeente Oudebrug",
        cbs_code="GM9003",
        brand_colour="#2e6b3a",
    )
    by = actor_in(adviser, oudebrug.slug)
    _people(by, OUDEBRUG_PEOPLE, "oudebrug.example")
    finished = trajectory_services.trajectory_start(
        by=by,
        name="Train-de-trainer Oudebrug 2024",
        starts_on=today - datetime.timedelta(days=2 * 365),
    )
    trajectory_services.trajectory_set_phase(by=by, trajectory=finished, phase=Phase.POOL)
    organisation_services.organisation_archive(by=by, organisation=oudebrug)
    demo_feeds(login.email for login in LOGINS)
