"""Double clicks and races: concurrent duplicate submissions give one row and no server error.

Run on SQLite and on PostgreSQL; PostgreSQL is where races show (SQLite's IMMEDIATE
transactions queue every writer). Each request comes from its own thread and connection.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.organisations.models import Person
from binnenuit.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db(transaction=True)

# Each request holds a database connection; PostgreSQL allows 100 by default, and two test
# workers share them. 48 at once is plenty to lose the race without the database's key.
AT_ONCE = 48


def at_once(count: int, request: Callable[[Client], int], client: Client) -> Counter[int]:
    """Send ``count`` requests at the same moment, each from its own thread; their statuses."""
    statuses: Counter[int] = Counter()
    barrier = threading.Barrier(count)
    lock = threading.Lock()

    def one() -> None:
        try:
            barrier.wait()
            status = request(client)
        except Exception:  # noqa: BLE001 (a crash in the view counts as a server error)
            status = 500
        finally:
            connection.close()
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def logged_in(client_as, user) -> Client:
    client = client_as(user)
    client.raise_request_exception = False  # a 500 is counted, not raised
    return client


def test_employees_with_the_same_email_at_once_make_one_row(world, client_as):
    client = logged_in(client_as, world.users["project_leader"])
    url = reverse("organisations:person-create", kwargs={"org_slug": world.org.slug})

    def form() -> dict[str, str]:
        return {
            "full_name": "Joyce Vermeer",
            "email": "joyce.vermeer@test.example",
            "function_category": "policy",
            "submission_token": str(uuid.uuid4()),  # different forms, one e-mail address
        }

    def add(client: Client) -> int:
        return client.post(url, form()).status_code

    statuses = at_once(AT_ONCE, add, client)
    assert statuses[500] == 0, statuses
    assert statuses[302] >= 1 and statuses[302] + statuses[200] == AT_ONCE, statuses
    assert Person.objects.filter(email="joyce.vermeer@test.example").count() == 1
    # The requests that lost the race show the form with the reason beside the e-mail field.
    response = client.post(url, form())
    assert response.status_code == 200
    assert "heeft dit e-mailadres al" in response.content.decode()


def test_8_new_draft_versions_at_once_make_one_draft(world, client_as):
    client = logged_in(client_as, world.users["adviser"])
    url = reverse("catalogue:template-draft-create")

    def start(client: Client) -> int:
        return client.post(url, {"submission_token": str(uuid.uuid4())}).status_code

    statuses = at_once(8, start, client)
    assert statuses == Counter({302: 8}), statuses
    assert ProgrammeTemplate.objects.filter(status=ProgrammeTemplate.Status.DRAFT).count() == 1


def test_4_identical_trajectory_starts_make_one_trajectory(world, client_as):
    client = logged_in(client_as, world.users["project_leader"])
    url = reverse("trajectories:trajectory-start", kwargs={"org_slug": world.org.slug})
    form = {
        "name": "Tweede cohort",
        "starts_on": "2027-02-01",
        "submission_token": str(uuid.uuid4()),
    }
    locations: list[str] = []

    def start(client: Client) -> int:
        response = client.post(url, form)
        locations.append(response.get("Location", ""))
        return response.status_code

    statuses = at_once(4, start, client)
    assert statuses == Counter({302: 4}), statuses
    started = Trajectory.objects.filter(organisation=world.org, name="Tweede cohort")
    assert started.count() == 1
    assert started.get().rounds.count() == 2 and started.get().meetings.count() == 12
    assert set(locations) == {started.get().get_absolute_url()}  # every click lands on it
