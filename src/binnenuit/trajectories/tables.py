from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

MEETINGS = [
    Column(_("Module")),
    Column(_("Date")),
    Column(_("Part of day")),
    Column(_("Location")),
    Column(_("Status")),
]
MEMBERS = [
    Column(_("Name")),
    Column(_("Job title")),
    Column(_("Department")),
    Column(_("Status")),
    Column(_("Action"), rule="trajectory.manage"),
]
CANDIDATES = [
    Column(_("Name")),
    Column(_("Job title")),
    Column(_("Department")),
    Column(_("Action")),
]
GUESTS = [
    Column(_("Name")),
    Column(_("E-mail address")),
    Column(_("Organisation or neighbourhood")),
    Column(_("Invited")),
    Column(_("Action")),
]
TO_PLAN = [
    Column(_("Meeting")),
    Column(_("Part of the programme")),
    Column(_("Date")),
    Column(_("Still to do")),
    Column(_("Action")),
]
