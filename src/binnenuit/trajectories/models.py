from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from binnenuit.core.models import OrgScopedModel


class Phase(models.TextChoices):
    OFFER = "offer", _("Offer")
    PREPARATION = "preparation", _("Preparation")
    ROUND_1 = "round_1", _("Round 1")
    ROUND_2 = "round_2", _("Round 2")
    POOL = "pool", _("Trainer pool")


class Trajectory(OrgScopedModel):
    """One run of the programme at one organisation."""

    template = models.ForeignKey(
        "catalogue.ProgrammeTemplate",
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("programme version"),
    )
    name = models.CharField(_("name"), max_length=150)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase, default=Phase.OFFER)
    starts_on = models.DateField(_("start date"), null=True, blank=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "trajectories:trajectory-detail",
            kwargs={"org_slug": self.organisation.slug, "pk": self.pk},
        )


class Round(OrgScopedModel):
    """Round 1 (trainers in training), round 2 (colleagues) or a later pool cohort."""

    class Kind(models.TextChoices):
        TRAINERS = "trainers", _("Trainers in training")
        COLLEAGUES = "colleagues", _("Colleagues")
        POOL_COHORT = "pool_cohort", _("Pool cohort")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("trajectory")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("Optional; without one the round is called by its number."),
    )
    min_participants = models.PositiveSmallIntegerField(_("minimum participants"), default=10)
    max_participants = models.PositiveSmallIntegerField(_("maximum participants"), default=14)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["trajectory", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "number"], name="trajectories_round_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The custom name, or "Round N" in the reader's language."""
        return self.name or gettext("Round %(number)s") % {"number": self.number}


class Module(OrgScopedModel):
    """One half-day training unit of a round; round-2 theme slots get a theme chosen later."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="modules", verbose_name=_("round")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_theme_slot = models.BooleanField(_("theme slot"), default=False)
    theme = models.ForeignKey(
        "catalogue.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name=_("theme"),
    )

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "position"], name="trajectories_module_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.theme.name if self.theme is not None else self.title


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class Meeting(OrgScopedModel):
    """A dated meeting (bijeenkomst): a module session, an intake or a theme session."""

    class Kind(models.TextChoices):
        THEME_SESSION = "theme_session", _("Theme session for management")
        INTAKE = "intake", _("Intake")
        MODULE = "module", _("Module session")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("trajectory")
    )
    round = models.ForeignKey(
        Round,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("round"),
    )
    module = models.ForeignKey(
        Module,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("module"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    title = models.CharField(_("title"), max_length=150)
    date = models.DateField(_("date"), null=True, blank=True)
    part_of_day = models.CharField(
        _("part of day"), max_length=10, choices=PartOfDay, default=PartOfDay.MORNING
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    sequence = models.PositiveSmallIntegerField(_("order in the programme"), default=0)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["trajectory", "sequence", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.date is not None and self.date < timezone.localdate()


class Enrolment(OrgScopedModel):
    """A person in a round: enrolled, wait-listed or withdrawn."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("Wait-listed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("round")
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.RESTRICT,
        related_name="enrolments",
        verbose_name=_("employee"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.ENROLLED)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["round", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                name="trajectories_enrolment_unique_person_per_round",
                violation_error_message=_("This employee is already in this round."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.round}"
