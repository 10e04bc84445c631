"""Real people get in: an invitation followed from its e-mail, a forgotten password, and
two-step login set up and used — in a real browser, with axe on every page, in both languages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail as django_mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from binnenuit.demo.builder import TWO_STEP_EMAIL
from binnenuit.mail.models import Mail
from binnenuit.mail.tasks import deliver
from tests.e2e.test_browser import PROJECT_LEADER, VOORBEELD, Screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "een-heel-lang-nieuw-wachtwoord"


def the_mail_arrives(to: str) -> str:
    """The worker sends what is queued (locmem in tests); the body of the mail to ``to``."""
    for pk in Mail.objects.filter(status=Mail.Status.QUEUED).values_list("pk", flat=True):
        deliver(pk)
    mails = [m for m in django_mail.outbox if m.to == [to]]
    assert mails, f"no mail to {to}"
    return mails[-1].body


def link_in(body: str, path: str) -> str:
    match = re.search(rf"https?://\S+{path}\S*", body)
    assert match, body
    return urlsplit(match[0]).path


def code_for(email: str) -> str:
    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def walk_invitation(page: Page, browser_page_for_invitee, language: str) -> None:
    s = log_in(page, PROJECT_LEADER)
    if language == "en":
        s.switch_language()
    s.expect_title(VOORBEELD)
    s.follow(s._("Who has access"))
    s.expect_title(s._("Who has access"))
    expect(s.main.get_by_text("anouk.smits@voorbeeld.example", exact=True)).to_be_visible()
    s.check()
    s.follow(s._("Invite someone"))
    s.expect_title(s._("Invite someone to log in"))
    s.check()
    s.main.get_by_role("button", name=s._("Send invitation"), exact=True).click()
    expect(s.main.get_by_role("alert")).to_be_visible()  # nothing filled in
    s.check()
    email = f"femke.jacobs.{language}@voorbeeld.example"
    page.locator("#id_full_name").fill("Femke Jacobs")
    page.locator("#id_email").fill(email)
    page.locator("#id_role").select_option("participant")
    s.main.get_by_role("button", name=s._("Send invitation"), exact=True).click()
    s.expect_title(s._("Who has access"))
    expect(page.get_by_role("status")).to_contain_text(email)
    s.check()

    invitee = Screen(browser_page_for_invitee)  # a new browser: Dutch until switched
    link = link_in(the_mail_arrives(email), "/uitnodiging/")
    invitee.page.goto(link)
    if language == "en":
        invitee.switch_language()
    invitee.expect_title(invitee._("Welcome to Binnenuit for %(name)s", name=VOORBEELD))
    invitee.check()
    invitee.page.locator("#id_new_password1").fill("kort")
    invitee.page.locator("#id_new_password2").fill("kort")
    invitee.main.get_by_role("button", name=invitee._("Save password and log in")).click()
    expect(invitee.page.locator("#id_new_password1_error")).to_be_visible()
    invitee.check()
    invitee.page.locator("#id_new_password1").fill(NEW_PASSWORD)
    invitee.page.locator("#id_new_password2").fill(NEW_PASSWORD)
    invitee.main.get_by_role("button", name=invitee._("Save password and log in")).click()
    invitee.expect_title(VOORBEELD)
    invitee.expect_role("Participant")
    invitee.check()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_project_leader_invites_and_the_colleague_logs_in_with_their_role(
    page, browser, live_server, demo, language
):
    from tests.e2e.conftest import _new_context

    context = _new_context(browser, live_server.url)
    try:
        walk_invitation(page, context.new_page(), language)
    finally:
        context.close()


def test_a_forgotten_password_is_replaced_through_the_mail(page, demo):
    s = Screen(page)
    page.goto("/inloggen/")
    s.follow(s._("Forgotten your password?"))
    s.expect_title(s._("Forgotten your password?"))
    s.check()
    page.locator("#id_email").fill("trainer@voorbeeld.example")
    s.main.get_by_role("button", name=s._("Send the link"), exact=True).click()
    s.expect_title(s._("Check your e-mail"))
    s.check()
    page.goto(link_in(the_mail_arrives("trainer@voorbeeld.example"), "/wachtwoord-vergeten/"))
    s.expect_title(s._("Choose a new password"))
    s.check()
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    s.main.get_by_role("button", name=s._("Save password"), exact=True).click()
    s.expect_title(s._("Your new password is saved"))
    s.check()
    s = log_in(page, "trainer@voorbeeld.example", NEW_PASSWORD)
    s.expect_title(VOORBEELD)


def test_two_step_login_is_set_up_and_then_asked_at_login(page, demo, settings):
    settings.TWO_FACTOR_REQUIRED = True
    s = log_in(page, PROJECT_LEADER)
    s.expect_title(s._("Set up two-step login"))
    expect(s.main.locator("svg")).to_be_visible()  # the QR code
    s.check()
    device = TOTPDevice.objects.get(user__email=PROJECT_LEADER, confirmed=False)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    page.locator("#id_code").fill(code)
    s.main.get_by_role("button", name=s._("Confirm"), exact=True).click()
    s.expect_title(s._("Your recovery codes"))
    expect(s.main.locator(".bu-codes code")).to_have_count(10)
    s.check()
    s.follow(s._("I have saved them, continue"))
    s.expect_title(VOORBEELD)

    page.get_by_role("button", name=s._("Log out"), exact=True).click()
    page.locator("input[name=username]").fill(PROJECT_LEADER)
    page.locator("input[name=password]").fill("binnenuit-demo")
    s.main.get_by_role("button", name=s._("Log in"), exact=True).click()
    s.expect_title(s._("Two-step login"))
    s.check()
    # A code counts once: as if the app's next 30 seconds had come.
    TOTPDevice.objects.filter(user__email=PROJECT_LEADER).update(last_t=-1)
    page.locator("#id_code").fill(code_for(PROJECT_LEADER))
    s.main.get_by_role("button", name=s._("Log in"), exact=True).click()
    s.expect_title(VOORBEELD)


def test_the_demo_two_step_login_asks_for_its_code(page, demo):
    s = Screen(page)
    page.goto("/inloggen/")
    page.locator("input[name=username]").fill(TWO_STEP_EMAIL)
    page.locator("input[name=password]").fill("binnenuit-demo")
    s.main.get_by_role("button", name=s._("Log in"), exact=True).click()
    s.expect_title(s._("Two-step login"))
    page.locator("#id_code").fill(code_for(TWO_STEP_EMAIL))
    s.main.get_by_role("button", name=s._("Log in"), exact=True).click()
    s.expect_title(s._("Organisations"))


def walk_records(s: Screen, demo) -> None:
    """The audit trail, an employee's data and the processing register, as an adviser."""
    s.home()
    s.follow(VOORBEELD)
    s.follow(s._("Audit trail"))
    s.expect_title(s._("Audit trail"))
    expect(s.main.locator("li, tr").first).to_be_visible()  # the demo's entries
    s.check()
    s.go("Employees")
    s.main.get_by_role("searchbox").fill("Jansen")
    s.main.get_by_role("link", name="Ben Jansen", exact=True).click()
    s.follow(s._("Everything held about %(name)s", name="Ben Jansen"))
    expect(s.main).to_contain_text("trainer@voorbeeld.example")  # his login, linked to him
    s.check()
    s.go("Processing register")
    s.expect_title(s._("Processing register"))
    s.check()
    s.page.get_by_role("banner").get_by_role("link", name=re.compile("Birgit Oelmans")).click()
    s.expect_title(s._("My account"))
    s.check()
    s.follow(s._("Everything Binnenuit holds about you"))
    expect(s.main).to_contain_text("adviseur@binnenuit.example")
    s.check()


def test_the_audit_trail_and_the_personal_data_pages_pass_axe(page, demo):
    from tests.e2e.test_browser import ADVISER, in_both_languages

    in_both_languages(log_in(page, ADVISER), walk_records, demo)


def walk_new_pages(s: Screen, demo) -> None:
    """Every page issue 6 added, as an adviser, checked with axe (and the CSP) as it is."""
    from binnenuit.organisations.models import Invitation, Membership, Person

    trainer = Membership.objects.get(user__email="trainer@voorbeeld.example")
    invitation = Invitation.objects.filter(organisation__slug="voorbeeld").first()
    person = Person.objects.get(organisation__slug="voorbeeld", full_name="Ben Jansen")
    o = "/o/voorbeeld"
    for path in (
        f"{o}/toegang/",
        f"{o}/toegang/uitnodigen/",
        f"{o}/toegang/{trainer.pk}/rol/",
        f"{o}/toegang/{trainer.pk}/deactiveren/",
        f"{o}/toegang/{trainer.pk}/tweestaps-herstellen/",
        f"{o}/uitnodigingen/{invitation.pk}/intrekken/",
        f"{o}/logboek/",
        f"{o}/medewerkers/{person.pk}/gegevens/",
        f"{o}/medewerkers/{person.pk}/anonimiseren/",
        "/account/",
        "/account/wachtwoord/",
        "/account/tweestaps/instellen/",
        "/mijn-gegevens/",
        "/privacy/verwerkingsregister/",
        "/privacy/bewaartermijnen/",
        "/demo/postvak/",
    ):
        response = s.page.goto(path)
        assert response is not None and response.status == 200, path
        s.check()
    s.page.goto(f"{o}/toegang/{trainer.pk}/rol/")
    s.page.locator("#id_role").select_option("manager")
    s.main.get_by_role("button", name=s._("Next"), exact=True).click()
    expect(s.main.get_by_role("button", name=s._("Yes, change the role"))).to_be_visible()
    s.check()


def test_every_new_page_passes_axe_in_dutch_and_english(page, demo):
    from tests.e2e.test_browser import ADVISER, in_both_languages

    in_both_languages(log_in(page, ADVISER), walk_new_pages, demo)


def walk_public_pages(s: Screen, demo) -> None:
    for path in (
        "/wachtwoord-vergeten/",
        "/wachtwoord-vergeten/verstuurd/",
        "/wachtwoord-vergeten/MQ/ongeldig/",
        "/wachtwoord-vergeten/klaar/",
        "/uitnodiging/geen-echte-link/",
    ):
        s.page.goto(path)
        s.check()


def test_the_public_account_pages_pass_axe_in_dutch_and_english(page, demo):
    from tests.e2e.test_browser import in_both_languages

    s = Screen(page)
    page.goto("/inloggen/")
    in_both_languages(s, walk_public_pages, demo)


def test_behind_the_proxy_guessing_elsewhere_does_not_lock_out_the_colleague(
    browser, live_server, demo, settings
):
    """Live: every request comes from the proxy (127.0.0.1), which forwards the client."""
    from tests.e2e.conftest import _new_context

    settings.TRUSTED_PROXIES = 1

    def browser_at(address: str):
        context = _new_context(
            browser, live_server.url, extra_http_headers={"X-Forwarded-For": address}
        )
        return context, Screen(context.new_page())

    attacker_context, attacker = browser_at("203.0.113.66")
    colleague_context, colleague = browser_at("198.51.100.7")
    try:
        attacker.page.goto("/inloggen/")
        for n in range(settings.AXES_FAILURE_LIMIT):
            attacker.page.locator("input[name=username]").fill("trainer@voorbeeld.example")
            attacker.page.locator("input[name=password]").fill(f"geraden-{n}")
            attacker.main.get_by_role("button", name=attacker._("Log in"), exact=True).click()
        attacker.expect_title(attacker._("Too many attempts to log in"))
        colleague.page.goto("/inloggen/")
        colleague.page.locator("input[name=username]").fill("trainer@voorbeeld.example")
        colleague.page.locator("input[name=password]").fill("binnenuit-demo")
        colleague.main.get_by_role("button", name=colleague._("Log in"), exact=True).click()
        colleague.expect_title(VOORBEELD)
    finally:
        attacker_context.close()
        colleague_context.close()
