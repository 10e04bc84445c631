from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

ENTRIES = [
    Column(_("When")),
    Column(_("Who")),
    Column(_("What happened")),
    Column(_("Concerns")),
    Column(_("Changes")),
    Column(_("IP address")),
]
