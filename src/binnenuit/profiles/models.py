"""X-factor profiles: each round-1 trainer's own story of what makes the difference (module 1)."""

from __future__ import annotations

from typing import Any, Self

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from binnenuit.catalogue.models import Competence
from binnenuit.core.access import can
from binnenuit.core.models import OrgScopedModel, OrgScopedQuerySet

MAX_STRENGTHS = 5
STORY_MAX = 3000
ANSWER_MAX = 1200


class ProfileQuerySet(OrgScopedQuerySet["Profile"]):
    def visible_to(self, actor: Any) -> Self:
        if can(actor, "xfactor.view"):
            return self.for_org(actor.organisation)
        return self.none()


class Profile(OrgScopedModel):
    """De X-factor van …: a trainer's story, strengths and added value, in their own words."""

    person = models.OneToOneField(
        "organisations.Person",
        on_delete=models.CASCADE,
        related_name="xfactor",
        verbose_name=_("trainer"),
    )
    story = models.TextField(
        _("my story"),
        validators=[MaxLengthValidator(STORY_MAX)],
        help_text=_(
            "In your own words: how you work with residents, entrepreneurs and colleagues, "
            "with an example that went well."
        ),
    )
    difference = models.TextField(
        _("what I do that makes the difference"),
        validators=[MaxLengthValidator(ANSWER_MAX)],
    )
    value_society = models.TextField(
        _("the added value for society"),
        blank=True,
        validators=[MaxLengthValidator(ANSWER_MAX)],
    )
    value_organisation = models.TextField(
        _("the added value for my organisation"),
        blank=True,
        validators=[MaxLengthValidator(ANSWER_MAX)],
    )
    strengths: models.ManyToManyField[Competence, Any] = models.ManyToManyField(
        Competence,
        blank=True,
        related_name="profiles",
        verbose_name=_("my strengths"),
    )
    photo = models.ImageField(_("photo"), upload_to="profiles/", blank=True)
    shared_at = models.DateTimeField(
        _("shared beyond the organisation since"), null=True, blank=True
    )
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("X-factor profile")
        verbose_name_plural = _("X-factor profiles")
        ordering = ["person__full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shared_at__isnull=True, share_token__isnull=True)
                | models.Q(shared_at__isnull=False, share_token__isnull=False),
                name="profiles_profile_shared_with_token",
            ),
        ]

    def __str__(self) -> str:
        return str(_("The X-factor of %(name)s") % {"name": self.person.full_name})

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None
