"""50 respondents in the room send at the same moment, each twice: exactly 50 sets of answers,
none lost. Run on SQLite and on PostgreSQL (``DATABASE_URL=postgres://…``), where the races
show. Each request runs in its own thread with its own database connection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from binnenuit.scan import services
from binnenuit.scan.models import Answer, OpenAnswer, Response
from binnenuit.scan.views import COOKIE
from tests.scan.conftest import competences, group, make_scan

pytestmark = pytest.mark.django_db(transaction=True)

RESPONDENTS = 50
POOL = 40  # threads (and database connections) at once on PostgreSQL
SQLITE_POOL = 8
NO_CONNECTION = ("too many clients", "remaining connection slots")


def _send(request: Callable[[], int]) -> int:
    while True:
        try:
            return request()
        except OperationalError as error:
            if not any(text in str(error) for text in NO_CONNECTION):
                return 500
        except Exception:  # noqa: BLE001 (a crash in the view counts as a server error)
            return 500
        finally:
            connection.close()


def all_at_once(requests: list[Callable[[], int]]) -> Counter[int]:
    pool = SQLITE_POOL if connection.vendor == "sqlite" else POOL
    with ThreadPoolExecutor(max_workers=pool) as executor:
        return Counter(executor.map(_send, requests))


def test_50_respondents_sending_twice_at_once_make_50_sets_of_answers(world):
    scan = make_scan(world)
    comps = competences(scan)
    question = scan.questions.first()
    start = reverse("scan:respond", kwargs={"token": scan.token})
    answers = reverse("scan:answer", kwargs={"token": scan.token})
    names = ["Medewerkers Wijken", "Management", "Inwoners", "Partners"]
    groups = {name: group(scan, name).pk for name in names}
    connection.close()

    def client_of(n: int) -> Client:
        client = Client(REMOTE_ADDR=f"192.0.2.{n % 250}")
        client.raise_request_exception = True
        client.cookies[COOKIE] = f"browser-{n:03d}-{services.new_browser_token()}"
        return client

    clients = [client_of(n) for n in range(RESPONDENTS)]

    def choose(n: int) -> Callable[[], int]:
        return lambda: clients[n].post(start, {"group": groups[names[n % 4]]}).status_code

    def send(n: int) -> Callable[[], int]:
        data = {f"s_{c.pk}": str(1 + (n + c.position) % 5) for c in comps}
        data |= {f"i_{c.pk}": str(1 + (n * 3 + c.position) % 5) for c in comps}
        data[f"q_{question.pk}"] = f"Antwoord {n}"
        return lambda: clients[n].post(answers, data).status_code

    # Each respondent's two requests side by side, so that they run at the same moment.
    statuses = all_at_once([r for n in range(RESPONDENTS) for r in (choose(n), choose(n))])
    assert statuses == Counter({302: 2 * RESPONDENTS}), statuses
    statuses = all_at_once([r for n in range(RESPONDENTS) for r in (send(n), send(n))])
    assert statuses == Counter({302: 2 * RESPONDENTS}), statuses

    assert Response.objects.filter(scan=scan).count() == RESPONDENTS
    assert Answer.objects.filter(response__scan=scan).count() == RESPONDENTS * len(comps)
    assert OpenAnswer.objects.filter(response__scan=scan).count() == RESPONDENTS
    texts = set(OpenAnswer.objects.values_list("text", flat=True))
    assert texts == {f"Antwoord {n}" for n in range(RESPONDENTS)}  # none lost
    per_group = Counter(Response.objects.values_list("group__name", flat=True))
    assert per_group == Counter(dict.fromkeys(names, RESPONDENTS // 4 + 0)) + Counter(
        {names[n]: 1 for n in range(RESPONDENTS % 4)}
    )
