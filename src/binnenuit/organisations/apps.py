from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "binnenuit.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from binnenuit.organisations import (
            privacy,  # noqa: F401  (its entries in the privacy register)
            rules,  # noqa: F401  (registers the app's access rules)
        )
