from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binnenuit.core.forms import StyledFormMixin
from binnenuit.mail.services import mail_queue


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is not correct. Check both and try again."
        ),
        "inactive": _("This account is not active."),
    }

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        return username.lower()


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
        error_messages={"required": _("Enter the code.")},
    )


class SetupCodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("After scanning, the app shows 6 digits that change every 30 seconds."),
        error_messages={"required": _("Enter the 6 digits from the app.")},
    )


class ResetRequestForm(StyledFormMixin, PasswordResetForm):
    """Django's reset form, its mail sent through Binnenuit's outbox (and so the worker)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter the e-mail address you log in with.")},
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        link = settings.SITE_URL + reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        mail_queue(
            to=to_email,
            template="password_reset",
            context={"name": context["user"].full_name, "url": link},
        )


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    """Django's "choose a new password" form with our field styling and Dutch texts."""


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    """Django's "change your password" form with our field styling."""
