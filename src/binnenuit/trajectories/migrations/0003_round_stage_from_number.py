"""Data: a round's stage from its number (1 → round 1, 2 → round 2), and back."""

from django.db import migrations

STAGE_OF_NUMBER = {1: "round_1", 2: "round_2"}
KIND_OF_STAGE = {"round_1": "trainers", "round_2": "colleagues"}


def stage_from_number(apps, schema_editor):
    Round = apps.get_model("trajectories", "Round")
    for number, stage in STAGE_OF_NUMBER.items():
        Round.objects.filter(number=number, stage__isnull=True).update(stage=stage)
    strays = Round.objects.filter(stage__isnull=True).count()
    if strays:
        raise RuntimeError(f"{strays} round(s) have a number other than 1 or 2; no stage fits.")


def number_from_stage(apps, schema_editor):
    Round = apps.get_model("trajectories", "Round")
    for number, stage in STAGE_OF_NUMBER.items():
        Round.objects.filter(stage=stage).update(number=number, kind=KIND_OF_STAGE[stage])


class Migration(migrations.Migration):
    dependencies = [("trajectories", "0002_round_stage_organisation_protected")]

    operations = [migrations.RunPython(stage_from_number, number_from_stage)]
