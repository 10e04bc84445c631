"""Reading X-factor profiles: the gallery, one story, the choices of strengths, the roll-up."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from binnenuit.catalogue.models import Competence, ProgrammeTemplate, Stage
from binnenuit.catalogue.selectors import template_current
from binnenuit.core.access import Actor, fetch
from binnenuit.organisations.models import Organisation, Person
from binnenuit.profiles.models import Profile
from binnenuit.scan.selectors import organisation_gaps
from binnenuit.trajectories.models import Enrolment, Trajectory


def profile_gallery(actor: Actor) -> QuerySet[Profile]:
    return (
        Profile.objects.visible_to(actor)
        .select_related("person")
        .prefetch_related(Prefetch("strengths", queryset=Competence.objects.order_by("position")))
        .order_by("person__full_name", "pk")
    )


def profile_for(actor: Actor, pk: int, action: str = "xfactor.view") -> Profile:
    """One profile of the actor's organisation (404 for a foreign one), checked for ``action``."""
    queryset = Profile.objects.select_related("person", "organisation").prefetch_related(
        Prefetch("strengths", queryset=Competence.objects.order_by("position"))
    )
    return fetch(queryset, actor, action, pk=pk)


def own_person(actor: Actor) -> Person | None:
    person: Person | None = actor.fact("organisations.person")
    return person


def profile_of(person: Person) -> Profile | None:
    return (
        Profile.objects.filter(person=person)
        .prefetch_related(Prefetch("strengths", queryset=Competence.objects.order_by("position")))
        .first()
    )


def framework_for(person: Person) -> ProgrammeTemplate | None:
    """The programme version of the person's latest round 1: its framework names the strengths."""
    enrolment = (
        Enrolment.objects.filter(
            person=person, round__stage=Stage.ROUND_1, status=Enrolment.Status.ENROLLED
        )
        .select_related("round__trajectory__template")
        .order_by("-round__trajectory__starts_on", "-pk")
        .first()
    )
    return enrolment.round.trajectory.template if enrolment else None


def strength_choices(person: Person) -> QuerySet[Competence]:
    template = framework_for(person)
    if template is None:
        return Competence.objects.none()
    return Competence.objects.filter(template=template).select_related("principle")


def shared_profile(token: str) -> Profile | None:
    """The profile its trainer shares beyond the organisation under this key, or None."""
    if not token:
        return None
    return (
        Profile.objects.filter(share_token=token, shared_at__isnull=False)
        .select_related("person", "organisation")
        .prefetch_related(Prefetch("strengths", queryset=Competence.objects.order_by("position")))
        .first()
    )


@dataclass(frozen=True)
class Strength:
    """A competence of the framework with the organisation's trainers who are strong in it."""

    competence: Competence
    count: int
    trainers: list[Person]
    gap: float | None = None  # importance − strength in the latest closed scan
    scanned: bool = False  # the organisation has a closed scan to show gaps from


def organisation_template(organisation: Organisation) -> ProgrammeTemplate | None:
    """The version of the organisation's latest trajectory, or the published one."""
    latest = (
        Trajectory.objects.filter(organisation=organisation)
        .select_related("template")
        .order_by("-starts_on", "-pk")
        .first()
    )
    return latest.template if latest else template_current()


def organisation_strengths(actor: Actor) -> tuple[ProgrammeTemplate | None, list[Strength]]:
    """Per competence, how many of the organisation's trainers name it as a strength (and who):
    most first, then in the framework's order. Uncovered competences have 0. Next to it the
    gap from the organisation's latest closed scan, where there is one."""
    organisation = actor.organisation
    template = organisation_template(organisation)
    if template is None:
        return None, []
    mine = Q(profiles__organisation=organisation)
    profiles = Profile.objects.filter(organisation=organisation).select_related("person")
    competences = (
        Competence.objects.filter(template=template)
        .select_related("principle")
        .annotate(count=Count("profiles", filter=mine, distinct=True))
        .prefetch_related(Prefetch("profiles", queryset=profiles, to_attr="own_profiles"))
        .order_by("-count", "position")
    )
    gaps = organisation_gaps(organisation)
    return template, [
        Strength(
            c,
            c.count,
            [p.person for p in c.own_profiles],
            gap=(gaps or {}).get(c.pk),
            scanned=gaps is not None,
        )
        for c in competences
    ]
