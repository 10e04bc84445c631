from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from binnenuit.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/tweede-stap/", views.two_factor_verify, name="two-factor-verify"),
    path("account/", views.account, name="account"),
    path("account/tweestaps/instellen/", views.two_factor_setup, name="two-factor-setup"),
    path("account/tweestaps/herstelcodes/", views.two_factor_codes, name="two-factor-codes"),
    path("account/tweestaps/uitzetten/", views.two_factor_off, name="two-factor-off"),
    path("account/wachtwoord/", views.PasswordChangeView.as_view(), name="password-change"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
