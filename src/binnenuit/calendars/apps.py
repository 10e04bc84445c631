from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "binnenuit.calendars"
    verbose_name = _("Calendars and invitations")
