from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "binnenuit.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from binnenuit.catalogue import rules  # noqa: F401  (registers the app's access rules)
