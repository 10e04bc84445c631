"""The demo's own pages: the outbox, where the mail the demo "sends" can be read."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from binnenuit.core.access import ActorRequest, user_view
from binnenuit.mail.outbox import outbox_messages

OUTBOX_LIMIT = 100


def demo_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 wherever the demo is not allowed (production), before anything else is asked."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.DEMO_ALLOWED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@demo_only
@user_view("demo.outbox")
def outbox(request: ActorRequest) -> HttpResponse:
    mails = outbox_messages(settings.OUTBOX_DIR, limit=OUTBOX_LIMIT)
    context = {"mails": mails, "limit": OUTBOX_LIMIT, "full": len(mails) >= OUTBOX_LIMIT}
    return render(request, "demo/outbox.html", context)
