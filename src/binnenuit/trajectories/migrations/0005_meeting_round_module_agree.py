"""A meeting's round belongs to its trajectory, and its module to its round, in the database.

PostgreSQL: composite foreign keys onto the (id, trajectory) and (id, round) keys that
migration 0004 made unique. SQLite cannot add a foreign key to an existing table: triggers
refuse the same rows. SQLite drops a table's triggers when a later migration rebuilds the
table; ``tests/core/test_invariants.py`` fails then, on both databases.
"""

from django.db import migrations

LINKS = [
    # name, child column, parent column pair
    ("trajectories_meeting_round_in_trajectory", "round_id", "trajectory_id",
     "trajectories_round", "trajectory_id"),
    ("trajectories_meeting_module_in_round", "module_id", "round_id",
     "trajectories_module", "round_id"),
]


def _postgresql(name, key, scope, parent, parent_scope):
    return (
        f"ALTER TABLE trajectories_meeting ADD CONSTRAINT {name} "
        f"FOREIGN KEY ({key}, {scope}) REFERENCES {parent} (id, {parent_scope}) "
        "DEFERRABLE INITIALLY DEFERRED",
        f"ALTER TABLE trajectories_meeting DROP CONSTRAINT {name}",
    )


def _sqlite(name, key, scope, parent, parent_scope):
    check = (
        f"WHEN NEW.{key} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent} "
        f"WHERE id = NEW.{key} AND {parent_scope} = NEW.{scope}) "
        f"BEGIN SELECT RAISE(ABORT, '{name}'); END"
    )
    create = [
        f"CREATE TRIGGER {name}_insert BEFORE INSERT ON trajectories_meeting {check}",
        f"CREATE TRIGGER {name}_update BEFORE UPDATE OF {key}, {scope} "
        f"ON trajectories_meeting {check}",
    ]
    drop = [f"DROP TRIGGER IF EXISTS {name}_insert", f"DROP TRIGGER IF EXISTS {name}_update"]
    return create, drop


def add(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for link in LINKS:
        if vendor == "postgresql":
            schema_editor.execute(_postgresql(*link)[0])
        elif vendor == "sqlite":
            for statement in _sqlite(*link)[0]:
                schema_editor.execute(statement)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for link in LINKS:
        if vendor == "postgresql":
            schema_editor.execute(_postgresql(*link)[1])
        elif vendor == "sqlite":
            for statement in _sqlite(*link)[1]:
                schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("trajectories", "0004_round_by_stage_and_invariants")]

    operations = [migrations.RunPython(add, remove)]
