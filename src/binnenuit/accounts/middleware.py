from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from binnenuit.accounts.two_factor import has_device, needs_second_step

SESSION_LOGIN_AT = "binnenuit_login_at"
SESSION_SEEN_AT = "binnenuit_seen_at"


class AbsoluteSessionTimeoutMiddleware:
    """Ends a session 30 minutes after the last request and 12 hours after login.

    The idle limit is Django's cookie and session expiry, renewed when the session is saved.
    Saving it on every request would make every page view a database write; it is renewed
    once a minute instead (``SESSION_RENEW_AFTER``), so a session ends between 29 and 30
    minutes after the last request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            now = time.time()
            if login_at is None:
                request.session[SESSION_LOGIN_AT] = now
            elif now - float(login_at) > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                return self.get_response(request)
            if now - float(request.session.get(SESSION_SEEN_AT, 0)) > settings.SESSION_RENEW_AFTER:
                request.session[SESSION_SEEN_AT] = now  # saved, and so renewed, with the answer
        return self.get_response(request)


class TwoStepLoginMiddleware:
    """Sends a login that still owes its second step (or must set it up) to do that first.

    Only the pages that complete the login, log out or change the language stay open.
    """

    OPEN = (
        "accounts:two-factor-verify",
        "accounts:two-factor-setup",
        "accounts:two-factor-codes",
        "accounts:logout",
        "set-language",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_second_step(request) and not self._open(request):
            target = (
                "accounts:two-factor-verify"
                if has_device(request.user)
                else ("accounts:two-factor-setup")
            )
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _open(self, request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in self.OPEN
