from __future__ import annotations

from django.urls import path

from binnenuit.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("catalogus/", views.template_list, name="template-list"),
    path("catalogus/versies/nieuw/", views.template_draft_create, name="template-draft-create"),
    path("catalogus/versies/<int:pk>/", views.template_detail, name="template-detail"),
    path("catalogus/versies/<int:pk>/publiceren/", views.template_publish, name="template-publish"),
    path("catalogus/versies/<int:pk>/themas/nieuw/", views.theme_create, name="theme-create"),
    path("catalogus/themas/<int:pk>/bewerken/", views.theme_update, name="theme-update"),
    path(
        "catalogus/versies/<int:pk>/competenties/nieuw/",
        views.competence_create,
        name="competence-create",
    ),
    path(
        "catalogus/competenties/<int:pk>/bewerken/",
        views.competence_update,
        name="competence-update",
    ),
    path("catalogus/onderdelen/<int:pk>/bewerken/", views.step_update, name="step-update"),
    path(
        "catalogus/selectiecriteria/<int:pk>/bewerken/",
        views.criterion_update,
        name="criterion-update",
    ),
]
