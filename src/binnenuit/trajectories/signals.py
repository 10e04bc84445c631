"""What the trajectories app announces, for apps above it (calendars sends the mail).

``meeting_changed`` is sent after the transaction that changed a meeting commits, with
``meeting`` and ``change``: "planned" (a date for the first time, or again after it was
cancelled), "moved" (date, time or place changed), "cancelled", or "guests" (guests were
invited); for "guests", ``guests`` holds the new ones.
"""

from __future__ import annotations

from django.dispatch import Signal

meeting_changed = Signal()

PLANNED, MOVED, CANCELLED, GUESTS = "planned", "moved", "cancelled", "guests"
