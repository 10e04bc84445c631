from __future__ import annotations

from django.urls import path

from binnenuit.recruitment import views

app_name = "recruitment"

urlpatterns = [
    path("o/<slug:org_slug>/rondes/<int:pk>/oproep/", views.call_open, name="call-open"),
    path("o/<slug:org_slug>/oproepen/<int:pk>/", views.call_detail, name="call-detail"),
    path("o/<slug:org_slug>/oproepen/<int:pk>/bewerken/", views.call_update, name="call-update"),
    path("o/<slug:org_slug>/oproepen/<int:pk>/sluiten/", views.call_close, name="call-close"),
    path(
        "o/<slug:org_slug>/oproepen/<int:pk>/selectie/",
        views.selection_board,
        name="selection",
    ),
    path(
        "o/<slug:org_slug>/aanmeldingen/<int:pk>/besluit/",
        views.application_decide,
        name="application-decide",
    ),
    # Public: no login. The privacy text first, so that no key can shadow it.
    path("aanmelden/privacy/", views.applicant_privacy, name="applicant-privacy"),
    path("aanmelden/<str:token>/", views.apply, name="apply"),
    path("aanmelden/<str:token>/bedankt/", views.apply_thanks, name="apply-thanks"),
]
