"""Module 2 and coaching in the privacy register.

The private notes are their author's alone: they are found for the author's own export ("my
data", asked by the login itself) and for no export an organiser makes, and the audit trail
never records them (``audit.recording`` does not register the model). Erasing the author's
data finds their notebooks (which hold no text) and deletes them, and the notes with them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, Erase, Subject, declare


def _pairs_of(subject: Subject) -> QuerySet[Any]:
    from binnenuit.coaching.models import CoachPair

    people = [p.pk for p in subject.persons]
    return CoachPair.objects.filter(Q(trainer__in=people) | Q(participant__in=people))


def _meetings_of(subject: Subject) -> QuerySet[Any]:
    from binnenuit.coaching.models import CoachingMeeting

    return CoachingMeeting.objects.filter(pair__in=_pairs_of(subject))


def _own_notes(subject: Subject) -> QuerySet[Any]:
    """The author's private notes, only when the login asks for itself (no organisation):
    an organiser's export of an employee never holds them."""
    from binnenuit.coaching.models import PrivateNote

    if subject.organisation is not None or not subject.users:
        return PrivateNote.objects.none()
    return PrivateNote.objects.filter(notebook__author__in=[p.pk for p in subject.persons])


declare(
    "coaching.GapWeight",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "trajectory": NOT_PERSONAL,
        "competence": NOT_PERSONAL,
        "weight": NOT_PERSONAL,
    },
    purpose=_("The organisation's learning goals, entered by hand when there is no scan."),
)

declare(
    "coaching.LearningGoal",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "enrolment": NOT_PERSONAL,
        "competence": NOT_PERSONAL,  # a key of the framework; the sentence is theirs
        "sentence": Category.FREE_TEXT,
    },
    purpose=_(
        "A round-2 participant's learning goals: to find them a coach and to choose the "
        "topics of their coaching conversations."
    ),
    subject="enrolment__person",
    retention=_("Kept with the enrolment; erased with the employee's data."),
)

declare(
    "coaching.ThemeTeam",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "module": NOT_PERSONAL,
        "trainers": NOT_PERSONAL,  # keys; the trainers' own fields are declared with Person
    },
    purpose=_("Which trainers give which round-2 theme module."),
    subject="trainers",
    retention=_("Kept with the trajectory."),
)

declare(
    "coaching.CoachPair",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "round": NOT_PERSONAL,
        "trainer": NOT_PERSONAL,  # keys; the people's own fields are declared with Person
        "participant": NOT_PERSONAL,
        "locked": NOT_PERSONAL,
        "score": NOT_PERSONAL,  # numbers and competence keys, computed from the goals
        "published_at": NOT_PERSONAL,
    },
    purpose=_("Who coaches whom in round 2, and why they were paired."),
    find=_pairs_of,
    about=_("Trainers and round-2 participants"),
    retention=_("Kept with the trajectory."),
)

declare(
    "coaching.CoachingMeeting",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "pair": NOT_PERSONAL,
        "date": NOT_PERSONAL,
        "duration": NOT_PERSONAL,
        "form": NOT_PERSONAL,
        "topics": NOT_PERSONAL,  # keys of the coachee's learning goals
        "shared_notes": Category.FREE_TEXT,
        "recorded_by": NOT_PERSONAL,
    },
    purpose=_(
        "The coaching conversations of a pair, with the notes coach and coachee share; "
        "the project leader sees only how many and when."
    ),
    find=_meetings_of,
    about=_("Trainers and round-2 participants"),
    retention=_("Kept with the trajectory; erased with the employee's data."),
)

declare(
    "coaching.PrivateNotebook",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "pair": NOT_PERSONAL,
        "author": NOT_PERSONAL,
    },
    purpose=_(
        "Whose private notes on a coach pair these are, without their text: erasing the "
        "author's data deletes them with their notes."
    ),
    subject="author",
    erase=Erase.DELETE,
    retention=_("Kept while the pair exists; deleted with the author's data."),
)

declare(
    "coaching.PrivateNote",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "notebook": NOT_PERSONAL,
        "text": Category.FREE_TEXT,
    },
    purpose=_(
        "A coach's or coachee's own notes on their conversations, read by nobody but the "
        "author; only in the author's own export."
    ),
    find=_own_notes,
    about=_("The author"),
    erase=Erase.DELETE,
    retention=_("Kept while the pair exists; the author can delete them at any time."),
)
