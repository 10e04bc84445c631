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

MEMBERS = [
    Column(_("Name")),
    Column(_("Role")),
    Column(_("Status")),
    Column(_("Last logged in")),
    Column(_("Action")),
]
INVITATIONS = [
    Column(_("Name")),
    Column(_("Role")),
    Column(_("Invited by")),
    Column(_("Valid until")),
    Column(_("Action")),
]

LOCATIONS = [
    Column(_("Name")),
    Column(_("Address")),
    Column(_("Rooms")),
    Column(_("Capacity"), numeric=True),
]
