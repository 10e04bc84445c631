"""Who may subscribe to their own calendar and download a meeting's calendar entry.

Registered when the app loads. Everyone with a login has their own calendar subscription;
a meeting's entry may be downloaded by whoever may see the meeting: the organisation's staff
every meeting, the others the meetings of the rounds they follow or give (as
``trajectories.models.MeetingQuerySet.visible_to`` scopes them).
"""

from __future__ import annotations

from typing import Any

from binnenuit.core.access import Actor, add_rule, predicate
from binnenuit.organisations.rules import is_staff_role


@predicate
def is_logged_in(actor: Actor) -> bool:
    return bool(actor.user.is_authenticated)


@predicate
def in_own_round(actor: Actor, meeting: Any) -> bool:
    """The meeting belongs to a round the actor follows or gives (a preparation meeting: no)."""
    if meeting is None or meeting.round_id is None or not actor.in_organisation:
        return False
    rounds = actor.fact("trajectories.followed_round_ids") | actor.fact(
        "trajectories.given_round_ids"
    )
    return bool(meeting.round_id in rounds)


add_rule("calendar.own", is_logged_in)
add_rule("calendar.meeting", is_staff_role | in_own_round)
