from __future__ import annotations

from typing import Any

from django import template

from binnenuit.core import access
from binnenuit.core.tables import Column

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: template.Context, action: str, obj: Any = None) -> bool:
    """``{% can "people.manage" as may_manage %}``: the access rule, never a copy of it."""
    return access.can(context.get("current_actor"), action, obj)


@register.simple_tag(takes_context=True)
def visible_columns(context: template.Context, columns: list[Column]) -> list[Column]:
    """The table's columns this actor may see (a column with a rule shows only when allowed)."""
    actor = context.get("current_actor")
    return [c for c in columns if not c.rule or access.can(actor, c.rule)]
