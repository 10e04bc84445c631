"""Data: the selection criteria of version 1, per round, in our own words.

The rows come from ``binnenuit.catalogue.programme_v1.seed_criteria``, the one seed the tests
use too. Calls copy their criteria when they open, so taking these away again changes no call.
"""

from django.db import migrations

from binnenuit.catalogue import programme_v1


def add_criteria(apps, schema_editor):
    programme_v1.seed_criteria(
        template_model=apps.get_model("catalogue", "ProgrammeTemplate"),
        criterion_model=apps.get_model("catalogue", "SelectionCriterion"),
    )


def remove_criteria(apps, schema_editor):
    SelectionCriterion = apps.get_model("catalogue", "SelectionCriterion")
    SelectionCriterion.objects.filter(template__version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_selectioncriterion")]

    operations = [migrations.RunPython(add_criteria, remove_criteria)]
