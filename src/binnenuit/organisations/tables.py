from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

PEOPLE = [
    Column(_("Name")),
    Column(_("Function")),
    Column(_("Department")),
    Column(_("Team")),
    Column(_("Line manager")),
]
