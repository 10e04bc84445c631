"""Recruitment's cases in the URL walk (tests/test_url_walk.py), public pages included."""

from __future__ import annotations

import datetime

from django.utils import timezone

from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.catalogue.services import template_draft_create
from binnenuit.recruitment import services
from binnenuit.recruitment.models import Application
from binnenuit.trajectories.models import Meeting
from tests.recruitment.factories import ApplicationFactory, CallFactory
from tests.test_url_walk import ORGANISERS_ONLY, PROVIDER_STAFF_ONLY, ROLES, Case

EVERYONE_200 = dict.fromkeys(ROLES, 200)


def plan(round_, *days: int) -> list[Meeting]:
    """Give the round's first meetings a date, ``days`` from today."""
    meetings = list(Meeting.objects.filter(round=round_).order_by("sequence", "pk"))
    today = timezone.localdate()
    for meeting, day in zip(meetings, days, strict=False):
        meeting.date = today + datetime.timedelta(days=day)
        meeting.save(update_fields=["date"])
    return meetings[: len(days)]


def open_call_with_applications(world):
    """Round 2's call, open, with an application of every kind of decision."""
    plan(world.round_2, 20, 27, 34)
    call = services.call_open(
        by=world.actor("project_leader"),
        round_=world.round_2,
        text="Doe mee met de tweede ronde!",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    meetings = list(Meeting.objects.filter(round=world.round_2, date__isnull=False))
    availability = {str(m.pk): i % 2 == 0 for i, m in enumerate(meetings)}
    pending, chosen, declined = (
        ApplicationFactory(call=call, full_name=name, availability=availability)
        for name in ("Ada Afwachting", "Bram Gekozen", "Cas Afgewezen")
    )
    criteria = list(call.criteria.values_list("pk", flat=True))
    leader = world.actor("project_leader")
    services.application_decide(
        by=leader, application=chosen, decision="selected", criteria_met=criteria[:2]
    )
    services.application_decide(
        by=leader, application=declined, decision="declined", reason="Volgend jaar graag!"
    )
    return call, pending


def cases(world) -> dict[str, Case]:
    call, pending = open_call_with_applications(world)
    foreign_round = world.other_trajectory.rounds.order_by("stage").first()
    foreign_call = CallFactory(round=foreign_round)
    foreign_application = ApplicationFactory(call=foreign_call)
    o = {"org_slug": world.org.slug}

    def own(pk: int) -> dict[str, object]:
        return {**o, "pk": pk}

    draft = ProgrammeTemplate.objects.filter(
        status=ProgrammeTemplate.Status.DRAFT
    ).first() or template_draft_create(by=world.outside("adviser"))
    criterion = draft.criteria.order_by("pk").first()
    decide_data = {f"a{pending.pk}-decision": Application.Decision.PENDING}
    return {
        "recruitment:call-open": Case(
            own(world.round_1.pk), ORGANISERS_ONLY, foreign=own(foreign_round.pk)
        ),
        "recruitment:call-detail": Case(
            own(call.pk), ORGANISERS_ONLY, foreign=own(foreign_call.pk)
        ),
        "recruitment:call-update": Case(
            own(call.pk), ORGANISERS_ONLY, foreign=own(foreign_call.pk)
        ),
        "recruitment:call-close": Case(own(call.pk), ORGANISERS_ONLY, foreign=own(foreign_call.pk)),
        "recruitment:selection": Case(own(call.pk), ORGANISERS_ONLY, foreign=own(foreign_call.pk)),
        "recruitment:application-decide": Case(
            own(pending.pk),
            {**ORGANISERS_ONLY, "adviser": 302, "project_leader": 302},
            method="post",
            data=decide_data,
            foreign=own(foreign_application.pk),
        ),
        # Public: no login, the same for everyone.
        "recruitment:apply": Case({"token": call.token}, EVERYONE_200),
        "recruitment:apply-thanks": Case({"token": call.token}, EVERYONE_200),
        "recruitment:applicant-privacy": Case({}, EVERYONE_200),
        "catalogue:criterion-update": Case({"pk": criterion.pk}, PROVIDER_STAFF_ONLY),
    }
