"""The coaching app's URLs in the access walk (tests/test_url_walk.py)."""

from __future__ import annotations

from django.utils import timezone

from binnenuit.coaching import services
from binnenuit.coaching.models import CoachPair, PrivateNote, PrivateNotebook
from binnenuit.organisations.models import Person


def cases(world):
    from tests.test_url_walk import (
        LOGIN,
        ORG_MEMBERS_200,
        ORGANISERS_ONLY,
        ROLES,
        STAFF_ONLY,
        Case,
        expect,
    )

    pair = CoachPair.objects.create(
        organisation=world.org,
        round=world.round_2,
        trainer=world.people["trainer"],
        participant=world.people["participant"],
        published_at=timezone.now(),
    )
    note = services.private_note_add(by=world.actor("trainer"), pair=pair, text="Alleen voor mij.")
    foreign_round = world.other_trajectory.rounds.order_by("stage").last()
    elders = [
        Person.objects.create(organisation=world.other_org, full_name=f"Elders {i}")
        for i in range(2)
    ]
    foreign_pair = CoachPair.objects.create(
        organisation=world.other_org,
        round=foreign_round,
        trainer=elders[0],
        participant=elders[1],
        published_at=timezone.now(),
    )
    foreign_book = PrivateNotebook.objects.create(
        organisation=world.other_org, pair=foreign_pair, author=elders[0]
    )
    foreign_note = PrivateNote.objects.create(
        organisation=world.other_org, notebook=foreign_book, text="Elders."
    )
    o = {"org_slug": world.org.slug}
    t = {**o, "pk": world.trajectory.pk}
    foreign_t = {**o, "pk": world.other_trajectory.pk}
    organisers_post = expect(403, adviser=302, project_leader=302, outsider=404)
    in_pair = expect(403, trainer=200, participant=200, outsider=404)
    in_pair_post = expect(403, trainer=302, participant=302, outsider=404)
    # A private note: its author only; for everyone else it does not exist.
    author_only = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "trainer": 302}
    return {
        "coaching:matrix": Case(t, STAFF_ONLY, foreign=foreign_t),
        "coaching:gaps": Case(t, ORGANISERS_ONLY, foreign=foreign_t),
        "coaching:themes": Case(t, ORGANISERS_ONLY, foreign=foreign_t),
        "coaching:themes-accept": Case(t, organisers_post, method="post", foreign=foreign_t),
        "coaching:pairs": Case(t, ORGANISERS_ONLY, foreign=foreign_t),
        "coaching:pairs-generate": Case(t, organisers_post, method="post", foreign=foreign_t),
        "coaching:pair-make": Case(t, organisers_post, method="post", foreign=foreign_t),
        "coaching:pairs-swap": Case(t, organisers_post, method="post", foreign=foreign_t),
        "coaching:pairs-publish": Case(t, organisers_post, method="post", foreign=foreign_t),
        "coaching:oversight": Case(t, ORGANISERS_ONLY, foreign=foreign_t),
        "coaching:pair-lock": Case(
            {**o, "pk": pair.pk},
            organisers_post,
            method="post",
            foreign={**o, "pk": foreign_pair.pk},
        ),
        "coaching:log": Case({**o, "pk": pair.pk}, in_pair, foreign={**o, "pk": foreign_pair.pk}),
        "coaching:meeting-add": Case(
            {**o, "pk": pair.pk}, in_pair_post, method="post", foreign={**o, "pk": foreign_pair.pk}
        ),
        "coaching:note-add": Case(
            {**o, "pk": pair.pk}, in_pair_post, method="post", foreign={**o, "pk": foreign_pair.pk}
        ),
        "coaching:note-delete": Case(
            {**o, "pk": note.pk}, author_only, method="post", foreign={**o, "pk": foreign_note.pk}
        ),
        "coaching:mine": Case(o, ORG_MEMBERS_200),
        "coaching:goals": Case(
            o, expect(403, participant=200, adviser=404, project_leader=404, outsider=404)
        ),
    }
