from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the header needs: the organisation set by the access decorator, and its brand."""
    org = getattr(request, "org", None)
    actor = getattr(request, "actor", None)
    user = getattr(request, "user", None)
    return {
        "current_org": org,
        "current_actor": actor,
        "is_provider_staff": bool(
            user is not None and user.is_authenticated and user.is_provider_staff
        ),
        "brand_colour": org.brand_colour if org is not None else "",
    }
