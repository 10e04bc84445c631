"""Module 2 and the personal coaching of round 2: the organisation's learning goals when
there is no scan, the participants' learning goals, the round-2 theme teams, coach pairs and
their log. The algorithms are in ``coaching.matching``."""

from __future__ import annotations

from typing import Any, Self

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import Competence
from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet

MAX_GOALS = 3
MAX_WEIGHT = 5
NOTE_MAX = 4000


class GapWeight(OrgScopedModel):
    """A learning goal of the organisation, entered by hand when there is no closed scan:
    a competence and how much it matters (1–5), as the gap the scan would have measured."""

    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        on_delete=models.CASCADE,
        related_name="gap_weights",
        verbose_name=_("trajectory"),
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="+", verbose_name=_("competence")
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)]
    )

    objects = OrgScopedQuerySet["GapWeight"].as_manager()

    class Meta:
        verbose_name = _("learning goal of the organisation")
        verbose_name_plural = _("learning goals of the organisation")
        ordering = ["trajectory", "-weight", "competence__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "competence"], name="coaching_gapweight_unique_competence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence} ({self.weight})"


class LearningGoal(OrgScopedModel):
    """One of a round-2 participant's (at most three) learning goals: a competence, in a
    sentence of their own."""

    enrolment = models.ForeignKey(
        "trajectories.Enrolment",
        on_delete=models.CASCADE,
        related_name="learning_goals",
        verbose_name=_("enrolment"),
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="+", verbose_name=_("competence")
    )
    sentence = models.CharField(_("what I want to learn"), max_length=300)

    objects = OrgScopedQuerySet["LearningGoal"].as_manager()

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["enrolment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "competence"],
                name="coaching_learninggoal_unique_competence",
                violation_error_message=_("Choose each competence only once."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.competence.name)


class ThemeTeam(OrgScopedModel):
    """The trainers who give one of round 2's theme modules."""

    module = models.OneToOneField(
        "trajectories.Module",
        on_delete=models.CASCADE,
        related_name="theme_team",
        verbose_name=_("module"),
    )
    trainers: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "organisations.Person", related_name="theme_teams", verbose_name=_("trainers")
    )

    objects = OrgScopedQuerySet["ThemeTeam"].as_manager()

    class Meta:
        verbose_name = _("theme team")
        verbose_name_plural = _("theme teams")

    def __str__(self) -> str:
        return str(self.module)


class CoachPair(OrgScopedModel):
    """A new trainer and the round-2 participant they coach, with why they were paired."""

    round = models.ForeignKey(
        "trajectories.Round",
        on_delete=models.CASCADE,
        related_name="coach_pairs",
        verbose_name=_("round"),
    )
    trainer = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="coachees",
        verbose_name=_("coach"),
    )
    participant = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="coaches",
        verbose_name=_("coachee"),
    )
    locked = models.BooleanField(_("locked by hand"), default=False)
    score = models.JSONField(_("score"), default=dict)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = OrgScopedQuerySet["CoachPair"].as_manager()

    class Meta:
        verbose_name = _("coach pair")
        verbose_name_plural = _("coach pairs")
        ordering = ["round", "trainer__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "participant"],
                name="coaching_coachpair_one_coach_per_participant",
                violation_error_message=_("This participant already has a coach."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainer} → {self.participant}"

    @property
    def total(self) -> float:
        return float(self.score.get("total", 0.0))


class MeetingForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    WALK = "walk", _("Walking")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")


class CoachingMeeting(OrgScopedModel):
    """A coaching conversation of a pair: when, how long, how, about which goals, and the
    notes both of them read."""

    pair = models.ForeignKey(
        CoachPair, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("coach pair")
    )
    date = models.DateField(_("date"))
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    form = models.CharField(
        _("form"), max_length=12, choices=MeetingForm, default=MeetingForm.IN_PERSON
    )
    topics: models.ManyToManyField[LearningGoal, Any] = models.ManyToManyField(
        LearningGoal, blank=True, related_name="meetings", verbose_name=_("topics")
    )
    shared_notes = models.TextField(
        _("shared notes"),
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX)],
        help_text=_("Coach and coachee both read these."),
    )
    recorded_by = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = OrgScopedQuerySet["CoachingMeeting"].as_manager()

    class Meta:
        verbose_name = _("coaching conversation")
        verbose_name_plural = _("coaching conversations")
        ordering = ["pair", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.pair} @ {self.date:%Y-%m-%d}"


class PrivateNotebook(OrgScopedModel):
    """Whose private notes on a pair these are: one per author and pair.

    It holds no text itself. Erasing the author's data deletes it, and its notes with it,
    while the notes themselves are found for no one's export but the author's own.
    """

    pair = models.ForeignKey(
        CoachPair,
        on_delete=models.CASCADE,
        related_name="notebooks",
        verbose_name=_("coach pair"),
    )
    author = models.ForeignKey(
        "organisations.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )

    objects = OrgScopedQuerySet["PrivateNotebook"].as_manager()

    class Meta:
        verbose_name = _("private notebook")
        verbose_name_plural = _("private notebooks")
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "author"], name="coaching_privatenotebook_one_per_author"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Private notes (not shown)"))


class PrivateNoteQuerySet(OrgScopedQuerySet["PrivateNote"]):
    def visible_to(self, actor: Any) -> Self:
        """Only the author's own notes, whoever asks: nobody else reads them."""
        person = actor.fact("organisations.person")
        if person is None:
            return self.none()
        return self.for_org(actor.organisation).filter(notebook__author=person)


class PrivateNote(OrgScopedModel):
    """A note that only its author reads: not the other half of the pair, not the project
    leader, the adviser, the manager, the admin site, the audit trail or an export but the
    author's own."""

    notebook = models.ForeignKey(
        PrivateNotebook,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("notebook"),
    )
    text = models.TextField(_("private note"), validators=[MaxLengthValidator(NOTE_MAX)])
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        ordering = ["notebook", "-created_at", "-pk"]

    def __str__(self) -> str:
        return str(_("Private note"))
