"""Hooks for django-axes, which slows down password guessing on the login page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def attempted_email(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail address tried, as the login form reads it: "ANS@x.nl" counts as "ans@x.nl"."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()


def locked_out(request: HttpRequest, response: Any, credentials: Any) -> HttpResponse:
    """The answer while an e-mail address and IP address wait after too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
