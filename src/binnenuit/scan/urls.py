from __future__ import annotations

from django.urls import path

from binnenuit.scan import views

app_name = "scan"

urlpatterns = [
    path("o/<slug:org_slug>/scans/", views.scan_list, name="scan-list"),
    path("o/<slug:org_slug>/scans/nieuw/", views.scan_create, name="scan-create"),
    path("o/<slug:org_slug>/scans/<int:pk>/", views.scan_detail, name="scan-detail"),
    path("o/<slug:org_slug>/scans/<int:pk>/bewerken/", views.scan_update, name="scan-update"),
    path("o/<slug:org_slug>/scans/<int:pk>/status/", views.scan_status, name="scan-status"),
    path("o/<slug:org_slug>/scans/<int:pk>/live/", views.scan_live, name="scan-live"),
    path(
        "o/<slug:org_slug>/scans/<int:pk>/open-antwoorden/",
        views.open_answers,
        name="open-answers",
    ),
    path("o/<slug:org_slug>/scans/<int:pk>/rapport/", views.report, name="report"),
    path("o/<slug:org_slug>/scans/<int:pk>/rapport/pdf/", views.report_make, name="report-make"),
    path("o/<slug:org_slug>/scans/<int:pk>/rapport.pdf", views.report_pdf, name="report-pdf"),
    path("o/<slug:org_slug>/scans/<int:pk>/rapport.csv", views.report_csv, name="report-csv"),
    # Public: no login; the link's key is the way in.
    path("scan/<str:token>/", views.respond, name="respond"),
    path("scan/<str:token>/vragen/", views.answer, name="answer"),
    path("scan/<str:token>/bedankt/", views.thanks, name="thanks"),
]
