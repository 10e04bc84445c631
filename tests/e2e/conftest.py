"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, language) for every test. Each test
gets the demo organisations, built exactly as ``./dev demo`` builds them.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.utils import translation
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    expect,
    sync_playwright,
)

# Playwright's sync API runs an event loop in this thread; Django would then refuse the ORM
# calls the tests make (building the demo, looking up ids) as "async unsafe". They are not: the
# loop never runs Django code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


# --- Translations ------------------------------------------------------------------------------


def t(language: str, message: str, **values: object) -> str:
    """``message`` as the app shows it in ``language``, with ``%(name)s`` values filled in."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


# --- Accessibility -----------------------------------------------------------------------------

_RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}
"""


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's strict CSP does not govern;
        # a <script> tag would be (rightly) refused.
        page.evaluate(_axe_source())
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def format_violations(page: Page, violations: list[dict]) -> str:
    lang = page.locator("html").get_attribute("lang")
    lines = [f"{len(violations)} axe violation(s) on {page.url} (lang={lang}, {page.title()!r}):"]
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    target: {json.dumps(node['target'])}")
            lines.append(f"      html: {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail.strip()}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with every rule, its help text and the offending selectors when axe finds anything."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(format_violations(page, violations), pytrace=False)


# --- Browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """What went wrong in the browser beyond what a test looks at: script errors, broken assets."""

    errors: list[str]

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        page.on("console", self._console)
        page.on("requestfailed", lambda req: self._failed(req.url, req.failure or "failed"))
        page.on("response", self._response)

    def _response(self, response: Response) -> None:
        # A 403 or 404 *page* is what some tests ask for; a missing stylesheet or script is not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} for {response.url}")

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium reports what the Content-Security-Policy refused on the console.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"CSP violation: {message.text}")

    def _failed(self, url: str, failure: str) -> None:
        # Chromium cancels a page's outstanding requests when a test navigates away mid-load.
        if "ERR_ABORTED" not in failure:
            self.errors.append(f"request failed: {url} ({failure})")


def _new_context(browser: Browser, base_url: str, **options: object) -> BrowserContext:
    # locale en-US: the app must stay Dutch whatever the browser asks for, until the switch.
    context = browser.new_context(base_url=base_url, locale="en-US", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _page_in(context: BrowserContext) -> Iterator[Page]:
    problems = PageProblems(errors=[])
    page = context.new_page()
    problems.watch(page)
    yield page
    context.close()
    assert not problems.errors, "Problems in the browser:\n" + "\n".join(problems.errors)


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A page in a fresh browser context on the live server (JavaScript on)."""
    yield from _page_in(_new_context(browser, live_server.url))


@pytest.fixture
def page_without_js(browser: Browser, live_server) -> Iterator[Page]:
    """A page in a fresh browser context with JavaScript switched off."""
    yield from _page_in(_new_context(browser, live_server.url, java_script_enabled=False))


# --- Data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoRound:
    pk: int
    number: int


@dataclass(frozen=True)
class Demo:
    """What the tests need to know of the demo data to find it on the screen."""

    voorbeeld_trajectory: str
    voorbeeld_rounds: dict[int, DemoRound]
    voorbeeld_themes: list[str]
    anderstad_trajectory: str
    anderstad_rounds: dict[int, DemoRound]
    catalogue_version: str


@pytest.fixture
def demo(transactional_db) -> Demo:
    """The demo organisations, built through the services exactly as ``./dev demo`` does.

    Live-server tests are transactional (the server thread must see the test's rows): each
    ends by emptying every table, so the catalogue's version 1 is seeded again first.
    """
    from binnenuit.catalogue.models import ProgrammeTemplate
    from binnenuit.catalogue.services import catalogue_seed
    from binnenuit.demo.builder import VOORBEELD_THEMES, demo_build
    from binnenuit.trajectories.models import Round, Trajectory

    catalogue_seed()
    demo_build()

    def rounds(slug: str) -> dict[int, DemoRound]:
        qs = Round.objects.filter(organisation__slug=slug).order_by("stage")
        return {r.number: DemoRound(r.pk, r.number) for r in qs}

    voorbeeld = Trajectory.objects.select_related("template").get(organisation__slug="voorbeeld")
    themes = {t.code: t.name for t in voorbeeld.template.themes.all()}
    version = ProgrammeTemplate.objects.get(pk=voorbeeld.template_id)
    return Demo(
        voorbeeld_trajectory=voorbeeld.name,
        voorbeeld_rounds=rounds("voorbeeld"),
        voorbeeld_themes=[themes[code] for code in VOORBEELD_THEMES],
        anderstad_trajectory=Trajectory.objects.get(organisation__slug="anderstad").name,
        anderstad_rounds=rounds("anderstad"),
        catalogue_version=f"{version.name} (v{version.version})",
    )


@pytest.fixture(scope="module", autouse=True)
def _close_connections_after_module(django_db_blocker) -> Iterator[None]:
    """Close the connection the live-server tests used from Playwright's event loop.

    Once that loop runs in this thread, asgiref hands Django a *different* connection object
    (the "async" storage of its thread-critical Local), one Django's own teardown never sees;
    left open, PostgreSQL would refuse to drop the test database at the end.
    """
    yield
    with django_db_blocker.unblock():
        connections.close_all()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is a browser test (`-m "not e2e"` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
