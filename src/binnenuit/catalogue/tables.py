from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

VERSIONS = [
    Column(_("Version")),
    Column(_("Status")),
    Column(_("Themes"), numeric=True),
    Column(_("Competences"), numeric=True),
    Column(_("Trajectories"), numeric=True),
]
STEPS = [Column(_("Stage")), Column(_("Title")), Column(_("Description"))]
DRAFT_STEPS = [*STEPS, Column(_("Action"))]
