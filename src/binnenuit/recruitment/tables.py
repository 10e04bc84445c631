from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.tables import Column

CATEGORIES = [Column(_("Kind of work")), Column(_("Selected"), numeric=True)]
DEPARTMENTS = [Column(_("Department")), Column(_("Selected"), numeric=True)]
