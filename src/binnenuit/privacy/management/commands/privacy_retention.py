"""``manage.py privacy_retention``: anonymise what the retention periods say should go.

The worker runs the same job once a day (``privacy.tasks``); ``--dry-run`` changes nothing
and prints what would go: counts and record keys, never names.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from binnenuit.privacy import services
from binnenuit.privacy.selectors import RetentionDue


def report_lines(due: RetentionDue) -> list[str]:
    def keys(pks: list[int]) -> str:
        return f" (ids {', '.join(map(str, pks))})" if pks else ""

    return [
        f"Employees who left more than {settings.PRIVACY_LEFT_DAYS} days ago: "
        f"{len(due.people_who_left)}{keys(due.people_who_left)}",
        f"Invitations expired unused more than {settings.PRIVACY_INVITATION_DAYS} days ago: "
        f"{len(due.unused_invitations)}{keys(due.unused_invitations)}",
        f"Logins without a login for more than {settings.PRIVACY_STALE_LOGIN_DAYS} days: "
        f"{len(due.stale_logins)}{keys(due.stale_logins)}",
        f"Guests of meetings held more than {settings.PRIVACY_GUEST_DAYS} days ago: "
        f"{len(due.past_guests)}{keys(due.past_guests)}",
        f"Login records older than {settings.PRIVACY_LOGIN_LOG_DAYS} days: {due.login_records}",
        f"Ended sessions: {due.ended_sessions}",
    ]


class Command(BaseCommand):
    help = "Anonymise leavers, unused invitations, stale logins and past guests after their period."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Change nothing; print what would be anonymised or removed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        due = services.retention_run(dry_run=dry_run)
        heading = "Would anonymise or remove:" if dry_run else "Anonymised or removed:"
        self.stdout.write(heading)
        for line in report_lines(due):
            self.stdout.write(f"  {line}")
        if not due.total:
            self.stdout.write(self.style.SUCCESS("Nothing is past its retention period."))
