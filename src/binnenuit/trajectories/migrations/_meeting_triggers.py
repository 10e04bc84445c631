"""SQLite's triggers for a meeting's round and module (see migration 0005), for migrations
that rebuild the meeting table on SQLite, which drops a table's triggers. Not a migration
itself: the loader skips modules whose name starts with an underscore."""

LINKS = [
    # name, child column, its scope, parent table, the parent's scope column
    ("trajectories_meeting_round_in_trajectory", "round_id", "trajectory_id",
     "trajectories_round", "trajectory_id"),
    ("trajectories_meeting_module_in_round", "module_id", "round_id",
     "trajectories_module", "round_id"),
]


def _statements(name, key, scope, parent, parent_scope):
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


def recreate(apps, schema_editor):
    """On SQLite: the triggers again, as migration 0005 made them (elsewhere: nothing)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for link in LINKS:
        create, drop = _statements(*link)
        for statement in [*drop, *create]:
            schema_editor.execute(statement)


def nothing(apps, schema_editor):
    pass
