"""Recruitment: a round's call for applications, the applications, and the selection.

A call ("oproep") belongs to one round and has a secret public link; colleagues apply through
it without an account. The project leader (or adviser) decides per application; selecting
takes a place in the round through trajectories' ``enrolment_add``, never by counting here.
"""

from __future__ import annotations

import datetime
from typing import Self

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenuit.core.access import Actor, can
from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet
from binnenuit.organisations.models import FunctionCategory

MOTIVATION_MAX = 3000
TEXT_MAX = 5000
REASON_MAX = 1000


class CallQuerySet(OrgScopedQuerySet["Call"]):
    def visible_to(self, actor: Actor) -> Self:
        if can(actor, "recruitment.view"):
            return self.for_org(actor.organisation)
        return self.none()


class Call(OrgScopedModel):
    """A call for applications for one round, open until its deadline or until closed."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        EXPIRED = "expired", _("Deadline passed")
        CLOSED = "closed", _("Closed")

    round = models.OneToOneField(
        "trajectories.Round",
        on_delete=models.CASCADE,
        related_name="call",
        verbose_name=_("round"),
    )
    text = models.TextField(_("text"), validators=[MaxLengthValidator(TEXT_MAX)])
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day on which colleagues can apply.")
    )
    token = models.CharField(_("public link key"), max_length=64, unique=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.round} ({self.deadline:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse(
            "recruitment:call-detail",
            kwargs={"org_slug": self.organisation.slug, "pk": self.pk},
        )

    def get_public_url(self) -> str:
        return reverse("recruitment:apply", kwargs={"token": self.token})

    @property
    def state(self) -> Call.State:
        if self.closed_at is not None:
            return Call.State.CLOSED
        if self.deadline < timezone.localdate():
            return Call.State.EXPIRED
        return Call.State.OPEN

    @property
    def is_open(self) -> bool:
        return self.state == Call.State.OPEN

    @property
    def closes_on(self) -> datetime.date:
        """The day applications stopped (or will stop): closed early, or the deadline."""
        if self.closed_at is not None:
            return min(timezone.localdate(self.closed_at), self.deadline)
        return self.deadline


class CallCriterion(OrgScopedModel):
    """A selection criterion as the call was opened with: a copy of the catalogue's."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("short name"), max_length=120)
    description = models.TextField(_("description"))

    objects = OrgScopedQuerySet["CallCriterion"].as_manager()

    class Meta:
        verbose_name = _("criterion of a call")
        verbose_name_plural = _("criteria of a call")
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "position"], name="recruitment_criterion_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waiting list")
    DECLINED = "declined", _("Declined")


class ApplicationQuerySet(OrgScopedQuerySet["Application"]):
    def visible_to(self, actor: Actor) -> Self:
        """Applications are personal data: only the organisers see them."""
        if can(actor, "recruitment.manage"):
            return self.for_org(actor.organisation)
        return self.none()


class Application(OrgScopedModel):
    """A colleague's application to a call; one per e-mail address per call (so per round)."""

    Decision = Decision

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("work e-mail address"))
    job_title = models.CharField(_("job title"), max_length=120)
    function_category = models.CharField(
        _("function category"),
        max_length=20,
        choices=FunctionCategory,
        default=FunctionCategory.OTHER,
    )
    department = models.CharField(_("department"), max_length=120)
    team = models.CharField(_("team"), max_length=120, blank=True)
    line_manager = models.CharField(_("line manager"), max_length=150, blank=True)
    motivation = models.TextField(_("motivation"), validators=[MaxLengthValidator(MOTIVATION_MAX)])
    # Per planned meeting of the round when they applied: {"<meeting id>": true/false}.
    availability = models.JSONField(_("availability"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("employee"),
    )
    # The call's criteria the organiser ticked off: a list of CallCriterion ids.
    criteria_met = models.JSONField(_("criteria met"), default=list, blank=True)
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision, default=Decision.PENDING
    )
    decision_reason = models.TextField(
        _("reason"), blank=True, validators=[MaxLengthValidator(REASON_MAX)]
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    enrolment = models.ForeignKey(
        "trajectories.Enrolment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("enrolment"),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "created_at", "pk"]
        indexes = [
            models.Index(fields=["call", "created_at", "id"], name="recruitment_app_by_call"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "email"],
                name="recruitment_application_unique_email_per_call",
                violation_error_message=_("You have applied with this e-mail address already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} → {self.call_id}"

    def available_for(self, meeting_id: int) -> bool | None:
        """What they said about one meeting (None: it was not planned when they applied)."""
        value = self.availability.get(str(meeting_id))
        return None if value is None else bool(value)
