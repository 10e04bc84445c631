"""The trail of issues 7-10: quotes, invoices, decisions, coach pairs, consent to share."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from binnenuit.audit.recording import acting_as
from binnenuit.offers.models import Quote
from binnenuit.profiles import services as profile_services
from binnenuit.profiles.models import Profile
from tests.offers.factories import accepted_quote

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.10"


def entries(model: type, pk: object) -> list[LogEntry]:
    return list(
        LogEntry.objects.get_for_object(model.objects.get(pk=pk)).order_by("timestamp", "pk")
    )


def test_who_accepted_a_quote_is_on_the_organisations_trail(world):
    leader = world.actor("project_leader")
    with acting_as(leader, address=ADDRESS):
        quote = accepted_quote(world)
    last = entries(Quote, quote.pk)[-1]
    assert last.changes["state"] == ["sent", "accepted"]
    assert last.actor == world.users["project_leader"]
    assert last.trail_entries.filter(organisation=world.org).exists()
    assert "discount_reason" not in last.changes and "include_scan" not in last.changes


def test_only_the_consent_to_share_an_x_factor_is_recorded_never_the_story(world):
    trainer = world.actor("trainer")
    with acting_as(trainer, address=ADDRESS):
        profile = profile_services.profile_save(
            by=trainer,
            person=world.people["trainer"],
            story="Mijn geheime verhaal.",
            difference="Luisteren.",
        )
        profile_services.profile_share(by=trainer, profile=profile, share=True)
    recorded = entries(Profile, profile.pk)
    assert recorded, "the consent is on the trail"
    assert all("story" not in e.changes and "share_token" not in e.changes for e in recorded)
    assert any(e.changes.get("shared_at", [None])[0] == "None" for e in recorded)
    assert not any("geheime" in str(e.changes) for e in recorded)
