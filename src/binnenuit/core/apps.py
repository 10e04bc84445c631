from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "binnenuit.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from binnenuit.core import (
            privacy_register,  # noqa: F401  (core's privacy register entries)
            ratelimit,  # noqa: F401  (registers its periodic prune)
        )
