"""Personal calendar subscriptions, and the record of every meeting notice e-mailed.

A ``Feed`` is a login's secret calendar address (``/agenda/<token>.ics``). The token is stored
as it is, so that its owner can see and copy the address again on "My calendar", as calendar
services (Google, Outlook) let one see a secret calendar address again; whoever could read it
from the database could read the meetings it shows there too. It is revoked by deleting the
row and renewed by replacing the token.

A ``Notice`` is one calendar e-mail queued for one recipient of one meeting: an invitation,
a cancellation or a reminder. The mail's idempotency key is the notice's key, so a meeting's
invitations can be brought in line with who should have them (``services.invitations_sync``)
as often as the worker likes: what was sent is known in one query, and nothing goes twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet


class Feed(models.Model):
    """A login's calendar subscription: all their meetings, at a secret address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("login"),
    )
    # secrets.token_urlsafe(32): 43 characters, 256 bits.
    token = models.CharField(_("token"), max_length=64, unique=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)  # made or renewed
    # When a calendar app last fetched it (updated at most once an hour).
    fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.issued_at:%Y-%m-%d}"


class NoticeKind(models.TextChoices):
    REQUEST = "request", _("Invitation")  # the first, or again after a change
    CANCEL = "cancel", _("Cancellation")
    REMINDER = "reminder", _("Reminder")


class Notice(OrgScopedModel):
    """One calendar e-mail about a meeting, queued for one recipient."""

    Kind = NoticeKind

    meeting = models.ForeignKey(
        "trajectories.Meeting",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("meeting"),
    )
    # Whom, as a record key: "person-12" (an employee), "user-3" (an adviser), "guest-7".
    recipient = models.CharField(_("recipient"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind)
    revision = models.PositiveIntegerField(_("revision"))  # the meeting's, then: its SEQUENCE
    # When the meeting was, as the notice said it (a cancellation repeats it).
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    key = models.CharField(_("key"), max_length=200, unique=True)  # the mail's idempotency key

    objects = OrgScopedQuerySet["Notice"].as_manager()

    class Meta:
        verbose_name = _("meeting notice")
        verbose_name_plural = _("meeting notices")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.key
