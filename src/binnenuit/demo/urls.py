from __future__ import annotations

from django.urls import path

from binnenuit.demo import views

app_name = "demo"

urlpatterns = [
    path("demo/postvak/", views.outbox, name="outbox"),
]
