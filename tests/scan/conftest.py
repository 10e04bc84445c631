"""The scan's fixtures: a scan of the world's organisation, and respondents who answer it."""

from __future__ import annotations

import pytest

from binnenuit.catalogue.models import Competence
from binnenuit.scan import services
from binnenuit.scan.models import GroupKind, Response, Scan
from binnenuit.scan.services import GroupSpec

GROUPS = [
    GroupSpec("Medewerkers Wijken", GroupKind.EMPLOYEES),
    GroupSpec("Management", GroupKind.MANAGEMENT),
    GroupSpec("Inwoners", GroupKind.CITIZENS),
    GroupSpec("Partners", GroupKind.PARTNERS),
]
QUESTIONS = ["Waar zijn we sterk in?", "Wat willen we leren?"]


def make_scan(world, *, groups=GROUPS, questions=QUESTIONS, open_=True, **fields) -> Scan:
    adviser = world.actor("adviser")
    scan = services.scan_create(
        by=adviser,
        title=fields.pop("title", "Organisatiescan Testdorp"),
        session_date=fields.pop("session_date", None),
        location=fields.pop("location", None),
        groups=groups,
        questions=questions,
    )
    if open_:
        scan = services.scan_open(by=adviser, scan=scan)
    return scan


def competences(scan: Scan) -> list[Competence]:
    return list(Competence.objects.filter(template_id=scan.template_id).order_by("position"))


def group(scan: Scan, name: str):
    return scan.groups.get(name=name)


def respond(scan: Scan, group_name: str, scores: dict, open_answers=None, token=None) -> Response:
    """One respondent, through the services the public pages use."""
    token = token or services.new_browser_token()
    services.response_choose_group(
        scan=scan, browser_token=token, group_id=group(scan, group_name).pk
    )
    return services.response_submit(
        scan=scan, browser_token=token, scores=scores, open_answers=open_answers or {}
    )


@pytest.fixture
def scan(world) -> Scan:
    return make_scan(world)
