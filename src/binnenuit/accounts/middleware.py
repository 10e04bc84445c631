from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SESSION_LOGIN_AT = "binnenuit_login_at"


class AbsoluteSessionTimeoutMiddleware:
    """Ends a session 12 hours after login, however active it was (idle expiry is Django's)."""

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
