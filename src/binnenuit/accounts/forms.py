from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
