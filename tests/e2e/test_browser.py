"""Every demo login clicks through its pages in a real browser, in Dutch and in English.

Each page visited is checked with axe-core (WCAG 2.1 A and AA). Screens are found the way a user
finds them: through the links and buttons on the page; only the pages a role must *not* reach
(403, 404) are typed into the address bar.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from binnenuit.demo.builder import DEMO_PASSWORD
from tests.e2e.conftest import Demo, DemoRound, assert_accessible, t

pytestmark = [
    pytest.mark.e2e,
    # Live-server tests are transactional (the server thread must see the test's rows); the
    # `demo` fixture puts back the rows of the data migrations each test's flush removes.
    pytest.mark.django_db(transaction=True),
]

ADVISER = "adviseur@binnenuit.example"
PROJECT_LEADER = "projectleider@voorbeeld.example"
MANAGER = "manager@voorbeeld.example"
TRAINER = "trainer@voorbeeld.example"
PARTICIPANT = "deelnemer@voorbeeld.example"
ANDERSTAD = "projectleider@anderstad.example"

VOORBEELD = "Gemeente Voorbeeld"
ANDERSTAD_ORG = "Gemeente Anderstad"
VOORBEELD_EMPLOYEES = 35


class Screen:
    """One user's browser tab, in the language the app currently shows."""

    def __init__(self, page: Page, language: str = "nl") -> None:
        self.page = page
        self.language = language

    def _(self, message: str, **values: object) -> str:
        return t(self.language, message, **values)

    def link_word(self, message: str, **values: object) -> str:
        """The visible word of a link whose message ends in visually hidden context."""
        return self._(message, **values).split("<", 1)[0]

    def spoken(self, message: str, **values: object) -> str:
        """A message with visually hidden parts as a screen reader reads it (tags dropped)."""
        return re.sub(r"<[^>]+>", "", self._(message, **values))

    def add_to_round(self, search: str, name: str) -> None:
        """Find the employee with the round page's search and add them."""
        self.main.get_by_role("searchbox").fill(search)
        self.main.get_by_role("button", name=self._("Search"), exact=True).click()
        add = self.spoken(
            'Add<span class="visually-hidden"> %(name)s</span> to the round', name=name
        )
        self.main.get_by_role("button", name=add, exact=True).click()

    def round_label(self, round_: DemoRound) -> str:
        return self._("Round %(number)s", number=round_.number)

    # Finding things
    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    @property
    def menu(self) -> Locator:
        return self.page.get_by_role("navigation", name=self._("Main menu"))

    def link(self, name: str) -> Locator:
        return self.main.get_by_role("link", name=name, exact=True)

    def heading(self, name: str) -> Locator:
        return self.main.get_by_role("heading", name=name, exact=True)

    def row(self, name: str) -> Locator:
        return self.main.get_by_role("rowheader", name=name, exact=True)

    def member(self, name: str) -> Locator:
        """The person's row in the round's members (not in the search results)."""
        return self.main.locator("#members").get_by_role("rowheader", name=name, exact=True)

    # Moving about
    def home(self) -> None:
        self.page.get_by_role("banner").get_by_role("link", name="Binnenuit").click()

    def start(self, role: str, organisation: str = VOORBEELD) -> None:
        """A municipality's employee goes straight to their organisation, in their role."""
        self.home()
        self.expect_title(organisation)
        self.expect_role(role)

    def open_round(
        self,
        round_: DemoRound,
        heading: str | None = None,
        members: tuple[str, ...] = (),
        strangers: tuple[str, ...] = (),
    ) -> None:
        """Follow the round's link; who is listed there, and who is not."""
        self.follow(self.round_label(round_))
        self.expect_title(starts_with(self.round_label(round_)))
        if heading is not None:
            expect(self.heading(self._(heading))).to_be_visible()
        for name in members:
            expect(self.row(name)).to_be_visible()
        for name in strangers:
            expect(self.row(name)).to_have_count(0)

    def visit(self, name: str) -> None:
        """Follow the link; the page's heading is the link's text; the page passes the checks."""
        self.follow(name)
        self.expect_title(name)
        self.check()

    def follow(self, name: str) -> None:
        self.link(name).click()

    def go(self, menu_item: str) -> None:
        self.menu.get_by_role("link", name=self._(menu_item), exact=True).click()

    def switch_language(self) -> None:
        to, button = ("en", "English") if self.language == "nl" else ("nl", "Nederlands")
        self.page.get_by_role("banner").get_by_role("button", name=button, exact=True).click()
        self.language = to
        expect(self.page.locator("html")).to_have_attribute("lang", to)
        other = "Nederlands" if to == "en" else "English"
        expect(self.page.get_by_role("button", name=other, exact=True)).to_be_visible()

    # Checking
    def expect_title(self, text: str | re.Pattern[str]) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)

    def expect_role(self, role: str) -> None:
        expect(self.page.locator(".bu-nav__user")).to_contain_text(self._(role))

    def expect_forbidden(self, path: str) -> None:
        """Going straight to a page the role may not see gives the explained 403 page."""
        response = self.page.goto(path)
        assert response is not None and response.status == 403
        self.expect_title(self._("You have no access to this page"))
        self.check()

    def check(self) -> None:
        """The page is in the current language and passes axe."""
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        assert_accessible(self.page)


def starts_with(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}")


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> Screen:
    screen = Screen(page)
    page.goto("/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    screen.main.get_by_role("button", name=screen._("Log in"), exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/inloggen/"))
    return screen


def in_both_languages(screen: Screen, walk: Callable[[Screen, Demo], None], demo: Demo) -> None:
    """Walk the role's pages in Dutch, switch with the header button, walk them again."""
    walk(screen, demo)
    screen.switch_language()
    walk(screen, demo)


# --- Per role ------------------------------------------------------------------------------


def walk_adviser(s: Screen, demo: Demo) -> None:
    s.home()  # an adviser starts on the list of the organisations they advise
    s.expect_title(s._("Organisations"))
    expect(s.link(VOORBEELD)).to_be_visible()
    expect(s.link(ANDERSTAD_ORG)).to_be_visible()
    s.check()

    s.follow(s._("Show archived organisations"))  # an earlier client, kept for its history
    s.expect_title(s._("Archived organisations"))
    expect(s.link("Gemeente Oudebrug")).to_be_visible()
    s.check()
    s.follow(s._("Back to the active organisations"))

    s.follow(ANDERSTAD_ORG)
    s.expect_title(ANDERSTAD_ORG)
    s.expect_role("Adviser")
    expect(s.link(demo.anderstad_trajectory)).to_be_visible()
    s.check()

    s.go("Organisations")
    s.follow(VOORBEELD)
    s.expect_title(VOORBEELD)
    s.expect_role("Adviser")
    expect(s.link(s._("Start a trajectory"))).to_be_visible()
    s.check()

    s.go("Employees")
    s.expect_title(s._("Employees"))
    expect(s.main.locator("caption")).to_contain_text(str(VOORBEELD_EMPLOYEES))
    s.check()

    s.visit(s._("Add employee"))

    s.go("Overview")
    s.visit(demo.voorbeeld_trajectory)
    for number, member in ((1, "Ben Jansen"), (2, "Sanne Hendriks")):
        s.open_round(demo.voorbeeld_rounds[number], "Who is in this round", members=(member,))
        s.check()
        s.follow(s._("Back to %(name)s", name=demo.voorbeeld_trajectory))
        s.expect_title(demo.voorbeeld_trajectory)

    s.follow(s._("Choose round 2 themes"))
    s.expect_title(s._("Choose round 2 themes"))
    expect(s.main.locator("select option:checked")).to_have_text(demo.voorbeeld_themes)
    s.check()

    s.go("Catalogue")
    s.expect_title(s._("Programme catalogue"))
    s.check()
    s.follow(demo.catalogue_version)
    s.expect_title(re.compile(r"\bv1$"))
    expect(s.heading(s._("Round 2 themes"))).to_be_visible()
    s.check()


def test_adviser_sees_both_organisations_and_the_catalogue(page, demo):
    in_both_languages(log_in(page, ADVISER), walk_adviser, demo)


def walk_project_leader(s: Screen, demo: Demo) -> None:
    s.start("Project leader")
    expect(s.link(s._("Start a trajectory"))).to_be_visible()
    s.check()

    s.go("Employees")
    s.expect_title(s._("Employees"))
    expect(s.main.locator("caption")).to_contain_text(str(VOORBEELD_EMPLOYEES))
    # The search narrows the list in place (htmx), without leaving the page.
    url = s.page.url
    s.main.get_by_role("searchbox").fill("Jansen")
    expect(s.main.locator("tbody tr")).to_have_count(1)
    expect(s.row("Ben Jansen")).to_be_visible()
    assert s.page.url == url
    s.check()

    s.visit(s._("Add employee"))

    s.go("Overview")
    s.visit(demo.voorbeeld_trajectory)
    for number, members in ((1, ("Ben Jansen", "Yvonne Dekker")), (2, ("Sanne Hendriks",))):
        s.open_round(demo.voorbeeld_rounds[number], members=members)
        expect(s.heading(s._("Add an employee"))).to_be_visible()
        s.check()
        s.follow(s._("Back to %(name)s", name=demo.voorbeeld_trajectory))

    s.follow(s._("Choose round 2 themes"))
    s.expect_title(s._("Choose round 2 themes"))
    expect(s.main.locator("select option:checked")).to_have_text(demo.voorbeeld_themes)
    s.check()


def test_project_leader_manages_their_organisation(page, demo):
    in_both_languages(log_in(page, PROJECT_LEADER), walk_project_leader, demo)


def walk_manager(s: Screen, demo: Demo) -> None:
    s.start("Manager")
    expect(s.link(s._("Start a trajectory"))).to_have_count(0)
    expect(s.link(s._("Add employee"))).to_have_count(0)
    expect(s.link(s._("Edit organisation"))).to_have_count(0)
    s.check()

    s.go("Employees")
    s.expect_title(s._("Employees"))
    expect(s.main.locator("caption")).to_contain_text(str(VOORBEELD_EMPLOYEES))
    expect(s.link(s._("Add employee"))).to_have_count(0)
    expect(s.main.locator("table a")).to_have_count(0)  # names are not links to an edit form
    s.check()

    s.go("Overview")
    s.follow(demo.voorbeeld_trajectory)
    s.expect_title(demo.voorbeeld_trajectory)
    expect(s.link(s._("Choose round 2 themes"))).to_have_count(0)
    expect(s.main.get_by_role("button")).to_have_count(0)  # no phase change
    s.check()

    s.open_round(demo.voorbeeld_rounds[2], "Who is in this round", members=("Sanne Hendriks",))
    expect(s.main.get_by_role("button")).to_have_count(0)  # cannot add people
    take_out = s.link_word('Take out<span class="visually-hidden"> %(name)s</span>', name="")
    expect(s.main.get_by_role("link", name=re.compile(rf"^{take_out}\b"))).to_have_count(0)
    s.check()


def test_manager_has_a_read_only_overview(page, demo):
    in_both_languages(log_in(page, MANAGER), walk_manager, demo)


def walk_trainer(s: Screen, demo: Demo) -> None:
    round_1, round_2 = demo.voorbeeld_rounds[1], demo.voorbeeld_rounds[2]
    s.start("Trainer")
    expect(s.heading(s._("My rounds"))).to_be_visible()
    expect(s.link(s.round_label(round_1))).to_be_visible()
    expect(s.link(s.round_label(round_2))).to_be_visible()  # the round they give
    expect(s.link(demo.voorbeeld_trajectory)).to_have_count(0)
    expect(s.menu.get_by_role("link", name=s._("Employees"))).to_have_count(0)
    s.check()

    s.open_round(
        round_1,
        "Your group",
        members=("Ben Jansen", "Angelique Bakker", "Yvonne Dekker"),
        strangers=("Sanne Hendriks",),
    )
    expect(s.main.get_by_role("link", name=re.compile(s._("Back to")))).to_have_count(0)
    s.check()

    s.home()
    s.open_round(round_2, "The colleagues you train", members=("Sanne Hendriks",))
    s.check()

    s.expect_forbidden("/o/voorbeeld/medewerkers/")
    s.follow(s._("Back to the start page"))
    s.expect_title(VOORBEELD)


def test_trainer_sees_their_rounds_and_no_employees(page, demo):
    in_both_languages(log_in(page, TRAINER), walk_trainer, demo)


def walk_participant(s: Screen, demo: Demo) -> None:
    round_1, round_2 = demo.voorbeeld_rounds[1], demo.voorbeeld_rounds[2]
    s.start("Participant")
    expect(s.heading(s._("My round"))).to_be_visible()
    expect(s.link(s.round_label(round_2))).to_be_visible()
    expect(s.link(s.round_label(round_1))).to_have_count(0)
    s.check()

    s.open_round(
        round_2,
        "Your group",
        members=("Sanne Hendriks", "Thomas van den Berg", "Iris Boer"),
        strangers=("Ben Jansen",),
    )
    for theme in demo.voorbeeld_themes:  # the modules show the themes the organisation chose
        expect(s.main.get_by_text(theme, exact=False).first).to_be_visible()
    s.check()

    s.expect_forbidden(f"/o/voorbeeld/rondes/{round_1.pk}/")


def test_participant_sees_round_2_only(page, demo):
    in_both_languages(log_in(page, PARTICIPANT), walk_participant, demo)


def walk_anderstad(s: Screen, demo: Demo) -> None:
    s.start("Project leader", ANDERSTAD_ORG)
    s.check()

    s.go("Organisations")
    s.expect_title(s._("Organisations"))
    expect(s.link(ANDERSTAD_ORG)).to_be_visible()
    expect(s.main).not_to_contain_text(VOORBEELD)
    s.check()

    s.follow(ANDERSTAD_ORG)
    s.go("Employees")
    s.expect_title(s._("Employees"))
    expect(s.row("Karin Vos")).to_be_visible()
    expect(s.main).not_to_contain_text("Wendy Kramer")
    expect(s.main).not_to_contain_text("Ben Jansen")
    s.check()

    s.visit(s._("Add employee"))

    s.go("Overview")
    s.visit(demo.anderstad_trajectory)
    s.open_round(demo.anderstad_rounds[1])
    expect(s.main).to_contain_text(s._("Nobody is in this round yet."))
    s.check()
    s.follow(s._("Back to %(name)s", name=demo.anderstad_trajectory))
    s.visit(s._("Choose round 2 themes"))

    # Another organisation's pages do not exist for them: the same 404 as a wrong address.
    response = s.page.goto("/o/voorbeeld/")
    assert response is not None and response.status == 404
    s.expect_title(s._("Page not found"))
    expect(s.page.locator("body")).not_to_contain_text(VOORBEELD)
    s.check()
    response = s.page.goto(f"/o/voorbeeld/rondes/{demo.voorbeeld_rounds[1].pk}/")
    assert response is not None and response.status == 404


def test_anderstad_project_leader_never_sees_voorbeeld(page, demo):
    in_both_languages(log_in(page, ANDERSTAD), walk_anderstad, demo)


# --- Logging in, the language, forms ---------------------------------------------------------


def test_login_page_errors_language_switch_and_return_to_the_page_asked_for(page, demo):
    s = Screen(page)
    page.goto("/o/voorbeeld/")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=/o/voorbeeld/$"))
    s.expect_title(s._("Log in to Binnenuit"))  # Dutch, although the browser asks for English
    s.check()

    page.locator("input[name=username]").fill(PROJECT_LEADER)
    page.locator("input[name=password]").fill("not-the-password")
    s.main.get_by_role("button", name=s._("Log in"), exact=True).click()
    expect(s.main.get_by_role("alert")).to_have_text(
        s._("The e-mail address or password is not correct. Check both and try again.")
    )
    expect(page.locator("input[name=username]")).to_have_value(PROJECT_LEADER)
    s.check()

    s.switch_language()
    s.expect_title("Log in to Binnenuit")
    s.check()

    page.locator("input[name=username]").fill(PROJECT_LEADER)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    s.main.get_by_role("button", name="Log in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/o/voorbeeld/$"))
    s.expect_title(VOORBEELD)
    s.expect_role("Project leader")

    page.get_by_role("button", name="Log out", exact=True).click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    s.expect_title("Log in to Binnenuit")  # still English: the choice outlives the session


def test_the_dutch_screens_are_in_dutch(page, demo):
    """Dutch is the default language: the catalogue must really translate the screens."""
    page.goto("/inloggen/")
    untranslated = [
        message
        for message in ("Log in to Binnenuit", "Log in", "Enter the employee's name.", "Employees")
        if t("nl", message) == message
    ]
    assert not untranslated, (
        "The Dutch catalogue (src/binnenuit/locale/nl/LC_MESSAGES/django.po) leaves these "
        f"English: {untranslated}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(t("nl", "Log in to Binnenuit"))


def test_invalid_employee_shows_the_dutch_error_at_the_field_and_keeps_the_input(page, demo):
    s = log_in(page, PROJECT_LEADER)
    s.expect_title(VOORBEELD)
    s.follow(s._("Add employee"))
    s.expect_title(s._("Add employee"))

    page.locator("#id_email").fill("nieuwe.collega@voorbeeld.example")
    page.locator("#id_job_title").fill("Wijkconsulent")
    page.locator("#id_department").fill("Samenleving")
    page.locator("#id_function_category").select_option("policy")
    s.main.get_by_role("button", name=s._("Save"), exact=True).click()

    expect(s.main.get_by_role("alert")).to_have_text(
        s._("Not saved: correct the fields marked below.")
    )
    name = page.locator("#id_full_name")
    field = s.main.locator(".utrecht-form-field", has=name)
    expect(field.locator(".utrecht-form-field-error-message")).to_have_text(
        t("nl", "Enter the employee's name.")
    )
    expect(field).to_have_class(re.compile(r"\butrecht-form-field--invalid\b"))
    expect(name).to_have_attribute("aria-invalid", "true")
    # Screen readers announce the message with the field.
    expect(name).to_have_attribute("aria-describedby", re.compile(r"\bid_full_name_error\b"))
    expect(page.locator("#id_full_name_error")).to_have_text(t("nl", "Enter the employee's name."))
    expect(name).to_be_empty()
    expect(page.locator("#id_email")).to_have_value("nieuwe.collega@voorbeeld.example")
    expect(page.locator("#id_job_title")).to_have_value("Wijkconsulent")
    expect(page.locator("#id_department")).to_have_value("Samenleving")
    expect(page.locator("#id_function_category")).to_have_value("policy")
    s.check()

    name.fill("Noor de Nieuwe")
    s.main.get_by_role("button", name=s._("Save"), exact=True).click()
    s.expect_title(s._("Employees"))
    expect(s.main.locator("caption")).to_contain_text(str(VOORBEELD_EMPLOYEES + 1))
    s.main.get_by_role("searchbox").fill("Nieuwe")
    expect(s.row("Noor de Nieuwe")).to_be_visible()


def test_forms_work_without_javascript(page_without_js, demo):
    page = page_without_js
    s = log_in(page, PROJECT_LEADER)
    s.expect_title(VOORBEELD)

    # The employee search is a plain GET form underneath its htmx behaviour.
    s.go("Employees")
    s.main.get_by_role("searchbox").fill("Jansen")
    s.main.get_by_role("button", name=s._("Search"), exact=True).click()
    expect(page).to_have_url(re.compile(r"\?zoek=Jansen$"))
    expect(s.main.locator("tbody tr")).to_have_count(1)
    expect(s.row("Ben Jansen")).to_be_visible()

    # Adding someone to a round is a plain POST form.
    s.go("Overview")
    s.follow(demo.voorbeeld_trajectory)
    round_ = demo.voorbeeld_rounds[1]
    s.open_round(round_, strangers=("Joost van Wijk",))
    s.add_to_round("Joost", "Joost van Wijk")
    expect(page.get_by_role("status")).to_contain_text(
        s._("%(name)s has been added to the round.", name="Joost van Wijk")
    )
    expect(s.member("Joost van Wijk")).to_be_visible()

    # So is the language switch.
    s.switch_language()
    s.expect_title(starts_with(s.round_label(round_)))
    expect(s.heading("Who is in this round")).to_be_visible()


def test_adding_to_a_round_updates_the_members_in_place(page, demo):
    s = log_in(page, PROJECT_LEADER)
    round_ = demo.voorbeeld_rounds[2]
    page.goto(f"/o/voorbeeld/rondes/{round_.pk}/")
    s.expect_title(starts_with(s.round_label(round_)))
    page.evaluate("() => { window.stillTheSamePage = true; }")

    for name in ("Joost van Wijk", "Femke Jacobs"):  # 13 + 1 fills the 14 places
        s.add_to_round(name.split()[0], name)
        expect(s.member(name)).to_be_visible()

    expect(page.get_by_role("status")).to_have_text(
        s._("The round is full: %(name)s is on the waiting list.", name="Femke Jacobs")
    )
    expect(s.main.get_by_role("row", name=re.compile("Femke Jacobs"))).to_contain_text(
        s._("Wait-listed")
    )
    # The employee who was just added is no longer offered.
    expect(s.main.locator("#candidates").get_by_text("Femke Jacobs")).to_have_count(0)
    assert page.evaluate("() => window.stillTheSamePage === true"), "the page was reloaded"
    s.check()


def test_pages_fit_a_phone_screen(page, demo):
    """WCAG reflow: at 320 CSS pixels only a wide table scrolls sideways, in its own box."""
    page.set_viewport_size({"width": 320, "height": 720})
    s = log_in(page, ADVISER)

    def fits() -> None:
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} is {overflow}px wider than a 320px screen"
        s.check()

    round_2 = demo.voorbeeld_rounds[2]
    for path in (
        "/organisaties/",
        "/o/voorbeeld/",
        "/o/voorbeeld/medewerkers/",
        f"/o/voorbeeld/rondes/{round_2.pk}/",
        "/catalogus/",
    ):
        page.goto(path)
        fits()
    page.goto("/o/voorbeeld/")
    s.follow(demo.voorbeeld_trajectory)
    s.expect_title(demo.voorbeeld_trajectory)  # the new page has loaded
    fits()


def walk_forms(s: Screen, demo: Demo) -> None:
    """Every form page, empty and with its Dutch (or English) errors showing, passes axe."""
    page = s.page

    def submit(label: str) -> None:
        s.main.get_by_role("button", name=s._(label), exact=True).click()
        expect(s.main.get_by_role("alert")).to_be_visible()  # the form's error summary
        s.check()

    page.goto("/organisaties/nieuw/")
    s.check()
    submit("Save")
    expect(page.locator("#id_name_error")).to_have_text(s._("Enter the name of the organisation."))

    page.goto("/o/voorbeeld/bewerken/")
    s.check()
    page.locator("#id_cbs_code").fill("1234")
    submit("Save")

    page.goto("/o/voorbeeld/trajecten/nieuw/")
    s.check()
    submit("Start trajectory")

    page.goto("/o/voorbeeld/")
    s.follow(demo.voorbeeld_trajectory)
    change = s.link_word('Change<span class="visually-hidden"> %(title)s</span>', title="")
    s.main.get_by_role("link", name=re.compile(rf"^{change}\b")).first.click()
    s.check()
    page.locator("#id_date").fill("2001-01-01")
    submit("Save")

    page.goto("/o/voorbeeld/")
    s.follow(demo.voorbeeld_trajectory)
    s.follow(s._("Choose round 2 themes"))
    page.locator("select").last.select_option(
        index=page.locator("select").first.evaluate("e => e.selectedIndex")
    )
    submit("Save themes")

    page.goto(f"/o/voorbeeld/rondes/{demo.voorbeeld_rounds[2].pk}/")
    take_out = s.link_word('Take out<span class="visually-hidden"> %(name)s</span>', name="")
    s.main.get_by_role("link", name=re.compile(rf"^{take_out}\b")).first.click()
    expect(s.main.get_by_role("button", name=s._("Yes, take out"))).to_be_visible()
    s.check()

    page.goto("/catalogus/")
    draft = s.main.get_by_role(
        "link", name=re.compile(s._("Continue with draft version %(v)s", v=""))
    )
    if draft.count() == 0:
        s.main.get_by_role("button", name=s._("Start a new version"), exact=True).click()
    else:
        draft.click()
    s.check()
    s.follow(s._("Add theme"))
    s.check()
    submit("Save")
    page.go_back()
    page.go_back()
    edit = s.link_word('Edit<span class="visually-hidden"> %(title)s</span>', title="")
    s.main.get_by_role("link", name=re.compile(rf"^{edit}\b")).first.click()
    s.check()
    page.goto("/catalogus/")
    s.main.get_by_role(
        "link", name=re.compile(s._("Continue with draft version %(v)s", v=""))
    ).click()
    s.follow(s._("Publish this version"))
    expect(s.main.get_by_role("button", name=s._("Yes, publish"))).to_be_visible()
    s.check()

    response = page.goto("/o/voorbeeld/trajecten/999999/")
    assert response is not None and response.status == 404
    s.expect_title(s._("Page not found"))
    s.check()


def test_every_form_page_passes_axe_with_and_without_errors(page, demo):
    in_both_languages(log_in(page, ADVISER), walk_forms, demo)


def test_too_many_wrong_passwords_explain_the_wait(page, demo, settings):
    s = Screen(page)
    page.goto("/inloggen/")
    for attempt in range(settings.AXES_FAILURE_LIMIT):  # the last failure is answered so
        page.locator("input[name=username]").fill(TRAINER)
        page.locator("input[name=password]").fill(f"geraden-{attempt}")
        s.main.get_by_role("button", name=s._("Log in"), exact=True).click()
    s.expect_title(s._("Too many attempts to log in"))
    s.check()
    s.follow(s._("Back to the login page"))
    s.expect_title(s._("Log in to Binnenuit"))
