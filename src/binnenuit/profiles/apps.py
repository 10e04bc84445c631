from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "binnenuit.profiles"
    verbose_name = _("X-factor profiles")

    def ready(self) -> None:
        from binnenuit.profiles import privacy, rules  # noqa: F401
