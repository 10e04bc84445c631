"""``manage.py audit_prune [--dry-run]``: remove audit entries past the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from binnenuit.audit.tasks import expired, prune


class Command(BaseCommand):
    help = "Removes audit trail entries older than AUDIT_RETENTION_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the entries that would go."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.AUDIT_RETENTION_DAYS
        if options["dry_run"]:
            count = expired().count()
            self.stdout.write(f"{count} audit entries older than {days} days would be removed.")
        else:
            count = prune()
            self.stdout.write(f"{count} audit entries older than {days} days removed.")
