"""A form's one-time token: its submission runs once; a refused one may be sent again."""

from __future__ import annotations

import uuid

import pytest

from binnenuit.core.exceptions import ServiceError
from binnenuit.core.models import FormSubmission
from binnenuit.core.submissions import submit_once

pytestmark = pytest.mark.django_db


def test_a_token_runs_its_submission_once_and_repeats_go_where_the_first_went(world):
    token, runs = uuid.uuid4(), []

    def run() -> str:
        runs.append(1)
        return f"/klaar/{len(runs)}/"

    first = submit_once(world.users["project_leader"], token, run)
    second = submit_once(world.users["project_leader"], token, run)
    assert (first.url, first.repeated) == ("/klaar/1/", False)
    assert (second.url, second.repeated) == ("/klaar/1/", True)
    assert runs == [1]


def test_a_refused_submission_does_not_use_up_its_token(world):
    token = uuid.uuid4()

    def refuse() -> str:
        raise ServiceError("Nee.")

    with pytest.raises(ServiceError):
        submit_once(world.users["project_leader"], token, refuse)
    assert not FormSubmission.objects.filter(token=token).exists()
    assert submit_once(world.users["project_leader"], token, lambda: "/ja/").repeated is False


def test_a_service_error_carries_messages_per_field_and_for_the_whole_form():
    error = ServiceError("Niet opgeslagen.", fields={"email": "Bezet.", "name": ["Leeg.", "Kort."]})
    assert error.messages == ["Niet opgeslagen.", "Bezet.", "Leeg.", "Kort."]
    assert error.field_errors == {"email": ["Bezet."], "name": ["Leeg.", "Kort."]}
