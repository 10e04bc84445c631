from __future__ import annotations

from django.urls import path

from binnenuit.calendars import views

app_name = "calendars"

urlpatterns = [
    path("account/agenda/", views.feed_detail, name="feed-detail"),
    path("account/agenda/vernieuwen/", views.feed_renew, name="feed-renew"),
    path("account/agenda/stoppen/", views.feed_revoke, name="feed-revoke"),
    # The subscription: no login (calendar apps cannot log in); the token is the key.
    path("agenda/<str:token>.ics", views.feed_ics, name="feed-ics"),
    path(
        "o/<slug:org_slug>/bijeenkomsten/<int:pk>/agenda.ics",
        views.meeting_ics,
        name="meeting-ics",
    ),
]
