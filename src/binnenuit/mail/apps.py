from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "binnenuit.mail"
    verbose_name = _("Mail")

    def ready(self) -> None:
        from binnenuit.mail import (  # noqa: F401
            privacy,  # declares the outbox in the privacy register
            tasks,  # registers the periodic tasks (the mail sweep)
        )
