"""Data: the competence framework of version 1 for every programme version there is.

The rows come from ``binnenuit.catalogue.framework_v1.seed``, the one seed the tests use too;
each version's round-2 themes get the competences they train.
"""

from django.db import migrations

from binnenuit.catalogue import framework_v1


def add_framework(apps, schema_editor):
    for template in apps.get_model("catalogue", "ProgrammeTemplate").objects.all():
        framework_v1.seed(
            template=template,
            principle_model=apps.get_model("catalogue", "Principle"),
            competence_model=apps.get_model("catalogue", "Competence"),
            theme_model=apps.get_model("catalogue", "Theme"),
        )


def remove_framework(apps, schema_editor):
    apps.get_model("catalogue", "Theme").competences.through.objects.all().delete()
    apps.get_model("catalogue", "Competence").objects.all().delete()
    apps.get_model("catalogue", "Principle").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_competence_framework")]

    operations = [migrations.RunPython(add_framework, remove_framework)]
