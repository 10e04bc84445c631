from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "binnenuit.attendance"
    verbose_name = _("Attendance")

    def ready(self) -> None:
        # Its access rules. The app has no models of its own: the field it added to
        # trajectories.Round is declared in trajectories.privacy.
        from binnenuit.attendance import rules  # noqa: F401
