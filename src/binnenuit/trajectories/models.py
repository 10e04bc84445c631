from __future__ import annotations

import datetime
from typing import Self
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import ROUND_STAGES, Stage
from binnenuit.core.access import Actor, can
from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Phase(models.TextChoices):
    """Where a trajectory is in its life; its middle phases are the programme's stages."""

    OFFER = "offer", _("Offer")
    PREPARATION = Stage.PREPARATION.value, Stage.PREPARATION.label
    ROUND_1 = Stage.ROUND_1.value, Stage.ROUND_1.label
    ROUND_2 = Stage.ROUND_2.value, Stage.ROUND_2.label
    POOL = "pool", _("Trainer pool")


class TrajectoryQuerySet(OrgScopedQuerySet["Trajectory"]):
    def visible_to(self, actor: Actor) -> Self:
        if can(actor, "trajectory.view"):
            return self.for_org(actor.organisation)
        return self.none()


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

    objects = TrajectoryQuerySet.as_manager()

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


class RoundQuerySet(OrgScopedQuerySet["Round"]):
    def visible_to(self, actor: Actor) -> Self:
        """Staff roles see every round; others the rounds they follow or give."""
        qs = self.for_org(actor.organisation)
        if can(actor, "trajectory.view"):
            return qs
        return qs.filter(
            pk__in=actor.fact("trajectories.followed_round_ids")
            | actor.fact("trajectories.given_round_ids")
        )


class Round(OrgScopedModel):
    """Round 1 (trainers in training) or round 2 (colleagues) of a trajectory."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("trajectory")
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=[(s.value, s.label) for s in ROUND_STAGES]
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("Optional; without one the round is called by its number."),
    )
    min_participants = models.PositiveSmallIntegerField(_("minimum participants"), default=10)
    max_participants = models.PositiveSmallIntegerField(_("maximum participants"), default=14)
    agreed_participants = models.PositiveSmallIntegerField(
        _("agreed participants"),
        null=True,
        blank=True,
        help_text=_("The number of participants in the accepted quote."),
    )
    # How many of the round's modules someone must follow (present or late) to complete it;
    # empty: the programme's default (attendance.completion.DEFAULT_MINIMUMS).
    completion_minimum = models.PositiveSmallIntegerField(
        _("modules needed to complete the round"), null=True, blank=True
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["trajectory", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "stage"], name="trajectories_round_unique_stage"
            ),
            # The target of meetings' (round, trajectory) key: a meeting's round belongs to
            # its trajectory (see migration 0005).
            models.UniqueConstraint(
                fields=["id", "trajectory"], name="trajectories_round_unique_id_trajectory"
            ),
            models.CheckConstraint(
                condition=Q(min_participants__lte=F("max_participants")),
                name="trajectories_round_min_not_above_max",
                violation_error_message=_(
                    "The minimum number of participants cannot be above the maximum."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse(
            "trajectories:round-detail",
            kwargs={"org_slug": self.organisation.slug, "pk": self.pk},
        )

    @property
    def number(self) -> int:
        return Stage(self.stage).round_number

    @property
    def audience(self) -> str:
        """Who the round is for: trainers in training, or colleagues."""
        return Stage(self.stage).audience

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

    objects = OrgScopedQuerySet["Module"].as_manager()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "position"], name="trajectories_module_unique_position"
            ),
            models.UniqueConstraint(
                fields=["round", "theme"],
                condition=Q(theme__isnull=False),
                name="trajectories_module_unique_theme_per_round",
                violation_error_message=_("Choose each theme only once."),
            ),
            # The target of meetings' (module, round) key: a meeting's module belongs to
            # its round (see migration 0005).
            models.UniqueConstraint(
                fields=["id", "round"], name="trajectories_module_unique_id_round"
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


# Meetings of one day in the order of the day, whatever the stored words sort like.
PART_OF_DAY_ORDER = Case(
    *(When(part_of_day=part, then=Value(i)) for i, part in enumerate(PartOfDay)),
    output_field=models.PositiveSmallIntegerField(),
)


class MeetingKind(models.TextChoices):
    THEME_SESSION = "theme_session", _("Theme session for management")
    INTAKE = "intake", _("Intake")
    MODULE = "module", _("Module session")
    SCAN = "scan", _("Organisation scan session")
    TASTING = "tasting", _("Tasting workshop")


# The optional meetings a trajectory may add to its preparation.
OPTIONAL_KINDS = (MeetingKind.SCAN, MeetingKind.TASTING)


class MeetingQuerySet(OrgScopedQuerySet["Meeting"]):
    def visible_to(self, actor: Actor) -> Self:
        """Staff roles see every meeting, preparation included; others those of their rounds."""
        if can(actor, "trajectory.view"):
            return self.for_org(actor.organisation)
        return self.for_org(actor.organisation).filter(round__in=Round.objects.visible_to(actor))

    def in_day_order(self) -> Self:
        return self.order_by("date", PART_OF_DAY_ORDER, "sequence", "pk")


class Meeting(OrgScopedModel):
    """A dated meeting (bijeenkomst): a module session, an intake or a theme session."""

    Kind = MeetingKind

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
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind)
    title = models.CharField(_("title"), max_length=150)
    date = models.DateField(_("date"), null=True, blank=True)
    part_of_day = models.CharField(
        _("part of day"), max_length=10, choices=PartOfDay, default=PartOfDay.MORNING
    )
    starts_at_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Optional: only when this meeting does not keep its part of the day's times."),
    )
    ends_at_time = models.TimeField(_("end time"), null=True, blank=True)
    location = models.ForeignKey(
        "organisations.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("location"),
    )
    sequence = models.PositiveSmallIntegerField(_("order in the programme"), default=0)
    facilitators = models.ManyToManyField(
        "organisations.Person",
        blank=True,
        related_name="facilitated_meetings",
        verbose_name=_("facilitators"),
        help_text=_("The organisation's own people who lead it: in round 2, a team of trainers."),
    )
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advised_meetings",
        verbose_name=_("advisers"),
        help_text=_("The training provider's advisers: they lead round 1 and coach in round 2."),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The iCalendar SEQUENCE: raised with every change an invitation must announce.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    override_reason = models.CharField(
        _("reason for planning despite a conflict"), max_length=500, blank=True
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["trajectory", "sequence", "pk"]
        indexes = [
            models.Index(fields=["organisation", "date"], name="trajectories_meeting_by_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=MeetingKind.MODULE, module__isnull=False, round__isnull=False)
                    | (~Q(kind=MeetingKind.MODULE) & Q(module__isnull=True))
                ),
                name="trajectories_meeting_module_iff_module_kind",
                violation_error_message=_("A module session belongs to a module of a round."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.date is not None and self.date < timezone.localdate()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_planned(self) -> bool:
        return self.date is not None and self.cancelled_at is None

    @property
    def times(self) -> tuple[datetime.time, datetime.time]:
        """Start and end on the clock: the meeting's own, or its part of the day's here."""
        usual = self.organisation.part_of_day_times(self.part_of_day)
        return (self.starts_at_time or usual[0], self.ends_at_time or usual[1])

    @property
    def starts_at(self) -> datetime.datetime | None:
        """When it starts, in the Netherlands' time (None without a date)."""
        if self.date is None:
            return None
        return datetime.datetime.combine(self.date, self.times[0], tzinfo=AMSTERDAM)

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.date is None:
            return None
        return datetime.datetime.combine(self.date, self.times[1], tzinfo=AMSTERDAM)


class AttendanceStatus(models.TextChoices):
    EXPECTED = "expected", _("Expected")  # nothing recorded yet
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")


class AbsenceReason(models.TextChoices):
    SICK = "sick", _("Sick")
    LEAVE = "leave", _("Leave")
    OTHER = "other", _("Other")


class Attendance(OrgScopedModel):
    """A person expected at a meeting (an attendee), and whether they came."""

    Status = AttendanceStatus
    Reason = AbsenceReason

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.RESTRICT,
        related_name="attendances",
        verbose_name=_("employee"),
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus, default=AttendanceStatus.EXPECTED
    )
    absence_reason = models.CharField(
        _("reason for absence"), max_length=10, choices=AbsenceReason, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    objects = OrgScopedQuerySet["Attendance"].as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "person__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="trajectories_attendance_unique_person_per_meeting",
                violation_error_message=_("This person is already on the meeting's list."),
            ),
            models.CheckConstraint(
                condition=Q(status=AttendanceStatus.ABSENT) | Q(absence_reason=""),
                name="trajectories_attendance_reason_only_when_absent",
                violation_error_message=_("Only an absence has a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting}"


class Guest(OrgScopedModel):
    """Someone from the community at a meeting: a resident, a local entrepreneur. No login."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="guests", verbose_name=_("meeting")
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    affiliation = models.CharField(
        _("organisation or neighbourhood"),
        max_length=150,
        blank=True,
        help_text=_("For example: Bewonersvereniging De Hoven, or Bakkerij Van Dam."),
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)

    objects = OrgScopedQuerySet["Guest"].as_manager()

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["meeting", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                name="trajectories_guest_unique_email_per_meeting",
                violation_error_message=_("This guest has already been invited to this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


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

    objects = OrgScopedQuerySet["Enrolment"].as_manager()

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
