from __future__ import annotations

from django.urls import path

from binnenuit.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/nieuw/", views.organisation_create, name="organisation-create"),
    path("o/<slug:org_slug>/bewerken/", views.organisation_update, name="organisation-update"),
    path("o/<slug:org_slug>/archiveren/", views.organisation_archive, name="organisation-archive"),
    path("o/<slug:org_slug>/logo/", views.organisation_logo, name="organisation-logo"),
    path("o/<slug:org_slug>/dagdelen/", views.organisation_day_parts, name="day-parts"),
    path("o/<slug:org_slug>/locaties/", views.location_list, name="location-list"),
    path("o/<slug:org_slug>/locaties/nieuw/", views.location_create, name="location-create"),
    path(
        "o/<slug:org_slug>/locaties/<int:pk>/bewerken/",
        views.location_update,
        name="location-update",
    ),
    path("o/<slug:org_slug>/medewerkers/", views.person_list, name="person-list"),
    path("o/<slug:org_slug>/medewerkers/nieuw/", views.person_create, name="person-create"),
    path(
        "o/<slug:org_slug>/medewerkers/<int:pk>/bewerken/",
        views.person_update,
        name="person-update",
    ),
    path("o/<slug:org_slug>/toegang/", views.access_list, name="access-list"),
    path(
        "o/<slug:org_slug>/toegang/uitnodigen/",
        views.invitation_create,
        name="invitation-create",
    ),
    path(
        "o/<slug:org_slug>/toegang/<int:pk>/rol/",
        views.membership_role,
        name="membership-role",
    ),
    path(
        "o/<slug:org_slug>/toegang/<int:pk>/deactiveren/",
        views.membership_deactivate,
        name="membership-deactivate",
    ),
    path(
        "o/<slug:org_slug>/toegang/<int:pk>/tweestaps-herstellen/",
        views.two_factor_reset,
        name="two-factor-reset",
    ),
    path(
        "o/<slug:org_slug>/uitnodigingen/<int:pk>/opnieuw/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "o/<slug:org_slug>/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
