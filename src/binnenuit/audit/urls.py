from __future__ import annotations

from django.urls import path

from binnenuit.audit import views

app_name = "audit"

urlpatterns = [
    path("o/<slug:org_slug>/logboek/", views.entry_list, name="entry-list"),
]
