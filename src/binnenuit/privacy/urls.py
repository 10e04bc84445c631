from __future__ import annotations

from django.urls import path

from binnenuit.privacy import views

app_name = "privacy"

urlpatterns = [
    path("o/<slug:org_slug>/medewerkers/<int:pk>/gegevens/", views.person_data, name="person-data"),
    path(
        "o/<slug:org_slug>/medewerkers/<int:pk>/gegevens/json/",
        views.person_data_json,
        name="person-data-json",
    ),
    path(
        "o/<slug:org_slug>/medewerkers/<int:pk>/anonimiseren/",
        views.person_erase,
        name="person-erase",
    ),
    path("mijn-gegevens/", views.own_data, name="own-data"),
    path("mijn-gegevens/json/", views.own_data_json, name="own-data-json"),
    path("privacy/verwerkingsregister/", views.processing_register, name="processing-register"),
    path("privacy/bewaartermijnen/", views.retention_report, name="retention-report"),
]
