"""Which organisation's trail each audit log entry is on.

The entries themselves are django-auditlog's ``LogEntry`` rows: the actor, the changes
(before and after), the time and the client address. Each entry names the organisation(s) it
belongs to in its ``additional_data``; a ``TrailEntry`` per organisation indexes that, so an
organisation's trail is read newest first, by kind, from one index and never by scanning
JSON.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binnenuit.core.models import OrgScopedQuerySet


class Kind(models.TextChoices):
    """What an entry is about, for the trail's filter."""

    SESSION = "session", _("Logging in and out")
    ACCOUNT = "account", _("Accounts and two-step login")
    ACCESS = "access", _("Invitations and roles")
    ORGANISATION = "organisation", _("Organisation and employees")
    TRAJECTORY = "trajectory", _("Trajectories and themes")
    ENROLMENT = "enrolment", _("Enrolments")
    CATALOGUE = "catalogue", _("Catalogue")


class TrailEntry(models.Model):
    """One audit log entry on one organisation's trail (written with the entry, never changed)."""

    log_entry = models.ForeignKey(
        "auditlog.LogEntry",
        on_delete=models.CASCADE,  # pruning an entry takes it off the trail
        related_name="trail_entries",
        verbose_name=_("log entry"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    actor_role = models.CharField(
        _("role of the actor"),
        max_length=20,
        blank=True,
        help_text=_("The actor's role at the organisation when it happened."),
    )

    objects = OrgScopedQuerySet["TrailEntry"].as_manager()

    class Meta:
        verbose_name = _("trail entry")
        verbose_name_plural = _("trail entries")
        constraints = [
            models.UniqueConstraint(
                fields=["log_entry", "organisation"], name="audit_trailentry_once_per_org"
            ),
        ]
        indexes = [
            # The trail, newest first; and the same for one kind of event.
            models.Index(fields=["organisation", "-log_entry"], name="audit_trail_newest_first"),
            models.Index(fields=["organisation", "kind", "-log_entry"], name="audit_trail_by_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.log_entry_id} @ {self.organisation_id}"
