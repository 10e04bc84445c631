from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "binnenuit.scan"
    verbose_name = _("Organisation scans")

    def ready(self) -> None:
        from binnenuit.scan import privacy, rules, tasks  # noqa: F401
