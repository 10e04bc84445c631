"""The recruitment app's entries in the privacy register.

A call holds no personal data (its text is the project leader's announcement). An application
is personal data through and through: who applied, their work, their motivation and when they
can come. It is about its applicant, found by the employee record it is linked to or by the
address they applied with. Applications that did not lead to a place in the round are removed
``RETENTION_DAYS`` after the call closed (``recruitment.tasks.recruitment_retention``, daily);
the others stay with the employee's record and are anonymised with it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, Subject, declare
from binnenuit.recruitment.models import Application

RETENTION_DAYS = 183  # about six months after the call closed

_OWNED = {"id": NOT_PERSONAL, "organisation": NOT_PERSONAL, "created_at": NOT_PERSONAL}


def applications_of(subject: Subject) -> QuerySet[Application]:
    """Applications linked to the subject's employee records (those by address: the path)."""
    if not subject.persons:
        return Application.objects.none()
    return Application.objects.filter(person__in=[p.pk for p in subject.persons])


declare(
    "recruitment.Call",
    fields={
        **_OWNED,
        "round": NOT_PERSONAL,
        "text": NOT_PERSONAL,  # the announcement colleagues read
        "deadline": NOT_PERSONAL,
        "token": NOT_PERSONAL,  # the key of the public link; never exported
        "opened_by": NOT_PERSONAL,
        "closed_at": NOT_PERSONAL,
    },
    purpose=_("Calling colleagues to apply for a round of the programme."),
    retention=_("Kept as the round's history."),
    hidden=["token"],
)
declare(
    "recruitment.CallCriterion",
    fields={
        **_OWNED,
        "call": NOT_PERSONAL,
        "position": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "description": NOT_PERSONAL,
    },
    purpose=_("The selection criteria a call was opened with."),
    retention=_("Kept as the round's history."),
)
declare(
    "recruitment.Application",
    fields={
        **_OWNED,
        "call": NOT_PERSONAL,
        "full_name": Category.IDENTIFYING,
        "email": Category.IDENTIFYING,
        "job_title": Category.HR,
        "function_category": Category.HR,
        "department": Category.HR,
        "team": Category.HR,
        "line_manager": Category.HR,  # a name the applicant typed
        "motivation": Category.FREE_TEXT,
        "availability": Category.HR,  # which meetings they can attend
        "consent_at": NOT_PERSONAL,  # when they agreed; kept as proof of the consent
        "updated_at": NOT_PERSONAL,
        "person": NOT_PERSONAL,
        "criteria_met": Category.HR,  # the organiser's assessment of the applicant
        "decision": NOT_PERSONAL,  # kept, so the call keeps its numbers
        "decision_reason": Category.FREE_TEXT,
        "decided_at": NOT_PERSONAL,
        "decided_by": NOT_PERSONAL,
        "enrolment": NOT_PERSONAL,
    },
    purpose=_(
        "Selecting participants for a round: who applied, with their work, motivation and "
        "availability, and the organiser's assessment and decision."
    ),
    subject="email",
    find=applications_of,
    retention=_(
        "Applications that did not lead to a place in the round are removed six months after "
        "the call closed; the others are kept with the employee's record and anonymised with it."
    ),
    anonymise={"availability": {}, "criteria_met": []},
)
