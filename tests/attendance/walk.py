"""The attendance app's URLs in the access walk (tests/test_url_walk.py): every pattern as
every role, and as the organisation's people asking for another organisation's rows.

Round 1 has been held: the trainer came to three of its four modules, so completed it and
has a certificate.
"""

from __future__ import annotations

from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Enrolment, Meeting
from tests.attendance.factories import held_round, mark


def cases(world):
    from tests.test_url_walk import (
        ORG_MEMBERS_200,
        ORGANISERS_ONLY,
        STAFF_ONLY,
        Case,
        expect,
    )

    trainer = world.people["trainer"]
    meetings = held_round(world, world.round_1)
    for meeting in meetings[:3]:
        mark(world, meeting, trainer, "present")
    mark(world, meetings[3], trainer, "absent", "sick")
    enrolment = Enrolment.objects.get(round=world.round_1, person=trainer)
    foreign_person = Person.objects.create(
        organisation=world.other_org, full_name="Iemand Anders", email="anders@elders.example"
    )
    foreign_round = world.other_trajectory.rounds.order_by("stage").first()
    foreign_enrolment = Enrolment.objects.create(
        organisation=world.other_org, round=foreign_round, person=foreign_person
    )
    foreign_meeting = Meeting.objects.filter(trajectory=world.other_trajectory).first()
    o = {"org_slug": world.org.slug}

    def own(pk: int, **more: object) -> dict[str, object]:
        return {**o, "pk": pk, **more}

    meeting, trajectory = meetings[0], world.trajectory
    organisers_post = expect(403, adviser=302, project_leader=302, outsider=404)
    return {
        "attendance:meeting": Case(own(meeting.pk), STAFF_ONLY, foreign=own(foreign_meeting.pk)),
        "attendance:meeting-mark": Case(
            own(meeting.pk),
            organisers_post,
            method="post",
            data={"person": str(trainer.pk), "status": "present"},
            foreign=own(foreign_meeting.pk),
        ),
        "attendance:meeting-fill": Case(
            own(meeting.pk), organisers_post, method="post", foreign=own(foreign_meeting.pk)
        ),
        "attendance:meeting-export": Case(
            own(meeting.pk, fmt="csv"), STAFF_ONLY, foreign=own(foreign_meeting.pk, fmt="csv")
        ),
        "attendance:round-report": Case(
            own(world.round_1.pk), STAFF_ONLY, foreign=own(foreign_round.pk)
        ),
        "attendance:round-export": Case(
            own(world.round_1.pk, fmt="xlsx"),
            STAFF_ONLY,
            foreign=own(foreign_round.pk, fmt="xlsx"),
        ),
        "attendance:person-report": Case(
            own(trajectory.pk, person_pk=trainer.pk),
            STAFF_ONLY,
            foreign=own(world.other_trajectory.pk, person_pk=foreign_person.pk),
        ),
        "attendance:person-export": Case(
            own(trajectory.pk, person_pk=trainer.pk, fmt="csv"),
            STAFF_ONLY,
            foreign=own(world.other_trajectory.pk, person_pk=foreign_person.pk, fmt="csv"),
        ),
        "attendance:department-report": Case(
            own(trajectory.pk), STAFF_ONLY, foreign=own(world.other_trajectory.pk)
        ),
        "attendance:department-export": Case(
            own(trajectory.pk, fmt="xlsx"),
            STAFF_ONLY,
            foreign=own(world.other_trajectory.pk, fmt="xlsx"),
        ),
        "attendance:completion-rule": Case(
            own(trajectory.pk), ORGANISERS_ONLY, foreign=own(world.other_trajectory.pk)
        ),
        "attendance:my-attendance": Case(o, ORG_MEMBERS_200),
        "attendance:certificate": Case(
            own(enrolment.pk),
            expect(403, adviser=200, project_leader=200, trainer=200, outsider=404),
            foreign=own(foreign_enrolment.pk),
        ),
    }
