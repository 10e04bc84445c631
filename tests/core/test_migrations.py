"""Migrations go back and forth over a database with data in it, on the suite's database kind.

The demo is loaded, every migration of this project's apps is reversed, and applied again:
the rounds keep their stage, and the database invariants come back.
"""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from django.db import connection

from tests.commands import run_manage


@pytest.fixture
def scratch_database(tmp_path) -> dict[str, str]:
    """An empty database of the kind the suite runs on, for manage.py in a subprocess."""
    env = {"BINNENUIT_DATA_DIR": str(tmp_path)}
    if connection.vendor != "postgresql":
        yield env
        return
    name = f"binnenuit_migrations_{uuid.uuid4().hex[:8]}"
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(
        server.replace("postgres://", "postgresql://") + "/postgres", autocommit=True
    ) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield {**env, "DATABASE_URL": f"{server}/{name}"}
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACK_AND_FORTH = """
from django.core.management import call_command
from binnenuit.trajectories.models import Round

def stages():
    return sorted(Round.objects.values_list("stage", flat=True))

call_command("migrate", verbosity=0)
call_command("seed_demo", verbosity=0)
before = stages()
for app, target in (("organisations", "0001"), ("catalogue", "0002"), ("core", "zero")):
    call_command("migrate", app, target, verbosity=0)
call_command("migrate", verbosity=0)
print(before, stages())
"""


def test_every_migration_reverses_and_reapplies_with_the_demo_loaded(scratch_database):
    """One process: migrate, load the demo, reverse every app's migrations, migrate again."""
    result = run_manage("shell", "-v0", "-c", BACK_AND_FORTH, **scratch_database)
    assert result.returncode == 0, result.stdout + result.stderr
    stages = str(["round_1"] * 3 + ["round_2"] * 3)  # the demo's three trajectories
    assert result.stdout.strip().splitlines()[-1] == f"{stages} {stages}"
