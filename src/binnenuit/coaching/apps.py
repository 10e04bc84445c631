from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "binnenuit.coaching"
    verbose_name = _("Matching and coaching")

    def ready(self) -> None:
        from binnenuit.coaching import privacy, rules  # noqa: F401
