"""``manage.py worker`` (``./dev worker``): the background worker.

It runs django-tasks-db's worker loop (``db_worker``, with all of its options) on the
database of the settings, the same one the web server uses, and beside it a thread that
enqueues every periodic task (``core.periodic``) when it is due (``mail.schedule``).
"""

from __future__ import annotations

import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from binnenuit.mail.schedule import Scheduler, load_periodic_tasks


class Command(DbWorkerCommand):
    help = "Run the background worker: queued tasks (e-mail first) and the periodic tasks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=10.0,
            help="Seconds between two looks at the periodic tasks (default: %(default)s)",
        )
        # db_worker reloads on code changes when DEBUG: the reloader's second process would
        # run a second scheduler. Restart the worker after changing a task instead.
        parser.set_defaults(reload=False)

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if verbosity == 1:
            # Every task run (the mail sweep, each minute) would be two lines: show failures,
            # and what happened to each mail.
            logging.getLogger("django.tasks").setLevel(logging.WARNING)
            logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        if verbosity >= 1:
            logging.getLogger("binnenuit.mail").setLevel(logging.INFO)

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("reload"):
            raise CommandError("The worker does not reload; restart it after changing a task.")
        interval = options.pop("schedule_interval")
        periodics = load_periodic_tasks()
        if options["verbosity"] >= 1:
            db = connection.settings_dict
            self.stdout.write(
                f"Worker on the {connection.vendor} database {db['NAME']}; "
                f"periodic tasks: {', '.join(sorted(periodics)) or 'none'}."
            )
        scheduler = Scheduler(interval=interval)
        scheduler.start()
        try:
            super().handle(*args, **options)
        finally:
            scheduler.stop()
