from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

FIELDS = [Column(_("Field")), Column(_("Value")), Column(_("Kind of personal data"))]
AUDIT = [Column(_("When")), Column(_("What")), Column(_("By")), Column(_("Changes"))]
RETENTION = [Column(_("What")), Column(_("Number"), numeric=True), Column(_("Record keys"))]
