from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "binnenuit.recruitment"
    verbose_name = _("Recruitment and selection")

    def ready(self) -> None:
        from binnenuit.recruitment import (
            panels,  # noqa: F401  (what recruitment shows on a trajectory's timeline)
            privacy,  # noqa: F401  (its entries in the privacy register)
            rules,  # noqa: F401  (registers the app's access rules)
        )
