"""The programme catalogue: versioned data, not code.

Trajectories keep the version they started with.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class ProgrammeTemplate(models.Model):
    """One version of the programme: its preparation meetings, modules and theme catalogue."""

    Status = TemplateStatus

    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    notes = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme template")
        verbose_name_plural = _("programme templates")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=TemplateStatus.PUBLISHED),
                name="catalogue_one_published_template",
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=TemplateStatus.DRAFT),
                name="catalogue_one_draft_template",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:template-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Stage(models.TextChoices):
    """Where a step sits in the programme: the one source of "round 1" and "round 2".

    A trajectory's rounds carry their stage, and its phases share these values.
    """

    PREPARATION = "preparation", _("Preparation")
    ROUND_1 = "round_1", _("Round 1")
    ROUND_2 = "round_2", _("Round 2")

    @property
    def audience(self) -> str:
        """Who a round of this stage is for."""
        return str(AUDIENCES.get(self, ""))

    @property
    def round_number(self) -> int:
        """1 for round 1, 2 for round 2 (0 for the preparation)."""
        return ROUND_STAGES.index(self) + 1 if self in ROUND_STAGES else 0


ROUND_STAGES = [Stage.ROUND_1, Stage.ROUND_2]
AUDIENCES = {Stage.ROUND_1: _("Trainers in training"), Stage.ROUND_2: _("Colleagues")}


class StepKind(models.TextChoices):
    THEME_SESSION = "theme_session", _("Theme session for management")
    INTAKE = "intake", _("Intake")
    MODULE = "module", _("Module")
    THEME_SLOT = "theme_slot", _("Theme module (chosen per organisation)")


class Step(models.Model):
    """A step of a programme version: a preparation meeting, a fixed module or a theme slot."""

    template = models.ForeignKey(
        ProgrammeTemplate, on_delete=models.CASCADE, related_name="steps", verbose_name=_("version")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme step")
        verbose_name_plural = _("programme steps")
        ordering = ["template", "stage", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "stage", "position"], name="catalogue_step_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    """A round-2 theme an organisation can choose for modules 2 to 5."""

    template = models.ForeignKey(
        ProgrammeTemplate,
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("version"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    competences: models.ManyToManyField[Competence, Any] = models.ManyToManyField(
        "Competence",
        blank=True,
        related_name="themes",
        verbose_name=_("competences it trains"),
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["template", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"],
                name="catalogue_theme_unique_code",
                violation_error_message=_("This version already has a theme with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SelectionCriterion(models.Model):
    """What a round looks for in its participants: the checklist of a call for applications."""

    template = models.ForeignKey(
        ProgrammeTemplate,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("version"),
    )
    stage = models.CharField(
        _("round"), max_length=12, choices=[(s.value, s.label) for s in ROUND_STAGES]
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("short name"), max_length=120)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["template", "stage", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "stage", "position"],
                name="catalogue_criterion_unique_position",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    """One of the brochure's principles, under which the competences are grouped."""

    template = models.ForeignKey(
        ProgrammeTemplate,
        on_delete=models.CASCADE,
        related_name="principles",
        verbose_name=_("version"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"], name="catalogue_principle_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Competence(models.Model):
    """A skill of government participation ("handelingsvaardigheid"), with what shows it."""

    template = models.ForeignKey(
        ProgrammeTemplate,
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("version"),
    )
    principle = models.ForeignKey(
        Principle,
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("principle"),
    )
    code = models.CharField(
        _("code"),
        max_length=8,
        validators=[
            RegexValidator(r"^[A-Z]{2,8}$", _("Use 2 to 8 capital letters, for example: ROL."))
        ],
        help_text=_("2 to 8 capital letters, for example: ROL."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"))
    indicators = models.TextField(
        _("behavioural indicators"),
        help_text=_("What someone who has this competence does: one per line."),
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"],
                name="catalogue_competence_unique_code",
                violation_error_message=_("This version already has a competence with this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]
