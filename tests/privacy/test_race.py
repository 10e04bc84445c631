"""Erasures of one employee sent at the same moment (two organisers, a double click): one
erases, the others are told it is done; no server error. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from binnenuit.core.privacy import is_anonymous_email
from binnenuit.organisations.models import Person
from tests.test_concurrency import at_once, logged_in

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 12


def test_erasures_at_once_erase_once(world, client_as):
    person = world.person(full_name="Gelijktijdig Gewist")
    client = logged_in(client_as, world.users["project_leader"])
    url = reverse("privacy:person-erase", args=[world.org.slug, person.pk])

    def erase(client: Client) -> int:
        return client.post(url, {"submission_token": str(uuid.uuid4())}).status_code

    statuses = at_once(AT_ONCE, erase, client)

    assert statuses == {302: AT_ONCE}, statuses
    person = Person.objects.get(pk=person.pk)
    assert is_anonymous_email(person.email)
    erasures = LogEntry.objects.filter(
        object_pk=str(person.pk),
        action=LogEntry.Action.UPDATE,
        actor=world.users["project_leader"],
    )
    assert erasures.count() == 1
