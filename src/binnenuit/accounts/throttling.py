"""Password guessing is slowed down, without letting anyone lock a colleague out.

Two limits, both kept in the database so that every process shares them:
- django-axes: after ``AXES_FAILURE_LIMIT`` wrong passwords for one e-mail address *from one
  address*, that pair waits ``AXES_COOLOFF_TIME``. Someone guessing elsewhere does not stop
  the real person, who logs in from their own address;
- per address: at most ``LOGIN_FAILURES_PER_ADDRESS`` wrong passwords an hour across all
  e-mail addresses, however many accounts are tried.

The address is the real client's (``core.http.client_ip``): behind our own proxies the one they
forwarded, and never what a client writes into X-Forwarded-For itself.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from binnenuit.core import ratelimit
from binnenuit.core.http import client_ip

HOUR = datetime.timedelta(hours=1)


def client_address(request: HttpRequest) -> str:
    """The address axes counts failures for (``AXES_CLIENT_IP_CALLABLE``)."""
    return client_ip(request)


def attempted_email(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail address tried, as the login form reads it: "ANS@x.nl" counts as "ans@x.nl"."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()


def locked_out(request: HttpRequest, response: Any, credentials: Any) -> HttpResponse:
    """The answer while an e-mail address and IP address wait after too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _address_key(request: HttpRequest) -> str:
    return f"login-failure:{client_ip(request)}"


def address_over_limit(request: HttpRequest) -> bool:
    """Whether this address used up its wrong passwords for the hour."""
    return ratelimit.exceeded(
        _address_key(request), limit=settings.LOGIN_FAILURES_PER_ADDRESS, window=HOUR
    )


def address_locked_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/address_locked_out.html", status=429)


@receiver(user_login_failed)
def count_failure_for_address(
    sender: Any, credentials: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is not None:
        ratelimit.hit(_address_key(request))
