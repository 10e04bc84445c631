from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from binnenuit.core.access import request_actor


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the header needs: the actor (for ``{% can %}``), the organisation and its brand."""
    org = getattr(request, "org", None)
    return {
        "current_org": org,
        "current_actor": request_actor(request),
        "brand_colour": org.brand_colour if org is not None else "",
    }
