from __future__ import annotations

from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("binnenuit.accounts.urls")),
    path("", include("binnenuit.dashboard.urls")),
    path("", include("binnenuit.organisations.urls")),
    path("", include("binnenuit.trajectories.urls")),
    path("", include("binnenuit.attendance.urls")),
    path("", include("binnenuit.recruitment.urls")),
    path("", include("binnenuit.catalogue.urls")),
    path("", include("binnenuit.privacy.urls")),
    path("", include("binnenuit.audit.urls")),
    path("", include("binnenuit.offers.urls")),
    path("", include("binnenuit.calendars.urls")),
    path("", include("binnenuit.profiles.urls")),
    path("", include("binnenuit.scan.urls")),
    path("", include("binnenuit.coaching.urls")),
    path("", include("binnenuit.demo.urls")),
    path("taal/", set_language, name="set-language"),
]
