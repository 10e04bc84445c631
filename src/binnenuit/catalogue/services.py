from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.catalogue import programme_v1
from binnenuit.catalogue.models import ProgrammeTemplate, SelectionCriterion, Step, Theme
from binnenuit.catalogue.selectors import template_current, template_draft, theme_code_taken
from binnenuit.core.access import Actor, require
from binnenuit.core.exceptions import ServiceError
from binnenuit.core.services import save_or_refuse, validate


def catalogue_seed() -> ProgrammeTemplate:
    """Version 1 of the programme, as the data migration made it (for a flushed database)."""
    template: ProgrammeTemplate = programme_v1.seed(
        template_model=ProgrammeTemplate, step_model=Step, theme_model=Theme
    )
    programme_v1.seed_criteria(template_model=ProgrammeTemplate, criterion_model=SelectionCriterion)
    return template


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
    Theme.objects.bulk_create(
        Theme(
            template=draft,
            code=t.code,
            name=t.name,
            description=t.description,
            position=t.position,
        )
        for t in source.themes.all()
    )
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


@transaction.atomic
def template_publish(*, by: Actor, template: ProgrammeTemplate) -> ProgrammeTemplate:
    require(by, "catalogue.edit", template)
    _require_draft(template)
    if not template.themes.exists():
        raise ServiceError(_("A version needs at least one theme before it can be published."))
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
    *, by: Actor, template: ProgrammeTemplate, code: str, name: str, description: str
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
    return theme


@transaction.atomic
def theme_update(*, by: Actor, theme: Theme, code: str, name: str, description: str) -> Theme:
    require(by, "catalogue.edit", theme.template)
    _require_draft(theme.template)
    theme.code, theme.name, theme.description = code, name, description
    taken = _check_theme_code(theme)
    validate(theme)
    save_or_refuse(
        theme, field="code", message=taken, update_fields=["code", "name", "description"]
    )
    return theme


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
