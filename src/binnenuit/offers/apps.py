from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "binnenuit.offers"
    verbose_name = _("Quotes and invoices")

    def ready(self) -> None:
        from binnenuit.offers import (
            panels,  # noqa: F401  (the quote's panel on a trajectory's timeline)
            privacy,  # noqa: F401  (its entries in the privacy register)
            rules,  # noqa: F401  (registers the app's access rules)
            tasks,  # noqa: F401  (the daily expiry of quotes and invoicing of rounds)
        )
