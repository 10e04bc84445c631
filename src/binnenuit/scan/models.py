"""The organisation scan: a co-creation session where staff, management, citizens and partners
say how strong the organisation is now in each competence, and how much it matters."""

from __future__ import annotations

from typing import Any, Self

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binnenuit.core.access import can
from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet

SCORE_MIN = 1
SCORE_MAX = 5
OPEN_ANSWER_MAX = 2000
CONCLUSIONS_MAX = 8000


class ScanQuerySet(OrgScopedQuerySet["Scan"]):
    def visible_to(self, actor: Any) -> Self:
        if can(actor, "scan.view"):
            return self.for_org(actor.organisation)
        return self.none()


class Scan(OrgScopedModel):
    """One organisation scan: its session, its questionnaire (the framework of one programme
    version, open questions, respondent groups), its public link and its report."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class ReportState(models.TextChoices):
        NONE = "none", _("Not made")
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=150)
    session_date = models.DateField(_("date of the session"), null=True, blank=True)
    location = models.ForeignKey(
        "organisations.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scans",
        verbose_name=_("location"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.DRAFT)
    template = models.ForeignKey(
        "catalogue.ProgrammeTemplate",
        on_delete=models.PROTECT,
        related_name="scans",
        verbose_name=_("framework version"),
    )
    token = models.CharField(_("public link key"), max_length=64, unique=True)
    conclusions = models.TextField(
        _("conclusions"), blank=True, validators=[MaxLengthValidator(CONCLUSIONS_MAX)]
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    report_pdf = models.FileField(_("report (PDF)"), upload_to="scans/", blank=True)
    report_state = models.CharField(
        _("report state"), max_length=8, choices=ReportState, default=ReportState.NONE
    )
    report_made_at = models.DateTimeField(_("report made at"), null=True, blank=True)

    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation scan")
        verbose_name_plural = _("organisation scans")
        ordering = ["-session_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "scan:scan-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )

    def get_public_url(self) -> str:
        return reverse("scan:respond", kwargs={"token": self.token})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class GroupKind(models.TextChoices):
    EMPLOYEES = "employees", _("Employees")
    MANAGEMENT = "management", _("Management")
    CITIZENS = "citizens", _("Citizens")
    PARTNERS = "partners", _("Partners")


STAFF_KINDS = (GroupKind.EMPLOYEES, GroupKind.MANAGEMENT)


class RespondentGroup(models.Model):
    """A group respondents choose first: employees of a department, management, citizens …"""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=GroupKind)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("respondent group")
        verbose_name_plural = _("respondent groups")
        ordering = ["scan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "name"], name="scan_group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class OpenQuestion(models.Model):
    """An open question of the scan: our strengths, our learning goals, an example."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=250)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("open question")
        verbose_name_plural = _("open questions")
        ordering = ["scan", "position"]

    def __str__(self) -> str:
        return self.text


class ResponseQuerySet(OrgScopedQuerySet["Response"]):
    def visible_to(self, actor: Any) -> Self:
        if can(actor, "scan.manage"):
            return self.for_org(actor.organisation)
        return self.none()


class Response(OrgScopedModel):
    """One respondent's answers, kept under a random key their browser holds: never an identity.

    The same browser sends again: the same row, updated, until the scan closes."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="responses")
    group = models.ForeignKey(
        RespondentGroup, on_delete=models.PROTECT, related_name="responses", verbose_name=_("group")
    )
    browser_token = models.CharField(max_length=64)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "browser_token"], name="scan_response_one_per_browser"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scan} #{self.pk}"


_SCORE = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class Answer(models.Model):
    """How strong the organisation is now, and how important it is, for one competence.

    Null is "don't know": it is left out of every mean."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    competence = models.ForeignKey(
        "catalogue.Competence", on_delete=models.PROTECT, related_name="scan_answers"
    )
    strength = models.PositiveSmallIntegerField(
        _("how strong are we now?"), null=True, blank=True, validators=_SCORE
    )
    importance = models.PositiveSmallIntegerField(
        _("how important is this for us?"), null=True, blank=True, validators=_SCORE
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "competence"], name="scan_answer_one_per_competence"
            ),
            models.CheckConstraint(
                condition=models.Q(strength__isnull=True)
                | models.Q(strength__gte=SCORE_MIN, strength__lte=SCORE_MAX),
                name="scan_answer_strength_range",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__isnull=True)
                | models.Q(importance__gte=SCORE_MIN, importance__lte=SCORE_MAX),
                name="scan_answer_importance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence_id}: {self.strength}/{self.importance}"


class OpenAnswer(models.Model):
    """A respondent's answer to an open question: free text from an anonymous person.

    Only the adviser reads it until they release it into the report, possibly redacted."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="open_answers")
    question = models.ForeignKey(OpenQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), validators=[MaxLengthValidator(OPEN_ANSWER_MAX)])
    released = models.BooleanField(_("in the report"), default=False)
    redacted_text = models.TextField(
        _("text in the report"),
        blank=True,
        validators=[MaxLengthValidator(OPEN_ANSWER_MAX)],
        help_text=_("Optional. Leave out what could identify someone; empty: the answer as given."),
    )

    class Meta:
        verbose_name = _("open answer")
        verbose_name_plural = _("open answers")
        ordering = ["question", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="scan_open_answer_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return self.shown_text[:50]

    @property
    def shown_text(self) -> str:
        return self.redacted_text or self.text
