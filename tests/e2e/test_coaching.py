"""Coach pairs in a real browser, in Dutch and in English.

The project leader opens strengths and gaps from the trajectory, makes the coach pairs, locks
one, makes them again (the locked one stays), and publishes them; the trainer then finds their
coachee under "My coaching" and opens the log. Every page visited passes axe.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from binnenuit.coaching.models import CoachPair
from tests.e2e.test_browser import PROJECT_LEADER, TRAINER
from tests.e2e.test_quotes_and_recruitment import LANGUAGES, log_out, logged_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COACH = "Ben Jansen"  # trainer@voorbeeld.example


@pytest.mark.parametrize("language", LANGUAGES)
def test_pairs_are_made_locked_remade_and_published_and_the_trainer_sees_them(page, demo, language):
    CoachPair.objects.filter(organisation__slug="voorbeeld").delete()  # before they were made
    s = logged_in(page, PROJECT_LEADER, language)
    s.start("Project leader")
    s.visit(demo.voorbeeld_trajectory)
    s.visit(s._("Strengths and gaps"))
    expect(s.main.locator("#matrix")).to_be_visible()
    s.follow(s._("Choose the round 2 themes"))
    s.expect_title(s._("The round 2 themes"))
    s.check()
    s.follow(s._("Back to strengths and gaps"))
    s.visit(s._("Coach pairs"))

    s.main.get_by_role("button", name=s._("Make the pairs"), exact=True).click()
    expect(s.main.locator("#pairs")).to_be_visible()
    s.check()
    first = CoachPair.objects.filter(organisation__slug="voorbeeld").order_by("pk").first()
    assert first is not None
    coachee = first.participant.full_name
    lock = s.spoken('Lock<span class="visually-hidden"> the pair of %(name)s</span>', name=coachee)
    s.main.get_by_role("button", name=lock, exact=True).click()
    unlock = s.spoken(
        'Unlock<span class="visually-hidden"> the pair of %(name)s</span>', name=coachee
    )
    expect(s.main.get_by_role("button", name=unlock, exact=True)).to_be_visible()

    s.main.get_by_role("button", name=s._("Make the pairs again"), exact=True).click()
    expect(s.main.get_by_role("button", name=unlock, exact=True)).to_be_visible()
    kept = CoachPair.objects.get(round_id=first.round_id, participant_id=first.participant_id)
    assert (kept.trainer_id, kept.locked) == (first.trainer_id, True)
    s.check()

    s.main.get_by_role("button", name=s._("Publish the pairs"), exact=True).click()
    expect(s.main).to_contain_text(
        s._("The coach pairs have been published: coaches and coachees now see each other.")
    )
    s.check()
    s.visit(s._("Do the pairs meet?"))
    log_out(s)

    mine = CoachPair.objects.filter(trainer__full_name=COACH, published_at__isnull=False)
    coachees = [p.participant.full_name for p in mine]
    assert coachees, "every trainer coaches someone"
    s = logged_in(page, TRAINER, language)
    s.start("Trainer")
    s.open_round(demo.voorbeeld_rounds[2])
    s.visit(s._("My coaching"))
    for name in coachees:
        expect(s.main).to_contain_text(name)
    s.follow(s._("Coaching log with %(name)s", name=coachees[0]))
    s.expect_title(s._("Coaching log"))
    s.check()
    expect(s.heading(s._("My private notes"))).to_be_visible()
