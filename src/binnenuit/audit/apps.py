from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "binnenuit.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from binnenuit.audit import (  # noqa: F401  (rules, privacy register, periodic prune)
            privacy,
            recording,
            rules,
            tasks,
        )

        recording.register()
