"""The product's URLs plus ``/bench/hello/``, the trivial page every page is compared with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from binnenuit.config.urls import urlpatterns as product_urlpatterns


@require_GET
def hello(request: HttpRequest) -> HttpResponse:
    """The cheapest answer the full middleware stack can give: the baseline."""
    return HttpResponse("hallo", content_type="text/plain")


urlpatterns = [*product_urlpatterns, path("bench/hello/", hello, name="bench-hello")]
