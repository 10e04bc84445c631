"""The planning screens' URLs in the access walk (tests/test_url_walk.py): every pattern as
every role, and as the organisation's organisers asking for another organisation's rows.

Planning is for the organisers (advisers and project leaders: ``trajectory.manage``); the
month calendar is for the organisation's staff (``trajectory.view``). The cases use a
trajectory of their own, so that the dated meetings, the guest and the cancelled meeting they
need change nothing another app's cases rely on.
"""

from __future__ import annotations

import datetime

from binnenuit.trajectories import services
from binnenuit.trajectories.models import Guest, Meeting, PartOfDay
from tests.factories import LocationFactory

CALENDAR_MONTH = "2027-03"


def planning_trajectory(world):
    """A second trajectory of the organisation, with meetings in March 2027: one planned at a
    location with a guest, one cancelled."""
    adviser = world.actor("adviser")
    trajectory = services.trajectory_start(
        by=adviser, name="Traject Kalender", starts_on=datetime.date(2027, 1, 4)
    )
    location = LocationFactory(organisation=world.org, name="Wijkcentrum De Brug", capacity=40)
    first, second = Meeting.objects.filter(trajectory=trajectory).order_by("sequence")[:2]
    services.meeting_plan(
        by=adviser,
        meeting=first,
        date=datetime.date(2027, 3, 1),
        part_of_day=PartOfDay.MORNING,
        location=location,
    )
    services.meeting_plan(
        by=adviser, meeting=second, date=datetime.date(2027, 3, 8), part_of_day=PartOfDay.EVENING
    )
    services.meeting_cancel(by=adviser, meeting=second)
    guest = services.guest_add(
        by=adviser,
        meeting=first,
        full_name="Gerrit Bos",
        email="gerrit@bewoners.example",
        affiliation="Bewonersvereniging De Hoven",
    )
    return trajectory, first, guest


def cases(world):
    from tests.test_url_walk import ORGANISERS_ONLY, STAFF_ONLY, Case, expect

    trajectory, meeting, guest = planning_trajectory(world)
    foreign_trajectory = world.other_trajectory
    foreign_meeting = Meeting.objects.filter(trajectory=foreign_trajectory).first()
    foreign_guest = Guest.objects.create(
        organisation=world.other_org,
        meeting=foreign_meeting,
        full_name="Els Kok",
        email="els@elders.example",
    )
    o = {"org_slug": world.org.slug}

    def own(pk: int) -> dict[str, object]:
        return {**o, "pk": pk}

    organisers_post = expect(403, adviser=302, project_leader=302, outsider=404)
    return {
        # Checking changes nothing: the planning page again, with what the check found.
        "trajectories:meeting-check": Case(
            own(meeting.pk),
            expect(403, adviser=200, project_leader=200, outsider=404),
            method="post",
            data={"date": "2027-03-01", "part_of_day": PartOfDay.AFTERNOON},
            foreign=own(foreign_meeting.pk),
        ),
        "trajectories:meeting-cancel": Case(
            own(meeting.pk), ORGANISERS_ONLY, foreign=own(foreign_meeting.pk)
        ),
        "trajectories:guest-add": Case(
            own(meeting.pk), ORGANISERS_ONLY, foreign=own(foreign_meeting.pk)
        ),
        "trajectories:guest-remove": Case(
            own(guest.pk), ORGANISERS_ONLY, foreign=own(foreign_guest.pk)
        ),
        # The first organiser adds the tasting; the second is sent back with the reason.
        "trajectories:meeting-add-optional": Case(
            own(trajectory.pk),
            organisers_post,
            method="post",
            data={"kind": "tasting"},
            foreign=own(foreign_trajectory.pk),
        ),
        "trajectories:trajectory-calendar": Case(
            own(trajectory.pk),
            STAFF_ONLY,
            data={"maand": CALENDAR_MONTH},
            foreign=own(foreign_trajectory.pk),
        ),
        "trajectories:trajectory-to-plan": Case(
            own(trajectory.pk), ORGANISERS_ONLY, foreign=own(foreign_trajectory.pk)
        ),
    }
