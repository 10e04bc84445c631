"""Shared model bases: every organisation-owned row carries a direct organisation FK."""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgScopedQuerySet[M: models.Model](models.QuerySet[M]):
    def for_org(self, org: Any) -> Self:
        return self.filter(organisation=org)


class OrgScopedModel(models.Model):
    """A row owned by one organisation; the scoping module filters on this FK."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="%(class)s_set",
        related_query_name="%(class)s",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        abstract = True
