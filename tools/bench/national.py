"""The national data set: the programme at every municipality, for `./dev bench --national`.

`build_national(scale)` adds to the demo (``seed_demo``), with bulk inserts only, until the
database holds ``scale.organisations`` organisations, ``scale.employees`` employees and
``scale.trajectories`` trajectories in all, the demo's included:

- the demo organisation Voorbeeld grows to ``scale.largest`` employees and stays the largest,
  so that the demo logins see the large case on /o/voorbeeld/; its trajectory stays the
  demo's one;
- the new organisations (unique CBS codes and slugs) share the other employees, a few very
  large and many small, as municipalities do; each has at least enough employees to fill both
  rounds of a trajectory with different people;
- the demo adviser advises every organisation;
- the new trajectories go to the new organisations, more to the larger ones; each gets what
  ``trajectories.services.trajectory_start`` makes from the published programme version —
  preparation meetings, round 1 and round 2 with their modules and module meetings — dated
  from its start date, with its phase following from those dates, round 2's themes chosen once
  round 1 has begun, and 10 to 14 different employees enrolled in each round.

The same seed gives the same data. ``scale`` is a parameter so that a test can run the same
code on a tiny data set (``tests/test_bench_tools.py``).
"""

from __future__ import annotations

import datetime
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import batched

from django.db import connection, models, transaction
from django.db.models import Count, Max
from django.utils import timezone

from binnenuit.accounts.models import User
from binnenuit.catalogue.models import ProgrammeTemplate, Stage, Step, StepKind, Theme
from binnenuit.catalogue.selectors import template_current
from binnenuit.demo.builder import ADVISER_EMAIL
from binnenuit.organisations.models import (
    FunctionCategory,
    Location,
    Membership,
    Organisation,
    Person,
    Role,
)
from binnenuit.trajectories.models import (
    Enrolment,
    Meeting,
    MeetingKind,
    Module,
    PartOfDay,
    Phase,
    Round,
    Trajectory,
)

DEMO_ORGANISATION = "voorbeeld"  # the demo organisation that becomes the largest


@dataclass(frozen=True)
class Scale:
    """How big the data set is in all, the demo's rows included."""

    organisations: int = 342
    employees: int = 170_000
    largest: int = 15_000  # employees of the largest organisation, the demo's Voorbeeld
    trajectories: int = 700
    enrolments: tuple[int, int] = (10, 14)  # per round, from and to
    batch_size: int = 5_000


NATIONAL = Scale()


class NationalError(Exception):
    """The data set cannot be built on this database at this scale; the message says why."""


# --- Made-up but plausible Dutch names ------------------------------------------------------

PLACE_STARTS = [
    "Aalde", "Bever", "Bloem", "Boven", "Brede", "Dalf", "Eem", "Esch", "Gelder", "Haren",
    "Heide", "Hoog", "Kort", "Lange", "Leer", "Linde", "Maar", "Middel", "Nieuw", "Noord",
    "Olde", "Oost", "Oud", "Ravens", "Schoon", "Sint-Ger", "Steen", "Vals", "Veen", "Wester",
    "Wijde", "Zuid",
]  # fmt: skip
PLACE_ENDS = [
    "berg", "bosch", "broek", "dam", "dijk", "dorp", "drecht", "haven", "hoven", "horst",
    "huizen", "kerk", "land", "loo", "meer", "recht", "sloot", "veen", "voort", "waarde",
    "wijk", "woude", "zijl",
]  # fmt: skip
FIRST_NAMES = [
    "Jan", "Janneke", "Jantine", "Jannes", "Anna", "Bram", "Daan", "Emma", "Eva", "Fleur",
    "Hanneke", "Hugo", "Iris", "Jesse", "Joris", "Julia", "Kevin", "Lars", "Lieke", "Lisa",
    "Luuk", "Maria", "Mark", "Milan", "Mohamed", "Noor", "Olga", "Pieter", "Rachid", "Rik",
    "Roos", "Sanne", "Sem", "Sophie", "Thijs", "Tim", "Vera", "Wouter", "Yara", "Zeynep",
    "Ahmet", "Priya", "Dewi", "Kofi", "Marloes", "Gert-Jan", "Anke", "Henk", "Ingrid", "Tessa",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "Yilmaz",
    "El Amrani", "Ramdin", "Kaya", "Nguyen", "Öztürk", "Pranoto", "Mensah", "Wijaya",
]  # fmt: skip
DEPARTMENTS = {
    "Publiekszaken": ["KCC", "Burgerzaken", "Vergunningen"],
    "Samenleving": ["Wijkregie", "Jeugd en Onderwijs", "Zorg en Welzijn", "Werk en Inkomen"],
    "Openbare Ruimte": ["Wijkbeheer", "Toezicht en Handhaving", "Groen", "Projecten"],
    "Ruimtelijke Ontwikkeling": ["Ruimtelijke Plannen", "Wonen", "Mobiliteit", "Duurzaamheid"],
    "Bedrijfsvoering": ["HR en Organisatie", "Communicatie", "Financiën", "Juridische Zaken"],
}
JOBS = [
    ("Medewerker KCC", FunctionCategory.FRONT_OFFICE),
    ("Baliemedewerker burgerzaken", FunctionCategory.FRONT_OFFICE),
    ("Consulent werk en inkomen", FunctionCategory.FRONT_OFFICE),
    ("Medewerker buitendienst", FunctionCategory.FIELD_SERVICE),
    ("Toezichthouder", FunctionCategory.FIELD_SERVICE),
    ("Wijkbeheerder", FunctionCategory.FIELD_SERVICE),
    ("Beleidsmedewerker", FunctionCategory.POLICY),
    ("Beleidsadviseur", FunctionCategory.POLICY),
    ("Adviseur participatie", FunctionCategory.POLICY),
    ("Projectleider", FunctionCategory.PROJECT_LEADER),
    ("Wijkregisseur", FunctionCategory.PROJECT_LEADER),
    ("Jurist", FunctionCategory.OTHER),
    ("Administratief medewerker", FunctionCategory.OTHER),
]
# Dark enough for white text (the organisation form checks the contrast).
BRAND_COLOURS = ["#1a5e8c", "#6b2c6e", "#00605a", "#8a1c1c", "#3d4f14", "#24407a", ""]
LOCATIONS = [
    "Stadhuis, raadzaal",
    "Gemeentehuis, zaal 1.04",
    "Wijkcentrum De Brug",
    "Bibliotheek",
    "Buurthuis Het Trefpunt",
    "Dorpshuis",
]

# A preparation step becomes a meeting of this kind (as trajectories.services does).
PREPARATION_KINDS = {
    StepKind.THEME_SESSION: MeetingKind.THEME_SESSION,
    StepKind.INTAKE: MeetingKind.INTAKE,
}
EMPLOYEES_PER_MANAGER = 40


# --- Planning: what to add ------------------------------------------------------------------


@dataclass
class Plan:
    template: ProgrammeTemplate
    adviser: User
    largest: Organisation
    largest_extra: int  # employees to add to the largest (the demo's Voorbeeld)
    sizes: list[int]  # employees of each new organisation, largest first
    trajectories: int  # to add, all at new organisations


def _plan(scale: Scale) -> Plan:
    template = template_current()
    if template is None:
        raise NationalError("There is no published programme version (the migrations make one).")
    adviser = User.objects.filter(email=ADVISER_EMAIL).first()
    largest = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    if adviser is None or largest is None:
        raise NationalError("Load the demo first (manage.py seed_demo): the data set grows it.")
    heads = Counter(
        dict(Person.objects.values_list("organisation").annotate(n=Count("pk")).order_by())
    )
    existing_orgs = Organisation.objects.count()
    others = [n for org, n in heads.items() if org != largest.pk]
    new_orgs = scale.organisations - existing_orgs
    largest_extra = scale.largest - heads[largest.pk]
    new_people = scale.employees - sum(heads.values()) - largest_extra
    new_trajectories = scale.trajectories - Trajectory.objects.count()
    floor = 2 * scale.enrolments[1]  # both rounds of a trajectory, different people
    problems = []
    if new_orgs < 0:
        problems.append(f"the database already has {existing_orgs} organisations")
    if largest_extra < 0 or max(others, default=0) >= scale.largest:
        problems.append(f"an organisation already has more than {scale.largest} employees")
    if new_trajectories < 0:
        problems.append("the database already has more trajectories")
    if new_people < 0 or new_people < floor * max(new_orgs, 0):
        problems.append(
            f"{scale.employees} employees are too few for {scale.organisations} organisations "
            f"(each new one needs {floor})"
        )
    if new_orgs > 0 and new_people > (scale.largest - 1) * new_orgs:
        problems.append(f"{scale.employees} employees do not fit below the largest organisation")
    if new_orgs <= 0 and (new_people > 0 or new_trajectories > 0):
        problems.append("new employees and trajectories need new organisations")
    if not scale.enrolments[0] <= scale.enrolments[1] <= 14:  # the rounds' default maximum
        problems.append("enrolments per round must be from <= to <= 14")
    if problems:
        raise NationalError("Cannot build this data set: " + "; ".join(problems) + ".")
    return Plan(
        template=template,
        adviser=adviser,
        largest=largest,
        largest_extra=largest_extra,
        sizes=head_counts(new_orgs, new_people, cap=scale.largest - 1, floor=floor),
        trajectories=new_trajectories,
    )


def _shares(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers (largest remainders)."""
    if not weights:
        return []
    exact = [total * w / sum(weights) for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: shares[i] - exact[i])
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def head_counts(count: int, total: int, *, cap: int, floor: int) -> list[int]:
    """Head counts of `count` organisations adding up to `total`, each in [floor, cap].

    Above the floor they fall off as 1/2, 1/3, 1/4 … (Zipf), the way the municipalities'
    populations do: a few cities, many villages.
    """
    sizes = [
        floor + share
        for share in _shares(total - floor * count, [1 / (i + 2) for i in range(count)])
    ]
    excess = sum(max(0, size - cap) for size in sizes)
    sizes = [min(size, cap) for size in sizes]
    for i in range(count):  # what the cap cut off goes to the next ones down
        room = min(excess, cap - sizes[i])
        sizes[i] += room
        excess -= room
    return sizes


# --- Inserting ------------------------------------------------------------------------------


def _insert[M: models.Model](model: type[M], rows: Iterable[M], batch_size: int) -> list[M]:
    """Bulk-insert rows in batches, without holding more than a batch of unsaved rows."""
    saved: list[M] = []
    for batch in batched(rows, batch_size):
        saved.extend(model._default_manager.bulk_create(batch, batch_size=batch_size))
    if any(row.pk is None for row in saved[:1]):
        raise NationalError(f"{connection.vendor} returned no keys for bulk-inserted rows")
    return saved


def _organisations(plan: Plan, rng: random.Random, batch_size: int) -> list[Organisation]:
    count = len(plan.sizes)
    taken_codes = set(Organisation.objects.values_list("cbs_code", flat=True))
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    codes = (f"GM{n:04d}" for n in range(1, 10_000) if f"GM{n:04d}" not in taken_codes)
    places = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    rng.shuffle(places)
    names: list[str] = []
    suffix = 1
    while len(names) < count:
        for place in places:
            name = place if suffix == 1 else f"{place} {suffix}"
            slug = name.lower().replace(" ", "-")
            if slug not in taken_slugs and len(names) < count:
                names.append(name)
                taken_slugs.add(slug)
        suffix += 1
    rows = []
    for name in names:
        code = next(codes, None)
        if code is None:
            raise NationalError("No CBS codes left (GM0001 to GM9999).")
        rows.append(
            Organisation(
                name=f"Gemeente {name}",
                slug=name.lower().replace(" ", "-"),
                cbs_code=code,
                brand_colour=rng.choice(BRAND_COLOURS),
            )
        )
    return _insert(Organisation, rows, batch_size)


def _advise_all(adviser: User, batch_size: int) -> None:
    advised = Membership.objects.filter(user=adviser).values("organisation")
    _insert(
        Membership,
        (
            Membership(organisation=organisation, user=adviser, role=Role.ADVISER)
            for organisation in Organisation.objects.exclude(pk__in=advised)
        ),
        batch_size,
    )


def _email_name(name: str) -> str:
    plain = name.lower().replace("ö", "o").replace("ü", "u").replace("ë", "e")
    return "".join(c for c in plain.replace(" ", ".") if c.isalnum() or c in ".-")


def _people(
    headcounts: list[tuple[Organisation, int]], rng: random.Random, batch_size: int
) -> dict[int, list[int]]:
    """Add employees, a manager per 40 reporting to nobody and the others to a manager.

    Returns the new employees' keys by organisation.
    """
    serial = iter(range(1, 10**9))
    departments = list(DEPARTMENTS)

    def person(org: Organisation, *, manager_id: int | None, manages: bool) -> Person:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        name = f"{first} {last}"
        department = rng.choice(departments)
        team = rng.choice(DEPARTMENTS[department])
        if manages:
            title, category = f"Teamleider {team}", FunctionCategory.MANAGEMENT
        else:
            title, category = rng.choice(JOBS)
        return Person(
            organisation=org,
            full_name=name,
            email=f"{_email_name(name)}.{next(serial)}@{org.slug}.example",
            job_title=title,
            function_category=category,
            department=department,
            team=team,
            line_manager_id=manager_id,
        )

    def managers() -> Iterator[Person]:
        for org, count in headcounts:
            for _ in range(max(1, count // EMPLOYEES_PER_MANAGER) if count else 0):
                yield person(org, manager_id=None, manages=True)

    added: dict[int, list[int]] = defaultdict(list)
    managers_of: dict[int, list[int]] = defaultdict(list)
    for manager in _insert(Person, managers(), batch_size):
        managers_of[manager.organisation_id].append(manager.pk)
        added[manager.organisation_id].append(manager.pk)

    def staff() -> Iterator[Person]:
        for org, count in headcounts:
            bosses = managers_of[org.pk]
            for _ in range(count - len(bosses)):
                yield person(org, manager_id=rng.choice(bosses), manages=False)

    for employee in _insert(Person, staff(), batch_size):
        added[employee.organisation_id].append(employee.pk)
    return added


@dataclass
class _Schedule:
    """One trajectory's meeting dates, from its start date: preparation, round 1, round 2."""

    preparation: list[datetime.date]
    round_1: list[datetime.date]
    round_2: list[datetime.date]

    @classmethod
    def from_start(cls, starts_on: datetime.date, steps: dict[Stage, list[Step]]) -> _Schedule:
        def every(first: datetime.date, days: int, count: int) -> list[datetime.date]:
            return [_weekday(first + datetime.timedelta(days=days * i)) for i in range(count)]

        preparation = every(starts_on, 14, len(steps[Stage.PREPARATION]))
        round_1 = every(
            preparation[-1] + datetime.timedelta(days=28), 21, len(steps[Stage.ROUND_1])
        )
        round_2 = every(round_1[-1] + datetime.timedelta(days=42), 21, len(steps[Stage.ROUND_2]))
        return cls(preparation, round_1, round_2)

    def phase(self, today: datetime.date) -> Phase:
        if today < self.preparation[0] - datetime.timedelta(days=90):
            return Phase.OFFER
        if today < self.round_1[0]:
            return Phase.PREPARATION
        if today < self.round_2[0]:
            return Phase.ROUND_1
        if today <= self.round_2[-1] + datetime.timedelta(days=30):
            return Phase.ROUND_2
        return Phase.POOL


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _trajectories(
    plan: Plan,
    organisations: list[Organisation],
    people: dict[int, list[int]],
    scale: Scale,
    rng: random.Random,
) -> None:
    """The new trajectories, as `trajectory_start` makes them, dated and enrolled, in bulk."""
    today = timezone.localdate()
    steps: dict[Stage, list[Step]] = {stage: [] for stage in Stage}
    for step in plan.template.steps.order_by("stage", "position"):
        steps[Stage(step.stage)].append(step)
    if not all(steps.values()):
        raise NationalError(f"{plan.template} lacks preparation, round 1 or round 2 steps.")
    themes = list(Theme.objects.filter(template=plan.template))
    slots = sum(step.kind == StepKind.THEME_SLOT for step in steps[Stage.ROUND_2])

    # More trajectories at larger organisations: one each, the rest by the root of the size.
    count = len(organisations)
    base = [1] * count if plan.trajectories >= count else [1] * plan.trajectories
    base += [0] * (count - len(base))
    extra = _shares(plan.trajectories - sum(base), [math.sqrt(s) for s in plan.sizes])
    trajectories: list[Trajectory] = []
    schedules: list[_Schedule] = []
    for org, n in zip(
        organisations, (b + e for b, e in zip(base, extra, strict=True)), strict=True
    ):
        for k in range(1, n + 1):
            starts_on = _weekday(today + datetime.timedelta(days=rng.randint(-1100, 200)))
            schedule = _Schedule.from_start(starts_on, steps)
            group = f", groep {k}" if n > 1 else ""
            trajectories.append(
                Trajectory(
                    organisation=org,
                    template=plan.template,
                    name=f"Overheidsparticipatie van binnenuit {starts_on.year}{group}",
                    phase=schedule.phase(today),
                    starts_on=starts_on,
                )
            )
            schedules.append(schedule)
    trajectories = _insert(Trajectory, trajectories, scale.batch_size)

    rounds = _insert(
        Round,
        (
            Round(organisation_id=t.organisation_id, trajectory=t, stage=stage)
            for t in trajectories
            for stage in (Stage.ROUND_1, Stage.ROUND_2)
        ),
        scale.batch_size,
    )
    rounds_of = {(r.trajectory_id, Stage(r.stage)): r for r in rounds}

    # Round 2's themes are chosen once round 1 has begun.
    chosen: dict[int, list[Theme]] = {
        t.pk: rng.sample(themes, slots)
        for t in trajectories
        if t.phase in (Phase.ROUND_1, Phase.ROUND_2, Phase.POOL) and len(themes) >= slots
    }

    def modules() -> Iterator[Module]:
        for t in trajectories:
            picks = iter(chosen.get(t.pk, []))
            for stage in (Stage.ROUND_1, Stage.ROUND_2):
                for step in steps[stage]:
                    slot = step.kind == StepKind.THEME_SLOT
                    yield Module(
                        organisation_id=t.organisation_id,
                        round=rounds_of[t.pk, stage],
                        position=step.position,
                        title=step.title,
                        description=step.description,
                        is_theme_slot=slot,
                        theme=next(picks, None) if slot else None,
                    )

    saved_modules = _insert(Module, modules(), scale.batch_size)
    module_of = {(m.round_id, m.position): m for m in saved_modules}

    # Each organisation's own list of places, as the planners pick from it.
    places = _insert(
        Location,
        (Location(organisation=org, name=name) for org in organisations for name in LOCATIONS),
        scale.batch_size,
    )
    places_of: dict[int, list[Location]] = defaultdict(list)
    for place in places:
        places_of[place.organisation_id].append(place)

    def meetings() -> Iterator[Meeting]:
        for t, schedule in zip(trajectories, schedules, strict=True):
            sequence = 0
            dated = (schedule.preparation, schedule.round_1, schedule.round_2)
            for stage, dates in zip(Stage, dated, strict=True):
                round_ = rounds_of.get((t.pk, stage))
                for i, (step, date) in enumerate(zip(steps[stage], dates, strict=True)):
                    sequence += 1
                    module = module_of[round_.pk, step.position] if round_ else None
                    yield Meeting(
                        organisation_id=t.organisation_id,
                        trajectory=t,
                        round=round_,
                        module=module,
                        kind=(
                            MeetingKind.MODULE if module else PREPARATION_KINDS[StepKind(step.kind)]
                        ),
                        title=module.display_title if module else step.title,
                        date=date,
                        part_of_day=PartOfDay.AFTERNOON if i % 2 else PartOfDay.MORNING,
                        location=rng.choice(places_of[t.organisation_id]),
                        sequence=sequence,
                    )

    _insert(Meeting, meetings(), scale.batch_size)

    def enrolments() -> Iterator[Enrolment]:
        low, high = scale.enrolments
        for t in trajectories:
            staff = people[t.organisation_id]
            wanted = [rng.randint(low, high), rng.randint(low, high)]
            if sum(wanted) > len(staff):
                wanted = [len(staff) // 2, len(staff) // 2]
            chosen_people = iter(rng.sample(staff, sum(wanted)))
            for stage, n in zip((Stage.ROUND_1, Stage.ROUND_2), wanted, strict=True):
                for _ in range(n):
                    yield Enrolment(
                        organisation_id=t.organisation_id,
                        round=rounds_of[t.pk, stage],
                        person_id=next(chosen_people),
                        status=Enrolment.Status.ENROLLED,
                    )

    _insert(Enrolment, enrolments(), scale.batch_size)


# --- The whole ------------------------------------------------------------------------------

TOUCHED_TABLES = [
    model._meta.db_table
    for model in (Organisation, Membership, Person, Trajectory, Round, Module, Meeting, Enrolment)
]


def counts() -> dict[str, int]:
    """What the database holds now, as `build_national` reports it."""
    heads = Person.objects.values("organisation").annotate(n=Count("pk")).order_by()
    adviser = User.objects.filter(email=ADVISER_EMAIL).first()
    return {
        "organisations": Organisation.objects.count(),
        "employees": Person.objects.count(),
        "largest_organisation": heads.aggregate(largest=Max("n"))["largest"] or 0,
        "adviser_organisations": Membership.objects.filter(user=adviser, role=Role.ADVISER).count(),
        "trajectories": Trajectory.objects.count(),
        "rounds": Round.objects.count(),
        "modules": Module.objects.count(),
        "meetings": Meeting.objects.count(),
        "enrolments": Enrolment.objects.count(),
    }


def build_national(
    scale: Scale = NATIONAL, *, seed: int = 2026, log: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Grow the demo into the data set of `scale`, in one transaction; returns `counts()`."""
    say = log or (lambda message: None)
    rng = random.Random(seed)  # noqa: S311 (made-up data, repeatable; no secrets)
    began = time.perf_counter()

    def step(message: str) -> None:
        say(f"{time.perf_counter() - began:6.1f} s  {message}")

    with transaction.atomic():
        plan = _plan(scale)
        step(f"{len(plan.sizes)} organisations")
        organisations = _organisations(plan, rng, scale.batch_size)
        _advise_all(plan.adviser, scale.batch_size)
        step(f"{plan.largest_extra + sum(plan.sizes)} employees")
        headcounts = [
            (plan.largest, plan.largest_extra),
            *zip(organisations, plan.sizes, strict=True),
        ]
        people = _people(headcounts, rng, scale.batch_size)
        step(f"{plan.trajectories} trajectories with their rounds, modules, meetings, enrolments")
        _trajectories(plan, organisations, people, scale, rng)
        step("committing")
    if connection.vendor == "postgresql":
        # What autovacuum would do soon after (and otherwise do while the benchmark measures):
        # planner statistics and, outside a transaction, the visibility map.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        step(command)
        with connection.cursor() as cursor:
            for table in TOUCHED_TABLES:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
    result = counts()
    step("done")
    return result
