from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.catalogue import framework_v1, programme_v1
from binnenuit.catalogue.models import (
    Competence,
    Principle,
    ProgrammeTemplate,
    SelectionCriterion,
    Step,
    Theme,
)
from binnenuit.catalogue.selectors import (
    competence_code_taken,
    template_current,
    template_draft,
    theme_code_taken,
)
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import save_or_refuse, validate


def catalogue_seed() -> ProgrammeTemplate:
    """Version 1 of the programme, as the data migration made it (for a flushed database)."""
    template: ProgrammeTemplate = programme_v1.seed(
        template_model=ProgrammeTemplate, step_model=Step, theme_model=Theme
    )
    programme_v1.seed_criteria(template_model=ProgrammeTemplate, criterion_model=SelectionCriterion)
    framework_v1.seed(
        template=template,
        principle_model=Principle,
        competence_model=Competence,
        theme_model=Theme,
    )
    return template


# The framework's size the issue asks for: enough to describe the work, few enough to train.
COMPETENCES_MIN, COMPETENCES_MAX = 10, 16


def _require_draft(template: ProgrammeTemplate) -> None:
    """Refuse unless the version is a draft, read under a row lock (publishing waits for us)."""
    template.status = (
        ProgrammeTemplate.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=template.pk)
    )
    if not template.is_editable:
        raise ServiceError(
            _("Only a draft version can be changed. Start a new version to make changes.")
        )


@transaction.atomic
def template_draft_create(*, by: Actor, notes: str = "") -> ProgrammeTemplate:
    """A new draft version copied from the published one; trajectories keep their own version.

    There is at most one draft: a second request at the same moment is refused, not doubled.
    """
    require(by, "catalogue.edit")
    already = _("There already is a draft version. Publish or change that one.")
    source = template_current(for_update=True)  # concurrent requests queue here
    if template_draft() is not None:
        raise ServiceError(already)
    if source is None:
        raise ServiceError(_("There is no published version to start from."))
    next_version = (ProgrammeTemplate.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    draft = ProgrammeTemplate(
        version=next_version, name=source.name, notes=notes, status=ProgrammeTemplate.Status.DRAFT
    )
    validate(draft, exclude=["version", "status"])
    save_or_refuse(draft, field=None, message=already)
    Step.objects.bulk_create(
        Step(
            template=draft,
            stage=s.stage,
            kind=s.kind,
            position=s.position,
            title=s.title,
            description=s.description,
        )
        for s in source.steps.all()
    )
    themes = Theme.objects.bulk_create(
        Theme(
            template=draft,
            code=t.code,
            name=t.name,
            description=t.description,
            position=t.position,
        )
        for t in source.themes.all()
    )
    _copy_framework(source, draft, {t.code: t for t in themes})
    SelectionCriterion.objects.bulk_create(
        SelectionCriterion(
            template=draft,
            stage=c.stage,
            position=c.position,
            name=c.name,
            description=c.description,
        )
        for c in source.criteria.all()
    )
    return draft


def _copy_framework(
    source: ProgrammeTemplate, draft: ProgrammeTemplate, themes: dict[str, Theme]
) -> None:
    """The source's principles and competences for the draft, with the themes' links."""
    principles = {
        p.code: p
        for p in Principle.objects.bulk_create(
            Principle(
                template=draft,
                code=p.code,
                name=p.name,
                description=p.description,
                position=p.position,
            )
            for p in source.principles.all()
        )
    }
    old = list(source.competences.select_related("principle"))
    new = Competence.objects.bulk_create(
        Competence(
            template=draft,
            principle=principles[c.principle.code],
            code=c.code,
            name=c.name,
            description=c.description,
            indicators=c.indicators,
            position=c.position,
        )
        for c in old
    )
    by_old_pk = {o.pk: n for o, n in zip(old, new, strict=True)}
    links = Theme.competences.through.objects.filter(theme__template=source).select_related("theme")
    Theme.competences.through.objects.bulk_create(
        Theme.competences.through(
            theme=themes[link.theme.code], competence=by_old_pk[link.competence_id]
        )
        for link in links
    )


@transaction.atomic
def template_publish(*, by: Actor, template: ProgrammeTemplate) -> ProgrammeTemplate:
    require(by, "catalogue.edit", template)
    _require_draft(template)
    if not template.themes.exists():
        raise ServiceError(_("A version needs at least one theme before it can be published."))
    count = template.competences.count()
    if not COMPETENCES_MIN <= count <= COMPETENCES_MAX:
        raise ServiceError(
            _(
                "A version needs %(low)s to %(high)s competences before it can be published; "
                "this one has %(count)s."
            )
            % {"low": COMPETENCES_MIN, "high": COMPETENCES_MAX, "count": count}
        )
    untrained = template.themes.filter(competences__isnull=True).values_list("name", flat=True)
    if untrained:
        raise ServiceError(
            _("Every theme needs at least one competence it trains. Missing for: %(names)s.")
            % {"names": ", ".join(untrained)}
        )
    ProgrammeTemplate.objects.filter(status=ProgrammeTemplate.Status.PUBLISHED).update(
        status=ProgrammeTemplate.Status.RETIRED
    )
    template.status = ProgrammeTemplate.Status.PUBLISHED
    template.published_at = timezone.now()
    template.save(update_fields=["status", "published_at"])
    return template


@transaction.atomic
def step_update(*, by: Actor, step: Step, title: str, description: str) -> Step:
    require(by, "catalogue.edit", step.template)
    _require_draft(step.template)
    step.title, step.description = title, description
    validate(step)
    step.save(update_fields=["title", "description"])
    return step


def _check_theme_code(theme: Theme) -> str:
    """The message for a code the version already has; refused beside the code field."""
    message = _("This version already has a theme with this code.")
    if theme_code_taken(template=theme.template, code=theme.code, exclude=theme):
        raise ServiceError(fields={"code": message})
    return message


@transaction.atomic
def theme_create(
    *,
    by: Actor,
    template: ProgrammeTemplate,
    code: str,
    name: str,
    description: str,
    competences: Iterable[Competence] = (),
) -> Theme:
    require(by, "catalogue.edit", template)
    _require_draft(template)
    position = (template.themes.aggregate(p=Max("position"))["p"] or 0) + 1
    theme = Theme(
        template=template, position=position, code=code, name=name, description=description
    )
    taken = _check_theme_code(theme)
    validate(theme)
    save_or_refuse(theme, field="code", message=taken)
    theme.competences.set(_own_competences(template, competences))
    return theme


@transaction.atomic
def theme_update(
    *,
    by: Actor,
    theme: Theme,
    code: str,
    name: str,
    description: str,
    competences: Iterable[Competence] | None = None,
) -> Theme:
    require(by, "catalogue.edit", theme.template)
    _require_draft(theme.template)
    theme.code, theme.name, theme.description = code, name, description
    taken = _check_theme_code(theme)
    validate(theme)
    save_or_refuse(
        theme, field="code", message=taken, update_fields=["code", "name", "description"]
    )
    if competences is not None:
        theme.competences.set(_own_competences(theme.template, competences))
    return theme


def _own_competences(
    template: ProgrammeTemplate, competences: Iterable[Competence]
) -> list[Competence]:
    """The competences, refused beside the field when one is of another version."""
    chosen = list(competences)
    if any(c.template_id != template.pk for c in chosen):
        raise ServiceError(
            fields={"competences": _("Choose competences of this version of the programme.")}
        )
    return chosen


@transaction.atomic
def criterion_update(
    *, by: Actor, criterion: SelectionCriterion, name: str, description: str
) -> SelectionCriterion:
    """Reword a selection criterion of a draft version (calls already open keep their copy)."""
    require(by, "catalogue.edit", criterion.template)
    _require_draft(criterion.template)
    criterion.name, criterion.description = name, description
    validate(criterion)
    criterion.save(update_fields=["name", "description"])
    return criterion


def _check_competence(competence: Competence) -> str:
    message = _("This version already has a competence with this code.")
    if competence_code_taken(
        template=competence.template, code=competence.code, exclude=competence
    ):
        raise ServiceError(fields={"code": message})
    if competence.principle.template_id != competence.template.pk:
        raise ServiceError(
            fields={"principle": _("Choose a principle of this version of the programme.")}
        )
    return message


@transaction.atomic
def competence_create(
    *,
    by: Actor,
    template: ProgrammeTemplate,
    principle: Principle,
    code: str,
    name: str,
    description: str,
    indicators: str,
) -> Competence:
    """A new competence at the end of a draft version's framework."""
    require(by, "catalogue.edit", template)
    _require_draft(template)
    if template.competences.count() >= COMPETENCES_MAX:
        raise ServiceError(
            _("A framework has at most %(high)s competences. Change one instead.")
            % {"high": COMPETENCES_MAX}
        )
    position = (template.competences.aggregate(p=Max("position"))["p"] or 0) + 1
    competence = Competence(
        template=template,
        principle=principle,
        position=position,
        code=code,
        name=name,
        description=description,
        indicators=indicators,
    )
    taken = _check_competence(competence)
    validate(competence)
    save_or_refuse(competence, field="code", message=taken)
    return competence


@transaction.atomic
def competence_update(
    *,
    by: Actor,
    competence: Competence,
    principle: Principle,
    code: str,
    name: str,
    description: str,
    indicators: str,
) -> Competence:
    """Reword a competence of a draft version (published versions stay as they were)."""
    require(by, "catalogue.edit", competence.template)
    _require_draft(competence.template)
    competence.principle = principle
    competence.code, competence.name = code, name
    competence.description, competence.indicators = description, indicators
    taken = _check_competence(competence)
    validate(competence)
    save_or_refuse(
        competence,
        field="code",
        message=taken,
        update_fields=["principle", "code", "name", "description", "indicators"],
    )
    return competence
