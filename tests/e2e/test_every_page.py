"""Every page of the access walk, opened in the browser by a role that may see it, passes axe
(WCAG 2.1 A and AA) in Dutch and in English.

The walk (``tests/test_url_walk.py``) names every URL pattern, so a new screen is checked here
the day it gets its walk case. Its pages show the small ``world``'s data; the richer demo pages
are clicked through in ``test_browser.py`` and the issue-specific browser tests. Responses that
are not HTML pages (PDF, iCalendar, CSV, images) are left to their own tests.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import build_world
from tests.e2e.conftest import _new_context, axe_violations, format_violations
from tests.test_url_walk import build_cases

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Who opens a page: the first of these that may (organisers see the most of a page).
ROLE_ORDER = ("adviser", "project_leader", "manager", "trainer", "participant", "anonymous")


def pages_to_check(world) -> list[tuple[str, str]]:
    """(role, path) for every GET case, as the first role in ROLE_ORDER that gets a 200."""
    found = []
    for name, case in sorted(build_cases(world).items()):
        if case.method != "get":
            continue
        role = next((r for r in ROLE_ORDER if case.expected.get(r) == 200), None)
        if role is not None:
            found.append((role, reverse(name, kwargs=case.kwargs)))
    return found


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_every_walked_page_passes_axe_in_dutch_and_english(browser, live_server):
    world = build_world()
    pages = pages_to_check(world)
    assert len(pages) > 50  # the walk is there, and large
    failures: list[str] = []
    checked = 0
    contexts = {}
    try:
        for role, path in pages:
            if role not in contexts:
                context = _new_context(browser, live_server.url)
                if role != "anonymous":
                    context.add_cookies(
                        [
                            {
                                "name": settings.SESSION_COOKIE_NAME,
                                "value": session_cookie(world.users[role]),
                                "url": live_server.url,
                            }
                        ]
                    )
                contexts[role] = context.new_page()
            page = contexts[role]
            for language in ("nl", "en"):
                page.context.add_cookies(
                    [
                        {
                            "name": settings.LANGUAGE_COOKIE_NAME,
                            "value": language,
                            "url": live_server.url,
                        }
                    ]
                )
                try:
                    response = page.goto(path)
                except PlaywrightError as error:  # a download (Content-Disposition: attachment)
                    if "Download is starting" in str(error):
                        break
                    raise
                assert response is not None
                if "text/html" not in response.headers.get("content-type", ""):
                    break  # a document or a file, not a page
                if response.status != 200:
                    failures.append(f"{path} as {role} ({language}): HTTP {response.status}")
                    break
                lang = page.locator("html").get_attribute("lang")
                if lang != language:
                    failures.append(f"{path} as {role}: lang={lang}, expected {language}")
                violations = axe_violations(page)
                if violations:
                    failures.append(f"as {role}: " + format_violations(page, violations))
                checked += 1
    finally:
        for page in contexts.values():
            page.context.close()
    assert not failures, "\n\n".join(failures)
    assert checked > 100
