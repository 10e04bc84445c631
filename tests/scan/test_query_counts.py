"""The scan's pages run the same number of queries however many respondents answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binnenuit.scan import services
from tests.querycount import assert_constant_queries
from tests.scan.conftest import competences, make_scan, respond

pytestmark = pytest.mark.django_db

GROUPS = ("Medewerkers Wijken", "Management", "Inwoners", "Partners")


def add_respondents(scan, count: int) -> None:
    comps = competences(scan)
    question = scan.questions.first()
    for n in range(count):
        scores = {c.pk: (1 + (n + c.position) % 5, 1 + n % 5) for c in comps}
        respond(scan, GROUPS[n % 4], scores, {question.pk: f"Antwoord {n}"})


@pytest.mark.parametrize(
    "name", ["report", "scan-live", "scan-detail", "open-answers", "report-csv"]
)
def test_the_scan_pages_do_not_grow_with_the_respondents(world, client_as, name):
    scan = make_scan(world)
    add_respondents(scan, 20)
    client = client_as(world.users["adviser"])
    url = reverse(f"scan:{name}", kwargs={"org_slug": world.org.slug, "pk": scan.pk})

    def fetch():
        assert client.get(url).status_code == 200

    # From 5 to 11 respondents in each of the 4 groups, with more open answers.
    assert_constant_queries(fetch, lambda: add_respondents(scan, 24))


def test_the_public_questions_do_not_grow_with_the_respondents(world, client):
    scan = make_scan(world)
    start = reverse("scan:respond", kwargs={"token": scan.token})
    client.get(start)
    client.post(start, {"group": scan.groups.first().pk})
    url = reverse("scan:answer", kwargs={"token": scan.token})

    def fetch():
        assert client.get(url).status_code == 200

    assert_constant_queries(fetch, lambda: add_respondents(scan, 10))
    services.scan_close(by=world.actor("adviser"), scan=scan)
