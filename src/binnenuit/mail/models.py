"""The outbox: every message Binnenuit sends is a ``Mail`` row first, sent by the worker.

A row is written in the transaction of whatever caused it (an invitation, a password reset),
so a rolled-back action sends nothing and a committed one is never lost: the worker sends
it, retries it while the mail server is down and marks it failed only after three days.
``PeriodicRun`` is the worker's schedule (see ``binnenuit.mail.schedule``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mail(models.Model):
    """One message to one recipient, from the moment it is queued until it is sent."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    template = models.CharField(_("template"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_try = models.DateTimeField(_("next try"), default=timezone.now)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # Queuing twice with the same key makes one mail ("invitation-17-reminder").
    key = models.CharField(_("key"), max_length=200, unique=True, null=True, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)  # the last send enqueued
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_try"], name="mail_status_next_try")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False)
                | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="mail_sent_at_when_sent",
            ),
            models.CheckConstraint(
                condition=Q(status="sending", sending_since__isnull=False)
                | (~Q(status="sending") & Q(sending_since__isnull=True)),
                name="mail_sending_since_when_sending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"


class MailAttachment(models.Model):
    """A file sent with a mail: a calendar invitation (``text/calendar; method=REQUEST``) …"""

    mail = models.ForeignKey(
        Mail, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("e-mail")
    )
    filename = models.CharField(_("file name"), max_length=200)
    # The full Content-Type, parameters included: "text/calendar; method=REQUEST".
    content_type = models.CharField(_("content type"), max_length=200)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename


class PeriodicRun(models.Model):
    """When a periodic task (``core.periodic``) last ran and is next due; one row per task.

    The worker claims a run with one conditional UPDATE on ``next_run_at``, so two workers
    (or a restarted one) never enqueue the same run twice.
    """

    name = models.CharField(_("task"), max_length=200, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic task run")
        verbose_name_plural = _("periodic task runs")

    def __str__(self) -> str:
        return self.name
