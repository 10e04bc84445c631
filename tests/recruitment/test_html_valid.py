"""Recruitment's pages in the states the walk does not reach are valid HTML too: the forms sent
back with their errors, a full board with places and warnings, the closed and thank-you pages.

The walk's own pages (tests/recruitment/walk.py) are checked by tests/test_html_valid.py.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from binnenuit.catalogue.services import template_draft_create
from binnenuit.organisations.models import FunctionCategory
from binnenuit.recruitment import services
from binnenuit.recruitment.models import Call
from binnenuit.recruitment.panels import round_1_panel, round_2_panel
from tests.pages import token
from tests.recruitment.conftest import applicants, open_call, plan
from tests.test_html_valid import FIELD_ERROR, Page, Pages, vnu_problems

pytestmark = pytest.mark.django_db

DOCUMENT = '<!DOCTYPE html><html lang="nl"><head><title>Paneel</title></head><body>%s</body></html>'


def test_recruitments_pages_in_every_state_are_valid_html(world, client_as, tmp_path):
    pages = Pages()
    org = world.org.slug
    world.person(department="Samenleving")
    plan(world.round_1, 5, 12, 19)
    call = open_call(world)
    leader = client_as(world.users["project_leader"])
    anonymous = Client()

    # The public form: as shown, sent back with every field wrong, and the pages around it.
    apply_url = reverse("recruitment:apply", kwargs={"token": call.token})
    pages.must_add(f"GET {apply_url}", anonymous.get(apply_url))
    wrong = {
        "full_name": "",
        "email": "geen-adres",
        "function_category": "x",
        "department": "__other__",
        "motivation": "x" * 3001,
    }
    pages.must_add(
        f"POST {apply_url} (everything wrong)",
        anonymous.post(apply_url, wrong),
        showing=FIELD_ERROR,
    )
    thanks = reverse("recruitment:apply-thanks", kwargs={"token": call.token})
    pages.must_add(f"GET {thanks}", anonymous.get(thanks))

    # The board with places, a waiting list, warnings and a refused decision.
    round_ = world.round_1
    round_.max_participants, round_.min_participants = 3, 3
    round_.save(update_fields=["max_participants", "min_participants"])
    people = applicants(call, 4, function_category=FunctionCategory.POLICY)
    for application in people[:3]:
        services.application_decide(
            by=world.actor("project_leader"), application=application, decision="selected"
        )
    services.application_decide(
        by=world.actor("project_leader"), application=people[3], decision="declined"
    )
    pending = applicants(call, 1)[0]
    board = reverse("recruitment:selection", kwargs={"org_slug": org, "pk": call.pk})
    pages.must_add(f"GET {board}", leader.get(board), showing="utrecht-alert--warning")
    decide = reverse("recruitment:application-decide", kwargs={"org_slug": org, "pk": pending.pk})
    response = leader.post(decide, {f"a{pending.pk}-decision": "nee"})
    pages.must_add(f"POST {decide} (unknown decision)", response, showing=FIELD_ERROR)
    response = leader.post(decide, {f"a{pending.pk}-decision": "selected"}, follow=True)
    pages.must_add(f"POST {decide}, followed", response, showing="wachtlijst, plaats")

    # The call's forms with their errors, and the pages of a closed call.
    open_url = reverse("recruitment:call-open", kwargs={"org_slug": org, "pk": world.round_2.pk})
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = leader.post(
        open_url, {"text": "", "deadline": yesterday, "submission_token": token()}
    )
    pages.must_add(f"POST {open_url} (no text, past date)", response, showing=FIELD_ERROR)
    services.call_close(by=world.actor("project_leader"), call=call)
    detail = reverse("recruitment:call-detail", kwargs={"org_slug": org, "pk": call.pk})
    pages.must_add(f"GET {detail} (closed)", leader.get(detail))
    reopen = reverse("recruitment:call-update", kwargs={"org_slug": org, "pk": call.pk})
    pages.must_add(f"GET {reopen} (closed)", leader.get(reopen))
    response = leader.post(reopen, {"text": "x", "deadline": "morgen"})
    pages.must_add(f"POST {reopen} (not a date)", response, showing=FIELD_ERROR)
    pages.must_add(f"GET {apply_url} (closed)", anonymous.get(apply_url), status=410)
    Call.objects.filter(pk=call.pk).update(
        closed_at=None, deadline=timezone.localdate() - datetime.timedelta(days=2)
    )
    pages.must_add(f"GET {apply_url} (expired)", anonymous.get(apply_url), status=410)

    # The panels on the trajectory page (that page is the walk's), the catalogue's criterion
    # form, and English.
    open_call(world, world.round_2)
    for role in ("project_leader", "manager"):
        request = RequestFactory().get("/")
        request.actor = world.actor(role)
        request.org = world.org
        request.user = world.users[role]
        html = "".join(p(request, world.trajectory) for p in (round_1_panel, round_2_panel))
        assert "Werving en selectie" in html
        pages.pages.append(Page(f"panels as {role}", DOCUMENT % html))
    draft = template_draft_create(by=world.outside("adviser"))
    criterion = reverse("catalogue:criterion-update", kwargs={"pk": draft.criteria.first().pk})
    adviser = client_as(world.users["adviser"])
    pages.must_add(
        f"POST {criterion} (empty)",
        adviser.post(criterion, {"name": "", "description": ""}),
        showing=FIELD_ERROR,
    )
    pages.must_add(f"GET {draft.get_absolute_url()}", adviser.get(draft.get_absolute_url()))
    leader.post(reverse("set-language"), {"language": "en"})
    pages.must_add(f"GET {board} (en)", leader.get(board), showing='<html lang="en"')

    folder = tmp_path / "pages"
    folder.mkdir()
    problems = vnu_problems([*pages.pages, Page("canary", "<p hx-get=x>")], folder)
    assert any(p.page.startswith("canary") for p in problems), "the checker did not run"
    problems = [p for p in problems if not p.page.startswith("canary")]
    assert not problems, "\n  ".join(str(p) for p in problems)
