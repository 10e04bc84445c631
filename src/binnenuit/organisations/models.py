from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Self

from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binnenuit.core.access import Actor, can
from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet

cbs_code_validator = RegexValidator(
    r"^GM\d{4}$",
    _("Enter a CBS municipality code: GM followed by four digits, for example GM0163."),
)
hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    _("Enter a colour as # followed by six hexadecimal digits, for example #1a5e8c."),
)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)

    def archived(self) -> Self:
        return self.filter(archived_at__isnull=False)

    def of_user(self, user: Any, *, roles: Iterable[str] | None = None) -> Self:
        """The organisations the user belongs to or advises (in one of these roles)."""
        if not user.is_authenticated:
            return self.none()
        memberships = Membership.objects.filter(user=user, deactivated_at__isnull=True)
        if roles is not None:
            memberships = memberships.filter(role__in=roles)
        return self.filter(pk__in=memberships.values("organisation_id"))


class Organisation(models.Model):
    """A client municipality that runs the programme; archived, never deleted."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        validators=[cbs_code_validator],
        help_text=_("GM followed by four digits, for example GM0163."),
        error_messages={"unique": _("An organisation with this CBS code already exists.")},
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour_validator],
        help_text=_("Optional. Used for the header and buttons; it must contrast with white text."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
        help_text=_("Optional. A PNG, JPEG or WebP image."),
    )
    email_domains = models.CharField(
        _("work e-mail domains"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional. The domains of the organisation's own e-mail addresses, separated by "
            "commas, for example voorbeeld.nl, gemeente-voorbeeld.nl. When set, an application "
            "must use one of them."
        ),
    )
    # The times of the parts of the day (dagdelen) here; one meeting may set its own.
    morning_starts = models.TimeField(_("morning starts"), default=datetime.time(9, 0))
    morning_ends = models.TimeField(_("morning ends"), default=datetime.time(12, 30))
    afternoon_starts = models.TimeField(_("afternoon starts"), default=datetime.time(13, 30))
    afternoon_ends = models.TimeField(_("afternoon ends"), default=datetime.time(17, 0))
    evening_starts = models.TimeField(_("evening starts"), default=datetime.time(19, 0))
    evening_ends = models.TimeField(_("evening ends"), default=datetime.time(21, 30))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:organisation-detail", kwargs={"org_slug": self.slug})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def part_of_day_times(self, part_of_day: str) -> tuple[datetime.time, datetime.time]:
        """When a part of the day ("morning", "afternoon", "evening") starts and ends here."""
        starts: datetime.time = getattr(self, f"{part_of_day}_starts")
        ends: datetime.time = getattr(self, f"{part_of_day}_ends")
        return starts, ends

    @property
    def work_email_domains(self) -> list[str]:
        """The domains set in ``email_domains``, lower case, without "@"."""
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]


class Role(models.TextChoices):
    ADVISER = "adviser", _("Adviser")
    PROJECT_LEADER = "project_leader", _("Project leader")
    MANAGER = "manager", _("Manager")
    TRAINER = "trainer", _("Trainer")
    PARTICIPANT = "participant", _("Participant")


STAFF_ROLES = frozenset({Role.ADVISER, Role.PROJECT_LEADER, Role.MANAGER})
ORGANISERS = frozenset({Role.ADVISER, Role.PROJECT_LEADER})


class Membership(OrgScopedModel):
    """A login's role at one organisation (advisers have one per organisation they advise)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    deactivated_at = models.DateTimeField(
        _("deactivated at"),
        null=True,
        blank=True,
        help_text=_("The login no longer opens this organisation; its history stays."),
    )

    objects = OrgScopedQuerySet["Membership"].as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="organisations_membership_unique_user_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) @ {self.organisation_id}"


class FunctionCategory(models.TextChoices):
    FRONT_OFFICE = "front_office", _("Front office / KCC")
    FIELD_SERVICE = "field_service", _("Field service")
    POLICY = "policy", _("Policy")
    PROJECT_LEADER = "project_leader", _("Project leader")
    MANAGEMENT = "management", _("Management")
    OTHER = "other", _("Other")


class PersonQuerySet(OrgScopedQuerySet["Person"]):
    def visible_to(self, actor: Actor) -> Self:
        """Staff roles see the organisation's employees; others only themselves."""
        if can(actor, "people.view"):
            return self.for_org(actor.organisation)
        return self.for_org(actor.organisation).filter(user=actor.user)

    def search(self, text: str) -> Self:
        """Name, e-mail, department or team containing the text (trigram-indexed on PostgreSQL)."""
        if not text:
            return self
        return self.filter(
            Q(full_name__icontains=text)
            | Q(email__icontains=text)
            | Q(department__icontains=text)
            | Q(team__icontains=text)
        )


class Person(OrgScopedModel):
    """An employee of an organisation; may or may not have a login."""

    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    function_category = models.CharField(
        _("function category"),
        max_length=20,
        choices=FunctionCategory,
        default=FunctionCategory.OTHER,
    )
    department = models.CharField(_("department"), max_length=120, blank=True)
    team = models.CharField(_("team"), max_length=120, blank=True)
    line_manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("line manager"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("login"),
    )
    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("When the employee left the organisation; their data is anonymised later."),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["full_name", "pk"]
        indexes = [
            models.Index(
                fields=["organisation", "full_name", "id"], name="organisations_person_by_name"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=~Q(email=""),
                name="organisations_person_unique_email_per_org",
                violation_error_message=_(
                    "Another employee of this organisation already has this e-mail address."
                ),
            ),
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(user__isnull=False),
                name="organisations_person_unique_user_per_org",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse(
            "organisations:person-update",
            kwargs={"org_slug": self.organisation.slug, "pk": self.pk},
        )


class LocationQuerySet(OrgScopedQuerySet["Location"]):
    def visible_to(self, actor: Actor) -> Self:
        if can(actor, "locations.view"):
            return self.for_org(actor.organisation)
        return self.none()


class Location(OrgScopedModel):
    """A place where the organisation's meetings are held: a town hall room, a community centre."""

    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    rooms = models.CharField(
        _("rooms"),
        max_length=250,
        blank=True,
        help_text=_("Optional. The rooms that can be booked, for example: De Linde, Raadzaal."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Optional. How many people fit, facilitators and guests included."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Optional. For example: step-free entrance, lift, hearing loop, toilet."),
    )
    route = models.TextField(
        _("route"),
        blank=True,
        help_text=_("Optional. How to get there: public transport, parking, the entrance."),
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "organisation",
                name="organisations_location_unique_name",
                violation_error_message=_(
                    "This organisation already has a location with this name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InvitationQuerySet(OrgScopedQuerySet["Invitation"]):
    def pending(self) -> Self:
        """Sent, not yet accepted, not revoked (expired ones included)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(OrgScopedModel):
    """An invitation to log in to one organisation with a role, sent by e-mail.

    The link carries a random token; only its SHA-256 hash is stored, so the table does not
    hold working links. A new token (resend) replaces the hash and the expiry.
    """

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("employee"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="organisations_invitation_one_pending_per_email",
                violation_error_message=_("This person has already been invited."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"
