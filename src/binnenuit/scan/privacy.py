"""The organisation scan in the privacy register: anonymous answers, and free text that may
name someone (shown only to the adviser until they release it, possibly redacted)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, declare

_RETENTION = _("Kept with the scan: its report is part of the trajectory's record.")

declare(
    "scan.Scan",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "title": NOT_PERSONAL,
        "session_date": NOT_PERSONAL,
        "location": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "template": NOT_PERSONAL,
        "token": NOT_PERSONAL,  # the public link's key; opens the questionnaire, no data
        "conclusions": Category.FREE_TEXT,  # the adviser's text; may quote people
        "closed_at": NOT_PERSONAL,
        "report_pdf": Category.FREE_TEXT,  # holds the released open answers and conclusions
        "report_state": NOT_PERSONAL,
        "report_made_at": NOT_PERSONAL,
    },
    purpose=_(
        "The organisation scan: the session, its questionnaire, the adviser's conclusions "
        "and the report."
    ),
    retention=_RETENTION,
)
declare(
    "scan.RespondentGroup",
    fields={
        "id": NOT_PERSONAL,
        "scan": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "position": NOT_PERSONAL,
    },
    purpose=_("The groups a scan's respondents choose from."),
    retention=_RETENTION,
)
declare(
    "scan.OpenQuestion",
    fields={
        "id": NOT_PERSONAL,
        "scan": NOT_PERSONAL,
        "text": NOT_PERSONAL,
        "position": NOT_PERSONAL,
    },
    purpose=_("The open questions of a scan."),
    retention=_RETENTION,
)
declare(
    "scan.Response",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "scan": NOT_PERSONAL,
        "group": NOT_PERSONAL,  # a group of at least 5 in every result; smaller ones merged
        # A random key the respondent's browser holds, so that they can change their answers;
        # it names nobody and is never shown or exported.
        "browser_token": NOT_PERSONAL,
    },
    purpose=_(
        "An anonymous respondent's set of answers, which their own browser can change until "
        "the scan closes. No name, address or login is stored with it."
    ),
    retention=_RETENTION,
    hidden=["browser_token"],
)
declare(
    "scan.Answer",
    fields={
        "id": NOT_PERSONAL,
        "response": NOT_PERSONAL,
        "competence": NOT_PERSONAL,
        "strength": NOT_PERSONAL,
        "importance": NOT_PERSONAL,
    },
    purpose=_("An anonymous score per competence: how strong we are now, how much it matters."),
    retention=_RETENTION,
)
declare(
    "scan.OpenAnswer",
    fields={
        "id": NOT_PERSONAL,
        "response": NOT_PERSONAL,
        "question": NOT_PERSONAL,
        # Free text from an anonymous person: it may name or describe someone. Read only by
        # the adviser until released into the report, where it can be redacted first.
        "text": Category.FREE_TEXT,
        "released": NOT_PERSONAL,
        "redacted_text": Category.FREE_TEXT,
    },
    purpose=_(
        "Anonymous answers to the scan's open questions, released into the report by the "
        "adviser (left out or redacted where they could identify someone)."
    ),
    retention=_RETENTION,
)
