from __future__ import annotations

from django.urls import path

from binnenuit.trajectories import views

app_name = "trajectories"

urlpatterns = [
    path("o/<slug:org_slug>/trajecten/nieuw/", views.trajectory_start, name="trajectory-start"),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/", views.trajectory_detail, name="trajectory-detail"
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/fase/",
        views.trajectory_phase,
        name="trajectory-phase",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/themas/",
        views.trajectory_themes,
        name="trajectory-themes",
    ),
    path("o/<slug:org_slug>/rondes/<int:pk>/", views.round_detail, name="round-detail"),
    path(
        "o/<slug:org_slug>/rondes/<int:pk>/inschrijven/",
        views.enrolment_add,
        name="enrolment-add",
    ),
    path(
        "o/<slug:org_slug>/inschrijvingen/<int:pk>/uitschrijven/",
        views.enrolment_withdraw,
        name="enrolment-withdraw",
    ),
    path(
        "o/<slug:org_slug>/bijeenkomsten/<int:pk>/bewerken/",
        views.meeting_update,
        name="meeting-update",
    ),
    path(
        "o/<slug:org_slug>/bijeenkomsten/<int:pk>/controleren/",
        views.meeting_check,
        name="meeting-check",
    ),
    path(
        "o/<slug:org_slug>/bijeenkomsten/<int:pk>/annuleren/",
        views.meeting_cancel,
        name="meeting-cancel",
    ),
    path(
        "o/<slug:org_slug>/bijeenkomsten/<int:pk>/gasten/nieuw/",
        views.guest_add,
        name="guest-add",
    ),
    path(
        "o/<slug:org_slug>/gasten/<int:pk>/verwijderen/",
        views.guest_remove,
        name="guest-remove",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/bijeenkomst-toevoegen/",
        views.meeting_add_optional,
        name="meeting-add-optional",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/kalender/",
        views.trajectory_calendar,
        name="trajectory-calendar",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/te-plannen/",
        views.trajectory_to_plan,
        name="trajectory-to-plan",
    ),
]
