"""The audit trail's entries in the privacy register: auditlog's entries and their index.

The entries are read for an export and redacted by an erasure through
``binnenuit.privacy.audit_trail`` (an entry is kept, the person's values leave it).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, declare

PURPOSE = _(
    "Accountability and security: showing who changed what, on whose behalf, when and from "
    "which address (logins, invitations, roles, enrolments, the programme's phases and "
    "themes), to the organisation's advisers and project leaders."
)
RETENTION = _(
    "Removed automatically after the audit retention period (BINNENUIT_AUDIT_RETENTION_DAYS, "
    "730 days unless set otherwise)."
)

declare(
    "auditlog.LogEntry",
    fields={
        "id": NOT_PERSONAL,
        "content_type": NOT_PERSONAL,  # which kind of row changed
        "object_pk": NOT_PERSONAL,  # the changed row's key
        "object_id": NOT_PERSONAL,
        # The changed row as it reads: an employee's or a login's name, an e-mail address.
        "object_repr": Category.IDENTIFYING,
        "serialized_data": Category.FREE_TEXT,  # not used (no model is serialised); may be
        "action": NOT_PERSONAL,
        "changes_text": Category.FREE_TEXT,  # not used (changes are stored as JSON)
        # Every recorded field before and after: names, e-mail addresses, jobs, departments,
        # teams, roles, dates of leaving, of the people changed.
        "changes": Category.FREE_TEXT,
        "actor": Category.IDENTIFYING,  # who did it
        "cid": NOT_PERSONAL,  # the request's correlation id
        "remote_addr": Category.IDENTIFYING,  # the client's IP address
        "remote_port": NOT_PERSONAL,  # not recorded
        "timestamp": NOT_PERSONAL,
        # The organisations, the names of what changed keys pointed at (a line manager's
        # name), and for a failed login the e-mail address tried.
        "additional_data": Category.IDENTIFYING,
        "actor_email": Category.IDENTIFYING,
    },
    purpose=PURPOSE,
    subject="actor",
    retention=RETENTION,
)

declare(
    "audit.TrailEntry",
    fields={
        "id": NOT_PERSONAL,
        "log_entry": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "actor_role": NOT_PERSONAL,  # a role, like a membership's: about no one by itself
    },
    purpose=PURPOSE,
    retention=_("As long as its audit entry."),
)
