from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binnenuit.accounts import two_factor
from binnenuit.accounts.forms import (
    CodeForm,
    EmailAuthenticationForm,
    ResetRequestForm,
    SetupCodeForm,
    StyledPasswordChangeForm,
    StyledSetPasswordForm,
)
from binnenuit.accounts.throttling import address_locked_out, address_over_limit
from binnenuit.core.forms import ConfirmForm
from binnenuit.core.ratelimit import public_form_over_limit


class LoginView(auth_views.LoginView):
    """Django's login, refused for an hour to an address that guessed too often."""

    authentication_form = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if address_over_limit(request):
            return address_locked_out(request)
        return super().post(request, *args, **kwargs)


NEW_CODES = "binnenuit_new_recovery_codes"


def _next(request: HttpRequest) -> str:
    """Where to go after this step: the page asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("dashboard:home")


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: a code from the app, or a recovery code."""
    if not two_factor.has_device(request.user):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error(
            "code",
            _("This code is not right, or no longer valid. Try the code the app shows now."),
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code, type the code the app shows; then save the recovery codes."""
    if two_factor.has_device(request.user):
        messages.info(request, _("Two-step login is already set up for your login."))
        return redirect("accounts:account")
    device = two_factor.setup_device(request.user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_device(request, device, form.cleaned_data["code"])
        if codes is not None:
            request.session[NEW_CODES] = codes
            url = reverse("accounts:two-factor-codes")
            return redirect(f"{url}?{urlencode({'next': _next(request)})}")
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try again.")
        )
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_for_typing(device),
        "required": two_factor.required_for(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once: after setting up, or when asked for new ones."""
    if request.method == "POST":
        if not two_factor.has_device(request.user):
            return redirect("accounts:two-factor-setup")
        request.session[NEW_CODES] = two_factor.new_recovery_codes(request.user)
        return redirect("accounts:two-factor-codes")
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        return redirect("accounts:account")
    return render(
        request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request)}
    )


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_off(request: HttpRequest) -> HttpResponse:
    """Turn two-step login off, for whom it is not required."""
    if two_factor.required_for(request.user):
        messages.error(request, _("Your role needs two-step login; it cannot be turned off."))
        return redirect("accounts:account")
    if request.method == "POST":
        two_factor.remove_devices(request.user)
        messages.success(request, _("Two-step login is off. You log in with your password."))
        return redirect("accounts:account")
    return render(request, "accounts/two_factor_off.html", {"form": ConfirmForm()})


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "has_device": two_factor.has_device(request.user),
        "required": two_factor.required_for(request.user),
    }
    return render(request, "accounts/account.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a new password; the page says the same whether the address is known or not."""

    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if public_form_over_limit(request, "password-reset", limit=10):
            return address_locked_out(request)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = StyledSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = StyledPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)
