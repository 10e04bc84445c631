from __future__ import annotations

from django.urls import path

from binnenuit.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/nieuw/", views.organisation_create, name="organisation-create"),
    path("o/<slug:org_slug>/bewerken/", views.organisation_update, name="organisation-update"),
    path("o/<slug:org_slug>/archiveren/", views.organisation_archive, name="organisation-archive"),
    path("o/<slug:org_slug>/logo/", views.organisation_logo, name="organisation-logo"),
    path("o/<slug:org_slug>/medewerkers/", views.person_list, name="person-list"),
    path("o/<slug:org_slug>/medewerkers/nieuw/", views.person_create, name="person-create"),
    path(
        "o/<slug:org_slug>/medewerkers/<int:pk>/bewerken/",
        views.person_update,
        name="person-update",
    ),
]
