from __future__ import annotations

from django.urls import path

from binnenuit.core import views

app_name = "core"

urlpatterns = [
    path("bench/hello/", views.bench_hello, name="bench-hello"),
]
