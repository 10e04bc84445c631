from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "binnenuit.offers"
    verbose_name = _("Quotes and invoices")
