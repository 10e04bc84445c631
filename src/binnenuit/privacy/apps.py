from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "binnenuit.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from binnenuit.privacy import (  # noqa: F401  (register the rules and the retention job)
            rules,
            tasks,
        )
