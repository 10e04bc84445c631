"""Data: version 1 of the programme and its theme catalogue, in our own words.

The rows come from ``binnenuit.catalogue.programme_v1``, the one seed the tests use too; that
module is frozen, so this migration creates exactly what it always created.
"""

from django.db import migrations

from binnenuit.catalogue import programme_v1


def create_version_1(apps, schema_editor):
    programme_v1.seed(
        template_model=apps.get_model("catalogue", "ProgrammeTemplate"),
        step_model=apps.get_model("catalogue", "ModuleTemplate"),
        theme_model=apps.get_model("catalogue", "Theme"),
    )


def remove_version_1(apps, schema_editor):
    ProgrammeTemplate = apps.get_model("catalogue", "ProgrammeTemplate")
    ProgrammeTemplate.objects.filter(version=1, trajectories__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(create_version_1, remove_version_1)]
