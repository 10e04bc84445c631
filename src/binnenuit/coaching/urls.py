from __future__ import annotations

from django.urls import path

from binnenuit.coaching import views

app_name = "coaching"

# <pk> is the trajectory's on the planning pages, the pair's on a pair's, a note's on a note's.
urlpatterns = [
    path("o/<slug:org_slug>/trajecten/<int:pk>/krachten-en-hiaten/", views.matrix, name="matrix"),
    path("o/<slug:org_slug>/trajecten/<int:pk>/leerdoelen-organisatie/", views.gaps, name="gaps"),
    path("o/<slug:org_slug>/trajecten/<int:pk>/themas-ronde-2/", views.themes, name="themes"),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/themas-ronde-2/aanbeveling/",
        views.themes_accept,
        name="themes-accept",
    ),
    path("o/<slug:org_slug>/trajecten/<int:pk>/coachkoppels/", views.pairs, name="pairs"),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/coachkoppels/maken/",
        views.pairs_generate,
        name="pairs-generate",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/coachkoppels/met-de-hand/",
        views.pair_make,
        name="pair-make",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/coachkoppels/ruilen/",
        views.pairs_swap,
        name="pairs-swap",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/coachkoppels/publiceren/",
        views.pairs_publish,
        name="pairs-publish",
    ),
    path(
        "o/<slug:org_slug>/trajecten/<int:pk>/coachgesprekken/",
        views.oversight,
        name="oversight",
    ),
    path("o/<slug:org_slug>/coachkoppel/<int:pk>/vast/", views.pair_lock, name="pair-lock"),
    path("o/<slug:org_slug>/coachkoppel/<int:pk>/", views.log, name="log"),
    path("o/<slug:org_slug>/coachkoppel/<int:pk>/gesprek/", views.meeting_add, name="meeting-add"),
    path("o/<slug:org_slug>/coachkoppel/<int:pk>/notitie/", views.note_add, name="note-add"),
    path(
        "o/<slug:org_slug>/eigen-notitie/<int:pk>/verwijderen/",
        views.note_delete,
        name="note-delete",
    ),
    path("o/<slug:org_slug>/mijn-coaching/", views.mine, name="mine"),
    path("o/<slug:org_slug>/mijn-coaching/leerdoelen/", views.goals, name="goals"),
]
