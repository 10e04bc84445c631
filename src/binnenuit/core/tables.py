"""The columns of a table, for the one table component (``components/table.html``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    label: str | Promise
    numeric: bool = False
    rule: str = ""  # when set, the column shows only to actors this access rule allows
