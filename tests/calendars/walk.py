"""The calendars app's URLs in the access walk (tests/test_url_walk.py): every pattern as
every role, and as the organisation's people asking for another organisation's meeting."""

from __future__ import annotations

import datetime

from binnenuit.calendars import services
from binnenuit.catalogue.models import Stage
from binnenuit.trajectories.models import Meeting, MeetingKind

PLANNED_ON = datetime.date(2027, 3, 16)


def _planned(trajectory) -> Meeting:
    meeting = Meeting.objects.get(
        trajectory=trajectory,
        kind=MeetingKind.MODULE,
        round__stage=Stage.ROUND_1,
        module__position=1,
    )
    Meeting.objects.filter(pk=meeting.pk).update(date=PLANNED_ON)
    return meeting


def cases(world):
    from tests.test_url_walk import ROLES, Case, expect

    # Everyone has a subscription, so that "new address" and "stop" show their question.
    feeds = {role: services.feed_start(by=world.outside(role)) for role in world.users}
    meeting, foreign = _planned(world.trajectory), _planned(world.other_trajectory)
    o = {"org_slug": world.org.slug}
    return {
        "calendars:feed-detail": Case({}, expect(200)),
        "calendars:feed-renew": Case({}, expect(200)),
        "calendars:feed-revoke": Case({}, expect(200)),
        # The subscription needs no login (calendar apps cannot log in): the token is the key.
        "calendars:feed-ics": Case({"token": feeds["trainer"].token}, dict.fromkeys(ROLES, 200)),
        # Whoever sees the meeting: staff, and the trainer who follows round 1; not the
        # participant of round 2 (the meeting is not theirs to see, so not found).
        "calendars:meeting-ics": Case(
            {**o, "pk": meeting.pk},
            expect(200, participant=404, outsider=404),
            foreign={**o, "pk": foreign.pk},
        ),
    }
