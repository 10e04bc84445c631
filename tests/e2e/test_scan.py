"""The organisation scan in a real browser, in Dutch and in English.

A respondent without an account answers Anderstad's open scan on a 320 px wide phone, also
with JavaScript switched off; the adviser's live screen for the session shows a new respondent
without reloading; Voorbeeld's report (charts, tables, open answers, conclusions) and the
public pages pass axe.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from binnenuit.catalogue.models import Competence
from binnenuit.scan import services
from binnenuit.scan.models import Answer, OpenAnswer, Response, Scan
from tests.e2e.conftest import PageProblems
from tests.e2e.test_browser import ADVISER, ANDERSTAD_ORG, VOORBEELD, Screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["nl", "en"]
NARROW = {"width": 320, "height": 720}


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.mark.parametrize(("language", "javascript"), [("nl", True), ("en", True), ("nl", False)])
def test_a_respondent_answers_on_a_phone(browser: Browser, live_server, demo, language, javascript):
    """With JavaScript the pages are checked with axe and for sideways scrolling (both need
    it); without it the respondent gets through all the same."""
    scan = Scan.objects.get(organisation__slug="anderstad")
    before = Response.objects.filter(scan=scan).count()
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport=NARROW, java_script_enabled=javascript
    )
    problems = PageProblems(errors=[])
    page = context.new_page()
    problems.watch(page)
    s = Screen(page)

    def check() -> None:
        if javascript:
            s.check()
            no_sideways_scroll(page)

    page.goto(scan.get_public_url())
    if language != s.language:
        s.switch_language()
    s.expect_title(s._("Organisation scan of %(organisation)s", organisation=ANDERSTAD_ORG))
    check()
    s.main.get_by_role("radio", name="Inwoners", exact=True).check()
    s.main.get_by_role("button", name=s._("Start"), exact=True).click()
    s.expect_title(s._("Your answers"))
    check()
    first, second = Competence.objects.filter(template_id=scan.template_id).order_by("position")[:2]
    page.locator(f"input[name=s_{first.pk}][value='2']").check()
    page.locator(f"input[name=i_{first.pk}][value='5']").check()
    page.locator(f"input[name=s_{second.pk}][value='x']").check()  # don't know
    page.locator(f"input[name=i_{second.pk}][value='4']").check()
    question = scan.questions.order_by("position").first()
    s.main.get_by_role("textbox", name=question.text).fill("We luisteren goed.")
    s.main.get_by_role("button", name=s._("Send my answers"), exact=True).click()
    s.expect_title(s._("Thank you for your answers"))
    check()
    # Back to change them: the same set of answers, changed in place.
    s.main.get_by_role("link", name=s._("Change my answers"), exact=True).click()
    expect(page.locator(f"input[name=s_{first.pk}][value='2']")).to_be_checked()
    page.locator(f"input[name=s_{first.pk}][value='3']").check()
    s.main.get_by_role("button", name=s._("Send my answers"), exact=True).click()
    s.expect_title(s._("Thank you for your answers"))
    context.close()
    assert not problems.errors, "Problems in the browser:\n" + "\n".join(problems.errors)
    assert Response.objects.filter(scan=scan).count() == before + 1
    mine = Response.objects.filter(scan=scan).latest("pk")
    answers = {
        a.competence_id: (a.strength, a.importance) for a in Answer.objects.filter(response=mine)
    }
    assert answers == {first.pk: (3, 5), second.pk: (None, 4)}
    assert OpenAnswer.objects.get(response=mine).text == "We luisteren goed."


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_live_screen_shows_a_new_respondent_without_reloading(page, demo, language):
    scan = Scan.objects.get(organisation__slug="anderstad")
    s = log_in(page, ADVISER)
    if s.language != language:
        s.switch_language()
    page.goto(f"/o/anderstad/scans/{scan.pk}/live/")
    s.expect_title(scan.title)
    s.check()
    count = s.main.locator("#live .bu-live-count")
    expect(count).to_contain_text("7")
    page.evaluate("window.notReloaded = true")
    first = Competence.objects.filter(template_id=scan.template_id).order_by("position").first()
    token = services.new_browser_token()
    services.response_choose_group(
        scan=scan, browser_token=token, group_id=scan.groups.get(name="Inwoners").pk
    )
    services.response_submit(
        scan=scan, browser_token=token, scores={first.pk: (1, 5)}, open_answers={}
    )
    expect(count).to_contain_text("8", timeout=12_000)
    assert page.evaluate("window.notReloaded") is True
    s.check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_voorbeelds_report_passes_axe(page, demo, language):
    s = log_in(page, ADVISER)
    if s.language != language:
        s.switch_language()
    s.home()
    if page.get_by_role("heading", level=1).inner_text().strip() != VOORBEELD:
        s.follow(VOORBEELD)
    s.follow(s._("Organisation scans"))
    s.expect_title(s._("Organisation scans"))
    s.check()
    scan = Scan.objects.get(organisation__slug="voorbeeld")
    s.follow(scan.title)
    s.expect_title(scan.title)
    s.check()
    s.follow(s._("Report"))
    title = s._("Our own strength and learning goals: %(organisation)s", organisation=VOORBEELD)
    s.expect_title(title)
    expect(s.main.locator("svg[role=img]").first).to_be_visible()
    expect(s.main.locator("#gap-table")).to_be_visible()
    expect(s.main.get_by_role("link", name=s._("Download the PDF"), exact=True)).to_be_visible()
    s.check()
    s.follow(s._("Back to the scan"))
    s.follow(s._("Open answers"))
    s.check()
