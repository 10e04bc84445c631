from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from binnenuit.accounts.forms import EmailAuthenticationForm
from binnenuit.accounts.throttling import address_locked_out, address_over_limit


class LoginView(auth_views.LoginView):
    """Django's login, refused for an hour to an address that guessed too often."""

    authentication_form = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if address_over_limit(request):
            return address_locked_out(request)
        return super().post(request, *args, **kwargs)
