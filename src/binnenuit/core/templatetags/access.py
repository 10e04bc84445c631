from __future__ import annotations

from typing import Any

from django import template

from binnenuit import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: template.Context, action: str, obj: Any = None) -> bool:
    """``{% can "people.manage" as may_manage %}``: the access rule, never a copy of it."""
    actor = context.get("current_actor")
    return actor is not None and access.can(actor, action, obj)
