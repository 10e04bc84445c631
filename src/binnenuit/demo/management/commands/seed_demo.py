from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from binnenuit.demo.builder import (
    DEMO_PASSWORD,
    LOGINS,
    TWO_STEP_EMAIL,
    demo_build,
    two_step_secret,
)


class Command(BaseCommand):
    help = "Build (or rebuild) the two demo organisations with their fixed demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_ALLOWED:
            raise CommandError(
                "The demo, with its well-known passwords, is not loaded in production. "
                "Set BINNENUIT_ALLOW_DEMO=true only on a test or benchmark installation."
            )
        demo_build()
        self.stdout.write(
            self.style.SUCCESS("Demo geladen. Inloggen met wachtwoord: " + DEMO_PASSWORD)
        )
        for login in LOGINS:
            self.stdout.write(f"  {login.email:<36} {login.role:<14} {login.organisation}")
        self.stdout.write(
            f"Tweestapsverificatie voor {TWO_STEP_EMAIL}: voeg in een authenticator-app een "
            f"account toe met de sleutel {two_step_secret()} (TOTP, 6 cijfers, 30 seconden)."
        )
