"""From quote to selected colleague in a real browser, in Dutch and in English.

An adviser builds and sends a quote and the project leader accepts it; the project leader
opens a call; a colleague without an account applies through the public link on a 320 px
wide screen; the project leader selects them and the e-mail arrives. Every page visited, the
public form included, passes axe. Screens are found through their links, as a user finds them.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail as django_mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from binnenuit.offers.models import Quote, QuoteState
from binnenuit.recruitment.models import Application, Call, Decision
from binnenuit.trajectories.models import Enrolment
from tests.e2e.conftest import Demo, PageProblems, t
from tests.e2e.test_accounts import the_mail_arrives
from tests.e2e.test_browser import ADVISER, ANDERSTAD, ANDERSTAD_ORG, Screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["nl", "en"]
APPLICANT = "Ilse Vermeer"
APPLICANT_EMAIL = "ilse.vermeer@anderstad.example"
NARROW = {"width": 320, "height": 720}


def logged_in(page: Page, email: str, language: str) -> Screen:
    s = log_in(page, email)
    if s.language != language:
        s.switch_language()
    return s


def log_out(s: Screen) -> None:
    s.page.get_by_role("banner").get_by_role("button", name=s._("Log out"), exact=True).click()
    s.page.context.clear_cookies()


def to_anderstad(s: Screen) -> None:
    s.home()
    if s.page.get_by_role("heading", level=1).inner_text().strip() != ANDERSTAD_ORG:
        s.follow(ANDERSTAD_ORG)  # an adviser starts on the list of their organisations
    s.expect_title(ANDERSTAD_ORG)
    s.check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_adviser_sends_a_quote_and_the_project_leader_accepts_it(page, demo, language):
    s = logged_in(page, ADVISER, language)
    for item in ("Price lists", "Invoices of my organisations"):  # the adviser's menu
        s.go(item)
        s.expect_title(s._(item))
        s.check()
    to_anderstad(s)
    s.visit(s._("Quotes"))
    s.visit(s._("New quote"))
    form = s.main.locator("form")
    form.locator("[name=participants_round_1]").fill("12")
    form.locator("[name=participants_round_2]").fill("14")
    form.locator("[name=include_scan]").check()
    form.locator("[name=include_tasting]").check()
    valid_until = timezone.localdate() + datetime.timedelta(days=30)
    form.locator("[name=valid_until]").fill(valid_until.isoformat())
    s.main.get_by_role("button", name=s._("Save draft"), exact=True).click()
    quote = Quote.objects.filter(organisation__slug="anderstad", state=QuoteState.DRAFT).get()
    expect(s.page.get_by_role("heading", level=1)).to_contain_text(quote.reference)
    # 26 x € 1.300 and the tasting, € 1.500, exempt; the scan, € 4.900, with 21 % VAT
    # (€ 1.029): € 41.229,00 including VAT, written the Dutch way in both languages.
    total = "€ 41.229,00"
    expect(s.main).to_contain_text(total)
    s.check()
    s.follow(s._("Send to the organisation"))  # the page asks first
    s.expect_title(s._("Send quote %(ref)s?", ref=quote.reference))
    s.check()
    s.main.get_by_role("button", name=s._("Yes, send the quote"), exact=True).click()
    expect(s.page.get_by_role("heading", level=1)).to_contain_text(quote.reference)
    s.check()
    quote.refresh_from_db()
    assert quote.state == QuoteState.SENT
    log_out(s)

    s = logged_in(page, ANDERSTAD, language)
    to_anderstad(s)
    s.visit(s._("Quotes"))
    s.follow(quote.reference)
    expect(s.main).to_contain_text(total)
    s.check()
    s.follow(s._("Accept quote"))
    s.expect_title(s._("Accept quote %(ref)s?", ref=quote.reference))
    s.check()
    s.main.get_by_role("button", name=s._("Yes, accept the quote"), exact=True).click()
    expect(s.main).to_contain_text(s._("The quote"))
    s.check()
    quote.refresh_from_db()
    assert quote.state == QuoteState.ACCEPTED
    assert quote.accepted_by is not None and quote.accepted_by.email == ANDERSTAD


def apply_on_a_narrow_screen(browser: Browser, base_url: str, link: str, language: str) -> None:
    """A colleague without an account opens the link on a phone and applies."""
    context = browser.new_context(base_url=base_url, locale="en-US", viewport=NARROW)
    problems = PageProblems(errors=[])
    page = context.new_page()
    problems.watch(page)
    s = Screen(page)
    page.goto(link)
    if language != s.language:
        s.switch_language()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ANDERSTAD_ORG)
    s.check()
    # Nothing sticks out sideways: the form reflows to 320 px (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    form = s.main.locator("form")
    form.locator("[name=full_name]").fill(APPLICANT)
    form.locator("[name=email]").fill(APPLICANT_EMAIL)
    form.locator("[name=job_title]").fill("Wijkcoördinator")
    form.locator("[name=function_category]").select_option("front_office")
    form.locator("[name=department]").select_option("Samenleving")
    form.locator("[name=motivation]").fill(
        "Ik spreek elke dag bewoners met plannen voor hun straat. Ik wil leren hoe ik ze "
        "samen met collega's beter verder help."
    )
    form.locator("[name=consent]").check()
    s.main.get_by_role("button", name=s._("Send application"), exact=True).click()
    s.expect_title(s._("Thank you for applying"))
    s.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    context.close()
    assert not problems.errors, "Problems in the browser:\n" + "\n".join(problems.errors)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_call_is_opened_a_colleague_applies_and_is_selected(
    page, demo: Demo, browser, live_server, language
):
    s = logged_in(page, ANDERSTAD, language)
    to_anderstad(s)
    s.visit(demo.anderstad_trajectory)
    round_2 = s._("Round %(number)s", number=2)
    s.visit(s._("Open a call for %(round)s", round=round_2))
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    s.main.locator("[name=deadline]").fill(deadline.isoformat())
    s.main.get_by_role("button", name=s._("Open the call"), exact=True).click()
    expect(s.page.get_by_role("heading", level=1)).to_contain_text(
        s._("Call for %(round)s", round=round_2)
    )
    call = Call.objects.get(round_id=demo.anderstad_rounds[2].pk)
    link = s.main.get_by_label(s._("Link to the application form"))
    public = link.input_value()
    assert call.token in public
    expect(s.main.locator("svg")).to_have_count(1)  # the QR code, drawn on the server
    s.check()

    path = urlsplit(public).path  # the link names the site's own address; here: the test server
    apply_on_a_narrow_screen(browser, live_server.url, path, language)
    application = Application.objects.get(call=call, email=APPLICANT_EMAIL)

    s.follow(s._("To the selection"))
    expect(s.page.get_by_role("heading", level=1)).to_contain_text(
        s._("Selection for %(round)s", round=round_2)
    )
    s.check()
    expect(s.main).to_contain_text(APPLICANT)
    card = s.main.locator(f"#application-{application.pk}")
    card.get_by_label(s._("Selected"), exact=True).check()
    card.get_by_role(
        "button",
        name=s.spoken(
            'Save<span class="visually-hidden"> the decision about %(name)s</span>', name=APPLICANT
        ),
    ).click()
    expect(s.main.locator(f"#application-{application.pk}")).to_contain_text(
        s._("selected: has a place")
    )
    s.check()
    application.refresh_from_db()
    assert application.decision == Decision.SELECTED
    assert application.enrolment is not None
    assert application.enrolment.status == Enrolment.Status.ENROLLED

    # The worker sends what was queued: the decision, in Dutch (applicants have no language
    # here), with the next steps, and an invitation to log in (they had no login).
    the_mail_arrives(APPLICANT_EMAIL)
    subjects = {m.subject: m.body for m in django_mail.outbox if m.to == [APPLICANT_EMAIL]}
    place = t(
        "nl",
        "You have a place in %(round)s at %(organisation)s",
        round="Ronde 2",
        organisation=ANDERSTAD_ORG,
    )
    assert place in subjects, subjects.keys()
    assert f"Hallo {APPLICANT}," in subjects[place]
    assert t("nl", "What happens next:") in subjects[place]
    assert len(subjects) == 2  # and the invitation to log in: they had no login yet
