from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from binnenuit.demo.builder import DEMO_PASSWORD, LOGINS, demo_build


class Command(BaseCommand):
    help = "Build (or rebuild) the two demo organisations with their fixed demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        demo_build()
        self.stdout.write(
            self.style.SUCCESS("Demo geladen. Inloggen met wachtwoord: " + DEMO_PASSWORD)
        )
        for login in LOGINS:
            self.stdout.write(f"  {login.email:<36} {login.role:<14} {login.organisation}")
