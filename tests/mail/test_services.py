"""Queuing mail: the row in the caller's transaction, the send task only after the commit."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from binnenuit.core.exceptions import ServiceError
from binnenuit.mail.models import Mail
from binnenuit.mail.services import Attachment, mail_render
from binnenuit.mail.tasks import deliver
from tests.mail.conftest import queue, send_tasks

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def test_the_send_task_is_enqueued_only_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        mail = queue()
        assert Mail.objects.filter(pk=mail.pk, status=Mail.Status.QUEUED).exists()
        assert send_tasks() == []  # not before the commit
    assert len(callbacks) == 1
    [task] = send_tasks(mail)
    assert task.args_kwargs == {"args": [mail.pk], "kwargs": {}}
    mail.refresh_from_db()
    assert mail.task_id == str(task.id)


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the invitation could not be saved")
    assert callbacks == []
    assert not Mail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_queuing_twice_with_one_key_makes_one_mail(queued):
    first = queued(key="invitation-1")
    again = queued(key="invitation-1", to="someone.else@test.example")
    assert again.pk == first.pk
    assert again.recipient == "ann@test.example"
    assert Mail.objects.count() == 1
    assert len(send_tasks()) == 1
    other = queued(key="invitation-2")
    assert other.pk != first.pk
    assert queued().pk not in (first.pk, other.pk)  # without a key, every call is a mail


def test_the_mail_is_rendered_in_the_recipients_language(queued):
    dutch = queued(context={"name": "Ann & Bob", "url": "https://binnenuit.test/a?b=1&c=2"})
    english = queued(language="en", context={"name": "Ann", "url": "https://binnenuit.test/"})
    assert dutch.subject == "Testbericht van Binnenuit"
    assert english.subject == "Test message from Binnenuit"
    # The text is not HTML: nothing in it is escaped. The HTML alternative is.
    assert "Hallo Ann & Bob," in dutch.body
    assert "https://binnenuit.test/a?b=1&c=2" in dutch.body
    assert "Hallo Ann &amp; Bob," in dutch.html_body
    assert 'href="https://binnenuit.test/a?b=1&amp;c=2"' in dutch.html_body
    assert dutch.template == "test_message"


def test_an_unknown_language_falls_back_to_dutch():
    subject, _, _ = mail_render("test_message", {"name": "Ann", "url": "x"}, language="fr")
    assert subject == "Testbericht van Binnenuit"


def test_a_mail_without_an_html_template_is_text_only(settings, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "plain_subject.txt").write_text("Only\n  text\n")
    (folder / "plain.txt").write_text("Hello {{ name }} & co")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    assert mail_render("plain", {"name": "<Ann>"}) == ("Only text", "Hello <Ann> & co", "")


def test_an_invalid_address_is_refused(queued):
    with pytest.raises(ServiceError) as refused:
        queued(to="not an address")
    assert refused.value.field_errors == {"recipient": ["Voer een geldig e-mailadres in."]}
    assert not Mail.objects.exists()


def test_a_calendar_invitation_keeps_its_content_type_parameters(queued):
    mail = queued(
        attachments=[
            Attachment("uitnodiging.ics", "text/calendar; method=REQUEST; charset=utf-8", ICS),
            Attachment("programma.pdf", "application/pdf", b"%PDF-1.4 \x00\xff"),
        ]
    )
    assert deliver(mail.pk) == "sent"
    [sent] = django_mail.outbox
    parts = {part.get_content_type(): part for part in sent.message().iter_attachments()}
    calendar = parts["text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_filename() == "uitnodiging.ics"
    assert calendar.get_content().splitlines() == ICS.splitlines()  # CRLF on the wire
    assert parts["application/pdf"].get_content() == b"%PDF-1.4 \x00\xff"


def test_a_malformed_content_type_is_refused_when_queued(queued):
    with pytest.raises(ValueError, match="Not a content type"):
        queued(attachments=[Attachment("x.ics", "calendar", ICS)])
    assert not Mail.objects.exists()
