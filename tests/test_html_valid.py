"""Every page a user can reach is valid HTML: the Nu Html Checker (the W3C validator) finds no
error in it.

The pages are rendered with Django's test client: every GET URL pattern as every role that may
open it (the access walk's cases), the forms sent back with errors, the 403 and 404 pages, the
login page after a wrong password, searches, lists spread over pages, the pages that show a
message, and a few pages in English. Each is written to a file and vnu.jar (from the npm
package vnu-jar, run with the system's Java) checks them all in one go.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binnenuit.catalogue.models import ProgrammeTemplate, Theme
from binnenuit.organisations.models import Role
from binnenuit.trajectories.models import Meeting
from binnenuit.trajectories.selectors import theme_slots
from tests.factories import MembershipFactory, OrganisationFactory
from tests.test_url_walk import ROLES, build_cases, client_for

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FULL_PAGE = (200, 403, 404)
VNU_TIMEOUT_S = 300


@dataclass
class Page:
    label: str  # how the page was reached: method, URL, role (and language)
    html: str


@dataclass
class Pages:
    """The pages to check, each with how it was reached."""

    pages: list[Page] = field(default_factory=list)

    def add(self, label: str, response: HttpResponse) -> bool:
        """Keep the response if it is a full document (not a redirect, image or fragment)."""
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return False
        content = response.content.decode("utf-8", errors="replace")
        if response.status_code not in FULL_PAGE or "<!DOCTYPE" not in content[:200]:
            return False
        self.pages.append(Page(label, content))
        return True

    def must_add(
        self,
        label: str,
        response: HttpResponse,
        *,
        status: int = 200,
        showing: str | None = None,
    ) -> None:
        """Keep a page the test set out to reach; fail when it did not get there."""
        content = response.content.decode("utf-8", errors="replace")
        assert response.status_code == status, f"{label}: {response.status_code}"
        assert "<!DOCTYPE" in content[:200], f"{label}: not a full page"
        assert showing is None or showing in content, f"{label}: does not show {showing!r}"
        self.pages.append(Page(label, content))


FIELD_ERROR = "utrecht-form-field-error-message"


def fresh_token() -> dict[str, str]:
    """The one-time token of a form just shown: the form's own errors show, not "expired"."""
    return {"submission_token": str(uuid.uuid4())}


def walk_pages(pages: Pages, world, client_as) -> None:
    """Every GET URL pattern as every role: the pages themselves, 403s and 404s."""
    clients = {role: client_for(role, client_as, world) for role in ROLES}
    for name, case in build_cases(world).items():
        if case.method != "get":
            continue
        url = reverse(name, kwargs=case.kwargs)
        for role in ROLES:
            pages.add(f"GET {url} as {role}", clients[role].get(url))
        if case.foreign is not None:
            foreign_url = reverse(name, kwargs=case.foreign)
            pages.add(f"GET {foreign_url} as adviser", clients["adviser"].get(foreign_url))


def form_pages(pages: Pages, world, client_as) -> None:
    """Each form sent back with errors beside its fields, and the pages that show a message."""
    adviser = client_as(world.users["adviser"])
    org = world.org.slug
    trajectory = world.trajectory
    meeting = Meeting.objects.filter(trajectory=trajectory).order_by("pk").first()
    person = world.people["manager"]
    template = trajectory.template
    draft = ProgrammeTemplate.objects.filter(status=ProgrammeTemplate.Status.DRAFT).first()
    assert draft is not None, "build_cases makes a draft version"
    theme = Theme.objects.filter(template=draft).order_by("pk").first()
    step = draft.steps.order_by("pk").first()

    def post(url: str, data: dict[str, str], label: str) -> None:
        response = adviser.post(url, {**fresh_token(), **data})
        pages.must_add(f"POST {url} as adviser ({label})", response, showing=FIELD_ERROR)

    post(
        reverse("organisations:organisation-create"),
        {"name": "", "cbs_code": "GM01", "brand_colour": "blauw"},
        "nothing right",
    )
    post(
        reverse("organisations:organisation-update", args=[org]),
        {"name": "", "cbs_code": "", "brand_colour": "#12"},
        "nothing right",
    )
    post(
        reverse("organisations:person-create", args=[org]),
        {"full_name": "", "email": "geen-adres", "line_manager": "0", "function_category": "x"},
        "nothing right",
    )
    post(
        reverse("organisations:person-update", args=[org, person.pk]),
        {"full_name": "", "email": "", "function_category": ""},
        "empty",
    )
    start_url = reverse("trajectories:trajectory-start", args=[org])
    post(start_url, {"name": "", "starts_on": "2031-01-01"}, "no name")
    meeting_url = reverse("trajectories:meeting-update", args=[org, meeting.pk])
    post(meeting_url, {"date": "2000-01-01", "part_of_day": "morning"}, "date too early")
    # What a browser cannot send, a hand-made request can: a date that is none.
    post(start_url, {"name": "", "starts_on": "morgen"}, "not a date")
    post(meeting_url, {"date": "2025-02-31", "part_of_day": "nacht"}, "not a date")
    slots = list(theme_slots(trajectory=trajectory))
    same = Theme.objects.filter(template=template).order_by("pk").first()
    assert len(slots) >= 2 and same is not None
    post(
        reverse("trajectories:trajectory-themes", args=[org, trajectory.pk]),
        {f"module_{slot.pk}": str(same.pk) for slot in slots},
        "the same theme twice",
    )
    post(
        reverse("catalogue:theme-create", args=[draft.pk]),
        {"code": "Geen Code!", "name": "", "description": ""},
        "nothing right",
    )
    post(
        reverse("catalogue:theme-update", args=[theme.pk]),
        {"code": "", "name": "", "description": ""},
        "empty",
    )
    post(
        reverse("catalogue:step-update", args=[step.pk]), {"title": "", "description": ""}, "empty"
    )

    # Pages that show a message after a redirect: success, and a refusal.
    response = adviser.post(
        meeting_url,
        {"date": "2031-03-04", "part_of_day": "morning", "override_reason": "Bewust zo gepland."},
        follow=True,
    )
    pages.must_add(f"POST {meeting_url} as adviser, followed", response, showing="utrecht-alert")
    url = reverse("catalogue:template-draft-create")
    response = adviser.post(url, fresh_token(), follow=True)
    pages.must_add(f"POST {url} as adviser, followed", response, showing="utrecht-alert")
    candidate = world.person(full_name="Anna Kandidaat")
    url = reverse("trajectories:enrolment-add", args=[org, world.round_1.pk])
    response = adviser.post(url, {"person": str(candidate.pk), "zoek": "a"}, follow=True)
    pages.must_add(f"POST {url} as adviser, followed", response, showing="utrecht-alert")


def other_pages(pages: Pages, world, client_as, test_settings) -> None:
    """Login errors, the error pages, searches, archived organisations, lists over pages."""
    anonymous = Client()
    login = reverse("accounts:login")
    response = anonymous.post(login, {"username": "adviseur@test.example", "password": "fout"})
    pages.must_add(f"POST {login} (wrong password)", response, showing="utrecht-alert")
    response = anonymous.post(login, {"username": "", "password": ""})
    pages.must_add(f"POST {login} (empty)", response, showing=FIELD_ERROR)
    guesser = Client(REMOTE_ADDR="192.0.2.7")
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = guesser.post(login, {"username": "ans@test.example", "password": f"{attempt}"})
    pages.must_add(f"POST {login} (locked out)", response, status=429)

    for role in ("anonymous", "adviser", "participant"):
        response = client_for(role, client_as, world).get("/bestaat-niet/")
        pages.must_add(f"GET /bestaat-niet/ as {role}", response, status=404)
    url = reverse("organisations:person-list", args=[world.org.slug])
    pages.must_add(f"GET {url} as trainer", client_as(world.users["trainer"]).get(url), status=403)

    adviser = client_as(world.users["adviser"])
    archived = [
        OrganisationFactory(name=name, archived_at=timezone.now())
        for name in ("Gemeente Vroeger", "Gemeente Voorheen")
    ]
    for organisation in archived:
        MembershipFactory(organisation=organisation, user=world.users["adviser"], role=Role.ADVISER)
    searches = [
        (reverse("organisations:person-list", args=[world.org.slug]), "?zoek=a"),
        (reverse("organisations:person-list", args=[world.org.slug]), "?zoek=niemand-zo"),
        (reverse("trajectories:round-detail", args=[world.org.slug, world.round_1.pk]), "?zoek=a"),
        (
            reverse("trajectories:round-detail", args=[world.org.slug, world.round_1.pk]),
            "?zoek=niemand-zo",
        ),
        (reverse("dashboard:organisation-list"), ""),
        (reverse("dashboard:organisation-list"), "?gearchiveerd=1"),
        (reverse("dashboard:organisation-detail", args=[archived[0].slug]), ""),
        (reverse("organisations:organisation-archive", args=[archived[0].slug]), ""),
    ]
    for path, query in searches:
        pages.must_add(f"GET {path}{query} as adviser", adviser.get(path + query))

    test_settings.PAGE_SIZE = 1  # every list spreads over pages: the page links show
    for path, query in [
        (reverse("organisations:person-list", args=[world.org.slug]), "?zoek=e&pagina=2"),
        (reverse("organisations:person-list", args=[world.org.slug]), ""),
        (reverse("dashboard:organisation-list"), "?gearchiveerd=1&pagina=2"),
        (reverse("catalogue:template-list"), "?pagina=2"),
    ]:
        response = adviser.get(path + query)
        pages.must_add(f"GET {path}{query} as adviser (1 a page)", response, showing="pagina=")


def english_pages(pages: Pages, world, client_as) -> None:
    """A few pages after the switch to English, and a form sent back with its errors."""
    o = world.org.slug
    visits = {
        "anonymous": [(reverse("accounts:login"), 200)],
        "adviser": [
            (reverse("dashboard:organisation-list"), 200),
            (reverse("dashboard:organisation-detail", args=[o]), 200),
            (reverse("trajectories:trajectory-detail", args=[o, world.trajectory.pk]), 200),
            (reverse("trajectories:round-detail", args=[o, world.round_1.pk]) + "?zoek=a", 200),
            (reverse("organisations:person-create", args=[o]), 200),
            (reverse("catalogue:template-list"), 200),
            ("/bestaat-niet/", 404),
        ],
        "participant": [
            (reverse("dashboard:organisation-detail", args=[o]), 200),
            (reverse("trajectories:round-detail", args=[o, world.round_2.pk]), 200),
            (reverse("organisations:person-list", args=[o]), 403),
        ],
    }
    english = '<html lang="en"'
    clients = {}
    for role, urls in visits.items():
        clients[role] = client = client_for(role, client_as, world)
        assert client.post(reverse("set-language"), {"language": "en"}).status_code == 302
        for url, status in urls:
            label = f"GET {url} as {role} (en)"
            pages.must_add(label, client.get(url), status=status, showing=english)
    url = reverse("organisations:person-create", args=[o])
    response = clients["adviser"].post(url, {**fresh_token(), "full_name": ""})
    pages.must_add(f"POST {url} as adviser (en, empty)", response, showing=FIELD_ERROR)


@dataclass(frozen=True)
class Problem:
    page: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "the file"
        extract = " ".join(self.extract.split())
        return f"{self.page}, {where}: {self.message}" + (f"\n      {extract}" if extract else "")


def vnu_problems(pages: list[Page], folder: Path) -> list[Problem]:
    """Run the checker once over all pages; its errors, each with the page it is on."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            f"The HTML checker needs Java and {VNU_JAR}: run ./dev (it installs both), "
            "or apt-get install default-jre-headless and npm ci"
        )
    labels: dict[str, str] = {}
    files = []
    for number, page in enumerate(pages, start=1):
        path = folder / f"page-{number:03d}.html"
        path.write_text(page.html, encoding="utf-8")
        labels[path.name] = f"{page.label} [{path}]"
        files.append(str(path))
    result = subprocess.run(  # noqa: S603 (our own command line)
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_S,
        check=False,
    )
    output = result.stderr.strip() or result.stdout.strip()
    try:
        report = json.loads(output)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar exited with {result.returncode} and no report:\n{output[:2000]}")
    problems = []
    for message in report.get("messages", []):
        if message.get("type") == "info":
            continue
        name = Path(unquote(urlsplit(message.get("url", "")).path)).name
        problems.append(
            Problem(
                page=labels.get(name, name or "?"),
                line=message.get("lastLine"),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return problems


@pytest.mark.django_db
def test_every_page_is_valid_html(world, client_as, tmp_path, settings):
    # The organisation's own colour: its pages carry the <style> element that sets it.
    world.org.brand_colour = "#1a5e8c"
    world.org.save(update_fields=["brand_colour"])
    pages = Pages()
    walk_pages(pages, world, client_as)
    form_pages(pages, world, client_as)
    other_pages(pages, world, client_as, settings)
    english_pages(pages, world, client_as)
    assert len(pages.pages) > 150, f"only {len(pages.pages)} pages rendered"
    # A page with a known error shows that the checker ran and read every file.
    canary = Page("canary", '<!DOCTYPE html><html lang="nl"><title>x</title><p hx-get="/">x')

    folder = tmp_path / "pages"
    folder.mkdir()
    problems = vnu_problems([*pages.pages, canary], folder)
    assert any(p.page.startswith("canary") and "hx-get" in p.message for p in problems), problems
    problems = [p for p in problems if not p.page.startswith("canary")]
    grouped = sorted(problems, key=lambda p: (p.message, p.page))
    assert not problems, (
        f"{len(problems)} HTML errors in {len({p.page for p in problems})} of "
        f"{len(pages.pages)} pages:\n  " + "\n  ".join(str(p) for p in grouped)
    )
