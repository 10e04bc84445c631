"""PostgreSQL: trigram indexes for the employee search, a substring match over four columns.

The search filters ``UPPER(column::text) LIKE UPPER('%…%')`` (Django's ``icontains``), which a
b-tree index cannot serve; a GIN trigram index on the same expression can. SQLite has neither
the extension nor the need.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ["full_name", "email", "department", "team"]


def _name(column):
    return f"organisations_person_{column}_trgm"


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(column)} ON organisations_person "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(column)}")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_archive_name_index_protect")]

    operations = [TrigramExtension(), migrations.RunPython(add, remove)]
