from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from binnenuit.catalogue.models import (
    Competence,
    Principle,
    ProgrammeTemplate,
    SelectionCriterion,
    Step,
    Theme,
)


def template_list() -> QuerySet[ProgrammeTemplate]:
    return ProgrammeTemplate.objects.annotate(
        trajectory_count=Count("trajectories", distinct=True),
        theme_count=Count("themes", distinct=True),
        competence_count=Count("competences", distinct=True),
    ).order_by("-version")


def template_current(*, for_update: bool = False) -> ProgrammeTemplate | None:
    """The published version new trajectories start from (row-locked when asked)."""
    qs = ProgrammeTemplate.objects.filter(status=ProgrammeTemplate.Status.PUBLISHED)
    if for_update:
        qs = qs.select_for_update()
    return qs.first()


def template_draft() -> ProgrammeTemplate | None:
    return ProgrammeTemplate.objects.filter(status=ProgrammeTemplate.Status.DRAFT).first()


def template_steps(*, template: ProgrammeTemplate) -> QuerySet[Step]:
    return template.steps.all()


def template_themes(*, template: ProgrammeTemplate) -> QuerySet[Theme]:
    return template.themes.prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("position"))
    )


def template_framework(*, template: ProgrammeTemplate) -> QuerySet[Principle]:
    """The version's principles, each with its competences and the themes that train them."""
    competences = Competence.objects.order_by("position").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position"))
    )
    return template.principles.prefetch_related(Prefetch("competences", queryset=competences))


def template_principles(*, template: ProgrammeTemplate) -> QuerySet[Principle]:
    return template.principles.all()


def template_competences(*, template: ProgrammeTemplate) -> QuerySet[Competence]:
    return template.competences.select_related("principle")


def competence_code_taken(
    *, template: ProgrammeTemplate, code: str, exclude: Competence | None
) -> bool:
    qs = Competence.objects.filter(template=template, code=code)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


def template_criteria(*, template: ProgrammeTemplate) -> QuerySet[SelectionCriterion]:
    return template.criteria.all()


def round_criteria(*, template_id: int, stage: str) -> QuerySet[SelectionCriterion]:
    """The selection criteria a version sets for a round's stage, in order."""
    return SelectionCriterion.objects.filter(template_id=template_id, stage=stage).order_by(
        "position"
    )


def theme_code_taken(*, template: ProgrammeTemplate, code: str, exclude: Theme | None) -> bool:
    qs = Theme.objects.filter(template=template, code=code)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()
