from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django_htmx.http import HttpResponseClientRedirect


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """Full redirect for plain forms; an HX-Redirect for HTMX requests."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def page_or_partial(request: HttpRequest, template: str, partial: str) -> str:
    """The page template, or one of its partials when HTMX asks for a fragment."""
    return f"{template}#{partial}" if getattr(request, "htmx", False) else template
