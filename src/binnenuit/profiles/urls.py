from __future__ import annotations

from django.urls import path

from binnenuit.profiles import views

app_name = "profiles"

urlpatterns = [
    path("o/<slug:org_slug>/x-factor/", views.gallery, name="gallery"),
    path("o/<slug:org_slug>/x-factor/mijn-profiel/", views.edit, name="edit"),
    path("o/<slug:org_slug>/x-factor/mijn-profiel/delen/", views.share, name="share"),
    path("o/<slug:org_slug>/x-factor/krachten/", views.strengths, name="strengths"),
    path("o/<slug:org_slug>/x-factor/<int:pk>/", views.story, name="story"),
    path("o/<slug:org_slug>/x-factor/<int:pk>/foto/", views.photo, name="photo"),
    path("o/<slug:org_slug>/x-factor/<int:pk>/poster.pdf", views.poster, name="poster"),
    path("x-factor/<str:token>/", views.shared, name="shared"),
    path("x-factor/<str:token>/foto/", views.shared_photo, name="shared-photo"),
]
