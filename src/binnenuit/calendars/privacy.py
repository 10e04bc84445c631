"""The calendars app's entries in the privacy register."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from binnenuit.core.privacy import NOT_PERSONAL, Category, Erase, declare

declare(
    "calendars.Feed",
    fields={
        "id": NOT_PERSONAL,
        "user": NOT_PERSONAL,
        # The secret address: opens the login's meetings. Never exported, not even to them
        # (they see it on "My calendar").
        "token": Category.IDENTIFYING,
        "issued_at": NOT_PERSONAL,
        "fetched_at": NOT_PERSONAL,
    },
    purpose=_(
        "A login's calendar subscription: the secret address at which their calendar app "
        "fetches their meetings."
    ),
    subject="user",
    erase=Erase.DELETE,
    retention=_("Until its owner stops or renews it, or their login is erased."),
    hidden=["token"],
)

declare(
    "calendars.Notice",
    fields={
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "meeting": NOT_PERSONAL,
        # A record key ("person-12"), never a name or an address: the address is in the
        # outbox (mail.Mail), and goes with it.
        "recipient": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "revision": NOT_PERSONAL,
        "starts_at": NOT_PERSONAL,
        "ends_at": NOT_PERSONAL,
        "key": NOT_PERSONAL,  # made of the record keys above
    },
    purpose=_(
        "Knowing which meeting invitations, cancellations and reminders were sent, so that "
        "none is sent twice or forgotten."
    ),
    retention=_("As long as the meeting."),
)
