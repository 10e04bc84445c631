from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bench_hello(request: HttpRequest) -> HttpResponse:
    """The baseline `./dev bench` compares every page with; off unless BINNENUIT_BENCH is set."""
    if not settings.BENCH_HELLO_ENABLED:
        raise Http404
    return HttpResponse("hallo", content_type="text/plain")
