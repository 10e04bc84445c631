"""Races in recruitment, on SQLite and PostgreSQL: the same application sent at once, and many
selections at once for a round with 14 places.

Each request comes from its own thread and database connection, closed when it is done.
PostgreSQL here allows 100 connections, shared with the other test workers: the selections
run through a pool of at most ``POOL`` threads. SQLite lets one writer in at a time and makes
the others wait (up to its busy timeout, 20 s, in no particular order): there ``SQLITE_POOL``
threads keep it busy all the time, and more would only test how SQLite shares its lock
among waiting threads, not how the selection keeps its places.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from binnenuit.mail.models import Mail
from binnenuit.recruitment.models import Application, Decision
from binnenuit.trajectories.models import Enrolment
from tests.recruitment.conftest import open_call
from tests.recruitment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

POOL = 40  # threads (and so database connections) at once
SQLITE_POOL = 8
PLACES = 14
# The database refusing a connection is the test machine's limit, not the application's:
# such a request did nothing yet and is sent again.
NO_CONNECTION = ("too many clients", "remaining connection slots")


def _send(request: Callable[[Client], int], client: Client) -> int:
    while True:
        try:
            return request(client)
        except OperationalError as error:
            if not any(text in str(error) for text in NO_CONNECTION):
                return 500
        except Exception:  # noqa: BLE001 (a crash in the view counts as a server error)
            return 500
        finally:
            connection.close()


def at_once(count: int, request: Callable[[Client], int], client: Client) -> Counter[int]:
    """``count`` requests at the same moment, each from its own thread; their statuses."""
    statuses: Counter[int] = Counter()
    barrier = threading.Barrier(count)
    lock = threading.Lock()

    def one() -> None:
        barrier.wait()
        status = _send(request, client)
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def through_pool(requests: list[Callable[[Client], int]], clients: list[Client]) -> Counter[int]:
    """Every request, ``len(clients)`` at a time, each thread with a client of its own."""
    idle: queue.Queue[Client] = queue.Queue()
    for client in clients:
        idle.put(client)

    def one(request: Callable[[Client], int]) -> int:
        client = idle.get()
        try:
            return _send(request, client)
        finally:
            idle.put(client)

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return Counter(pool.map(one, requests))


def logged_in(client_as, user) -> Client:
    client = client_as(user)
    client.raise_request_exception = True  # the view's exception reaches _send, which counts it
    return client


def test_the_same_application_sent_4_times_at_once_is_one_application(world):
    call = open_call(world)
    url = reverse("recruitment:apply", kwargs={"token": call.token})
    form = {
        "full_name": "Fatima el Amrani",
        "email": "fatima.elamrani@test.example",
        "job_title": "Wijkcoördinator",
        "function_category": "field_service",
        "department": "__other__",
        "department_other": "Wijken",
        "motivation": "Ik werk elke dag met bewoners aan hun plannen voor de buurt.",
        "consent": "on",
    }
    client = Client()
    client.raise_request_exception = True

    def send(client: Client) -> int:
        return client.post(url, form).status_code

    statuses = at_once(4, send, client)
    assert statuses == Counter({302: 4}), statuses
    assert Application.objects.filter(call=call).count() == 1
    assert Application.objects.get().email == "fatima.elamrani@test.example"


@pytest.mark.parametrize("count", [50, 200])
def test_many_selections_at_once_fill_the_14_places_and_wait_list_the_rest(world, client_as, count):
    round_ = world.round_1
    Enrolment.objects.filter(round=round_).delete()  # the world's trainer: all 14 places free
    assert (round_.min_participants, round_.max_participants) == (10, PLACES)
    call = open_call(world)
    applications = Application.objects.bulk_create(
        ApplicationFactory.build(call=call, email=f"kandidaat{i}@test.example")
        for i in range(count)
    )
    workers = min(POOL if connection.vendor == "postgresql" else SQLITE_POOL, count)
    clients = [logged_in(client_as, world.users["project_leader"]) for _ in range(workers)]

    def selecting(application: Application) -> Callable[[Client], int]:
        url = reverse(
            "recruitment:application-decide",
            kwargs={"org_slug": world.org.slug, "pk": application.pk},
        )
        data = {f"a{application.pk}-decision": Decision.SELECTED}
        return lambda client: client.post(url, data).status_code

    statuses = through_pool([selecting(a) for a in applications], clients)
    assert statuses == Counter({302: count}), statuses  # no server error, none refused

    enrolments = Enrolment.objects.filter(round=round_)
    enrolled = enrolments.filter(status=Enrolment.Status.ENROLLED)
    waiting = enrolments.filter(status=Enrolment.Status.WAITLISTED)
    assert enrolled.count() == PLACES
    assert waiting.count() == count - PLACES
    assert enrolments.count() == count  # none lost, none doubled
    # Wait-listed in order: the order they were put on the list is the order they were added.
    in_order = list(waiting.order_by("created_at", "pk").values_list("pk", flat=True))
    assert in_order == sorted(in_order)

    # Each application knows its outcome, matching its place.
    decided = Application.objects.filter(call=call).select_related("enrolment")
    assert Counter(a.decision for a in decided) == Counter(
        {Decision.SELECTED: PLACES, Decision.WAITLISTED: count - PLACES}
    )
    for application in decided:
        assert application.enrolment is not None
        expected = (
            Enrolment.Status.ENROLLED
            if application.decision == Decision.SELECTED
            else Enrolment.Status.WAITLISTED
        )
        assert application.enrolment.status == expected
    # One mail per decision, one invitation per place.
    assert Mail.objects.filter(template="recruitment_selected").count() == PLACES
    assert Mail.objects.filter(template="recruitment_waitlisted").count() == count - PLACES
    assert Mail.objects.filter(template="invitation").count() == PLACES
