from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "binnenuit.calendars"
    verbose_name = _("Calendars and invitations")

    def ready(self) -> None:
        from binnenuit.calendars import (
            privacy,  # noqa: F401  (its entries in the privacy register)
            receivers,  # noqa: F401  (sends the invitations when a meeting changes)
            rules,  # noqa: F401  (registers the app's access rules)
        )
