from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenuit.catalogue.models import ModuleTemplate, ProgrammeTemplate, Theme
from binnenuit.catalogue.selectors import template_current, template_draft
from binnenuit.core.exceptions import ServiceError


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
def template_draft_create(*, notes: str = "") -> ProgrammeTemplate:
    """A new draft version copied from the published one; trajectories keep their own version."""
    if template_draft() is not None:
        raise ServiceError(_("There already is a draft version. Publish or change that one."))
    source = template_current()
    if source is None:
        raise ServiceError(_("There is no published version to start from."))
    next_version = (ProgrammeTemplate.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    draft = ProgrammeTemplate.objects.create(
        version=next_version, name=source.name, notes=notes, status=ProgrammeTemplate.Status.DRAFT
    )
    ModuleTemplate.objects.bulk_create(
        ModuleTemplate(
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
    return draft


@transaction.atomic
def template_publish(*, template: ProgrammeTemplate) -> ProgrammeTemplate:
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
def step_update(*, step: ModuleTemplate, title: str, description: str) -> ModuleTemplate:
    _require_draft(step.template)
    step.title, step.description = title, description
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def theme_create(*, template: ProgrammeTemplate, **fields: Any) -> Theme:
    _require_draft(template)
    position = (template.themes.aggregate(p=Max("position"))["p"] or 0) + 1
    theme = Theme(template=template, position=position, **fields)
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, **fields: Any) -> Theme:
    _require_draft(theme.template)
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    return theme
