"""Shared model bases, and the record that makes a form submission count once."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgScopedQuerySet[M: models.Model](models.QuerySet[M]):
    """Every organisation-owned model's QuerySet: ``for_org`` and ``visible_to``.

    ``visible_to(actor)`` is the rows the actor may list; a model whose visibility depends on
    more than the organisation overrides it (NetBox's ``restrict()``).
    """

    def for_org(self, org: Any) -> Self:
        return self.filter(organisation=org)

    def visible_to(self, actor: Any) -> Self:
        return self.for_org(actor.organisation)


class OrgScopedModel(models.Model):
    """A row owned by one organisation; deleting the organisation never deletes it."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="%(class)s_set",
        related_query_name="%(class)s",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Each model declares ``objects`` from an OrgScopedQuerySet (a test checks it).

    class Meta:
        abstract = True


class FormSubmission(models.Model):
    """A form's one-time token, recorded with the submission it made (see ``core.submissions``)."""

    token = models.UUIDField(_("token"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return str(self.token)


class RateLimitHit(models.Model):
    """One counted attempt under a rate limit (``core.ratelimit``), shared by every process."""

    key = models.CharField(_("key"), max_length=200)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("rate limit hit")
        verbose_name_plural = _("rate limit hits")
        indexes = [models.Index(fields=["key", "at"], name="core_ratelimit_key_at")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.at:%Y-%m-%d %H:%M}"
