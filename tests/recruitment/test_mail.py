"""The e-mail each decision sends the applicant: Dutch, through the outbox, once per decision."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail

from binnenuit.core.exceptions import ServiceError
from binnenuit.mail.models import Mail
from binnenuit.mail.tasks import mail_send
from binnenuit.recruitment import services
from binnenuit.recruitment.models import Decision
from tests.mail.conftest import run_ready_tasks
from tests.recruitment.conftest import apply, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def decide(world, django_capture_on_commit_callbacks):
    """Decide in a committed transaction, so that the send tasks are enqueued."""

    def run(application, decision, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.application_decide(
                by=world.actor("project_leader"),
                application=application,
                decision=decision,
                **kwargs,
            )

    return run


def sent_to(address: str) -> list:
    return [m for m in django_mail.outbox if m.to == [address]]


def small_round(world, maximum: int) -> None:
    round_ = world.round_1
    round_.max_participants, round_.min_participants = maximum, 1
    round_.save(update_fields=["max_participants", "min_participants"])


def test_selected_hears_the_next_steps_and_the_meeting_dates(world, call, decide):
    first, second = plan(world.round_1, 20, 27)
    application = apply(call)
    decide(application, Decision.SELECTED, reason="We kijken uit naar je ervaring uit de wijk.")
    run_ready_tasks()
    mails = sent_to("fatima.elamrani@test.example")
    subjects = sorted(m.subject for m in mails)
    assert subjects == [
        "Je hebt een plaats in Ronde 1 bij Gemeente Testdorp",
        "Je uitnodiging voor Binnenuit voor Gemeente Testdorp",
    ]
    [decision] = [m for m in mails if m.subject.startswith("Je hebt een plaats")]
    body = decision.body
    assert body.startswith("Hallo Fatima el Amrani,")
    assert "Goed nieuws: je bent geselecteerd voor Ronde 1" in body
    assert "Zet de bijeenkomsten in je agenda:" in body
    for meeting in (first, second):
        meeting.refresh_from_db()
        assert f"{meeting.date.day} " in body
    assert "ochtend" in body
    assert "We kijken uit naar je ervaring uit de wijk." in body
    assert "Je krijgt een aparte e-mail met een link om in te loggen op Binnenuit" in body
    assert [kind for _html, kind in decision.alternatives] == ["text/html"]


def test_wait_listed_hears_their_place(world, call, decide):
    small_round(world, maximum=1)  # the world's trainer has the place
    application = apply(call)
    decide(application, Decision.SELECTED)
    run_ready_tasks()
    [mail] = sent_to("fatima.elamrani@test.example")
    assert mail.subject == "Je staat op de wachtlijst voor Ronde 1 bij Gemeente Testdorp"
    assert "daarom sta je op de wachtlijst, op plaats 1." in mail.body
    assert "Zodra er een plaats vrijkomt" in mail.body


def test_declined_hears_it_kindly(world, call, decide):
    application = apply(call)
    decide(application, Decision.DECLINED)
    run_ready_tasks()
    [mail] = sent_to("fatima.elamrani@test.example")
    assert mail.subject == "Je aanmelding voor Ronde 1 bij Gemeente Testdorp"
    assert "Bedankt voor je aanmelding" in mail.body
    assert "Dit is geen oordeel over je werk." in mail.body


def test_one_mail_per_decision_even_when_the_task_runs_twice(world, call, decide):
    application = apply(call)
    decide(application, Decision.SELECTED)
    decide(application, Decision.SELECTED)  # saved again: nothing new to say
    [mail] = Mail.objects.filter(template="recruitment_selected")
    mail_send.enqueue(mail.pk)  # the task a second time (a repeat, the sweep)
    run_ready_tasks()
    run_ready_tasks()
    assert len(sent_to("fatima.elamrani@test.example")) == 2  # the decision and the invitation
    assert Mail.objects.filter(recipient="fatima.elamrani@test.example").count() == 2
    # Another decision is another mail; going back to one made before is not mailed twice.
    decide(application, Decision.DECLINED)
    decide(application, Decision.SELECTED)
    run_ready_tasks()
    templates = sorted(
        Mail.objects.filter(recipient="fatima.elamrani@test.example").values_list(
            "template", flat=True
        )
    )
    assert templates == ["invitation", "recruitment_declined", "recruitment_selected"]


def test_a_refused_decision_sends_nothing_and_taking_one_back_is_not_mailed(world, call, decide):
    application = apply(call)
    with pytest.raises(ServiceError):
        decide(application, Decision.WAITLISTED)  # the round has free places
    decide(application, Decision.PENDING)
    run_ready_tasks()
    assert django_mail.outbox == []
    assert not Mail.objects.exists()
