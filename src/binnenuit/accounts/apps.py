from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "binnenuit.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from binnenuit.accounts import (  # noqa: F401  (connect their receivers)
            privacy,  # noqa: F401  (its entries in the privacy register)
            signals,
            throttling,
        )
