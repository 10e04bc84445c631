from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

ORGANISATIONS = [
    Column(_("Name")),
    Column(_("CBS code")),
    Column(_("Employees"), numeric=True),
    Column(_("Trajectories")),
]
