"""The catalogue's entries in the privacy register: the programme holds no personal data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, declare

_PURPOSE = _("The programme's versions, steps and themes.")
_RETENTION = _("Kept: trajectories keep the version they started with.")

declare(
    "catalogue.ProgrammeTemplate",
    fields={
        "id": NOT_PERSONAL,
        "version": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "notes": NOT_PERSONAL,  # what changed in the programme
        "published_at": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "catalogue.Step",
    fields={
        "id": NOT_PERSONAL,
        "template": NOT_PERSONAL,
        "stage": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "position": NOT_PERSONAL,
        "title": NOT_PERSONAL,
        "description": NOT_PERSONAL,
    },
    purpose=_("What each round of a programme version looks for in its applicants."),
    retention=_RETENTION,
)
declare(
    "catalogue.Theme",
    fields={
        "id": NOT_PERSONAL,
        "template": NOT_PERSONAL,
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "position": NOT_PERSONAL,
        "competences": NOT_PERSONAL,
    },
    purpose=_PURPOSE,
    retention=_RETENTION,
)
declare(
    "catalogue.Principle",
    fields={
        "id": NOT_PERSONAL,
        "template": NOT_PERSONAL,
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "position": NOT_PERSONAL,
    },
    purpose=_("The competence framework of a programme version."),
    retention=_RETENTION,
)
declare(
    "catalogue.Competence",
    fields={
        "id": NOT_PERSONAL,
        "template": NOT_PERSONAL,
        "principle": NOT_PERSONAL,
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "indicators": NOT_PERSONAL,
        "position": NOT_PERSONAL,
    },
    purpose=_("The competence framework of a programme version."),
    retention=_RETENTION,
)
declare(
    "catalogue.SelectionCriterion",
    fields={
        "id": NOT_PERSONAL,
        "template": NOT_PERSONAL,
        "stage": NOT_PERSONAL,
        "position": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "description": NOT_PERSONAL,
    },
    purpose=_("What each round of a programme version looks for in its applicants."),
    retention=_RETENTION,
)
