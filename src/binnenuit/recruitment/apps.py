from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "binnenuit.recruitment"
    verbose_name = _("Recruitment and selection")
