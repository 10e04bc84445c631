"""Planning and attendance in a real browser, on a 320 px phone screen, in Dutch and English.

The project leader adds a new location, plans one of round 2's coming modules there, invites
a guest from the community (first with an e-mail address that is not one) and keeps the
attendance of a held module at the door. Every page on the way fits the screen and passes axe.
Screens are reached through links, as a user reaches them.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Demo
from tests.e2e.test_browser import PROJECT_LEADER, Screen, in_both_languages, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 720}
# Per language pass: the new location, the module planned there (its position in round 2),
# the guest, and the mark the participant gets.
PASSES = {
    "nl": ("Buurtcafé De Zwaan", 5, ("Joke 't Hooft", "joke@dezwaan.example"), "present"),
    "en": ("Dorpshuis De Kern", 4, ("Karel Bakker", "karel@dekern.example"), "late"),
}
LATECOMER = "Daan Koster"  # late at round 2's second module in the demo


def fits(s: Screen) -> None:
    """No sideways scrolling on the phone, the page's language, and axe."""
    overflow = s.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{s.page.url} is {overflow}px wider than a 320px screen"
    s.check()


def module_title(demo: Demo, position: int) -> str:
    """Round 2's module at this position: the fixed first one, then the chosen themes."""
    return (
        "Overheidsparticipatie als werkwijze"
        if position == 1
        else demo.voorbeeld_themes[position - 2]
    )


def walk(s: Screen, demo: Demo) -> None:
    place, position, (guest, email), mark = PASSES[s.language]
    page = s.page
    s.start("Project leader")

    # A new location, from the menu.
    s.go("Locations")
    s.expect_title(s._("Locations"))
    fits(s)
    s.follow(s._("Add location"))
    s.expect_title(s._("Add location"))
    page.locator("#id_name").fill(place)
    page.locator("#id_address").fill("Dorpsstraat 4, 9999 AZ Voorbeeld")
    page.locator("#id_capacity").fill("30")
    page.locator("#id_accessibility").fill("Drempelvrij.")
    s.main.get_by_role("button", name=s._("Save"), exact=True).click()
    expect(page.get_by_text(s._("The location has been added."))).to_be_visible()
    expect(s.row(place)).to_be_visible()
    fits(s)

    # Plan a coming module of round 2 there, from the trajectory's timeline.
    title = module_title(demo, position)
    s.go("Overview")
    s.follow(demo.voorbeeld_trajectory)
    change = s.spoken('Change<span class="visually-hidden"> %(title)s</span>', title=title)
    s.link(change).click()
    s.expect_title(s._("Plan “%(title)s”", title=title))
    with translation.override(s.language):
        option = translation.ngettext(
            "%(name)s (%(capacity)s person)", "%(name)s (%(capacity)s people)", 30
        ) % {"name": place, "capacity": 30}
    page.locator("#id_location").select_option(label=option)
    conflicts = page.locator("#conflicts")  # checked with htmx as the location changes
    expect(conflicts).to_contain_text(
        s._(
            "No conflicts: nobody and no location is booked twice, and the order of the "
            "programme is kept."
        )
    )
    fits(s)
    s.main.get_by_role("button", name=s._("Save"), exact=True).click()
    expect(page.get_by_text(s._("The meeting has been saved."))).to_be_visible()
    s.expect_title(demo.voorbeeld_trajectory)
    entry = s.main.locator(".bu-timeline li.utrecht-unordered-list__item").filter(has_text=title)
    expect(entry).to_contain_text(place)
    with translation.override(s.language):  # the module's old place is used no more: five
        uses = translation.ngettext(
            "This round uses %(counter)s location.",
            "This round uses %(counter)s different locations.",
            5,
        ) % {"counter": 5}
    expect(s.main).to_contain_text(uses)
    fits(s)

    # Invite a guest from the community: a wrong address is refused beside the field.
    s.link(change).click()
    page.evaluate("() => { window.stillTheSamePage = true; }")
    guests = page.locator("#guests")
    guests.get_by_label(s._("Name"), exact=True).fill(guest)
    guests.get_by_label(s._("E-mail address"), exact=True).fill("joke-at-dezwaan")
    guests.get_by_role("button", name=s._("Invite guest"), exact=True).click()
    expect(page.locator("#id_email_error")).to_have_text(
        s._("Enter a valid e-mail address, like naam@voorbeeld.nl.")
    )
    fits(s)
    guests.get_by_label(s._("E-mail address"), exact=True).fill(email)
    guests.locator("#id_affiliation").fill(place)
    guests.get_by_role("button", name=s._("Invite guest"), exact=True).click()
    expect(guests.get_by_role("rowheader", name=guest, exact=True)).to_be_visible()
    expect(page.locator("#id_email_error")).to_have_count(0)
    assert page.evaluate("() => window.stillTheSamePage === true"), "the page was reloaded"
    fits(s)

    # Keep the attendance of a held module at the door, from the round's page.
    s.follow(s._("Back to the trajectory"))
    s.open_round(demo.voorbeeld_rounds[2])
    held = module_title(demo, 2)
    s.link(
        s.spoken('Attendance<span class="visually-hidden"> at %(title)s</span>', title=held)
    ).click()
    s.expect_title(s._("Attendance: %(title)s", title=held))
    fits(s)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    label = {"present": "Present", "late": "Late"}[mark]
    name = s.spoken(f'{label}<span class="visually-hidden"> %(name)s</span>', name=LATECOMER)
    button = s.main.get_by_role("button", name=name, exact=True)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    row = s.main.locator("li.bu-attendee").filter(has_text=LATECOMER)
    expect(row).to_have_class(re.compile(rf"\bbu-attendee--{mark}\b"))
    assert page.evaluate("() => window.stillTheSamePage === true"), "the page was reloaded"
    fits(s)


def test_plan_at_a_new_location_invite_a_guest_and_mark_attendance_on_a_phone(
    page: Page, demo: Demo
) -> None:
    page.set_viewport_size(PHONE)
    in_both_languages(log_in(page, PROJECT_LEADER), walk, demo)
