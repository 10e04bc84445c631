from __future__ import annotations

from django.urls import path

from binnenuit.attendance import views

app_name = "attendance"

MEETING = "o/<slug:org_slug>/bijeenkomsten/<int:pk>/aanwezigheid/"
ROUND = "o/<slug:org_slug>/rondes/<int:pk>/aanwezigheid/"
TRAJECTORY = "o/<slug:org_slug>/trajecten/<int:pk>/"
PERSON = TRAJECTORY + "aanwezigheid/medewerkers/<int:person_pk>/"
DEPARTMENTS = TRAJECTORY + "aanwezigheid/afdelingen/"

urlpatterns = [
    path(MEETING, views.meeting_attendance, name="meeting"),
    path(MEETING + "bijhouden/", views.meeting_mark, name="meeting-mark"),
    path(MEETING + "aanvullen/", views.meeting_fill, name="meeting-fill"),
    path(MEETING + "export.<str:fmt>", views.meeting_export, name="meeting-export"),
    path(ROUND, views.round_report, name="round-report"),
    path(ROUND + "export.<str:fmt>", views.round_export, name="round-export"),
    path(PERSON, views.person_report, name="person-report"),
    path(PERSON + "export.<str:fmt>", views.person_export, name="person-export"),
    path(DEPARTMENTS, views.department_report, name="department-report"),
    path(DEPARTMENTS + "export.<str:fmt>", views.department_export, name="department-export"),
    path(TRAJECTORY + "afrondingsregel/", views.completion_rule, name="completion-rule"),
    path("o/<slug:org_slug>/mijn-aanwezigheid/", views.my_attendance, name="my-attendance"),
    path(
        "o/<slug:org_slug>/inschrijvingen/<int:pk>/certificaat/",
        views.certificate,
        name="certificate",
    ),
]
