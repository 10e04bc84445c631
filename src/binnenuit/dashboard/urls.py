from __future__ import annotations

from django.urls import path

from binnenuit.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisaties/", views.organisation_list, name="organisation-list"),
    path("o/<slug:org_slug>/", views.organisation_detail, name="organisation-detail"),
]
