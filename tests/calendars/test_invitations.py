"""Invitations with the calendar entry: REQUEST when planned, the same UID with a higher
SEQUENCE when changed, CANCEL when cancelled; to attendees, facilitators, advisers and
guests; nothing twice, however often the announcement or the sweep runs."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail as django_mail
from django.test import override_settings

from binnenuit.calendars import services
from binnenuit.calendars.models import Notice
from binnenuit.calendars.tasks import meeting_invitations_send
from binnenuit.catalogue.models import Stage
from binnenuit.mail.models import Mail
from binnenuit.mail.tasks import deliver
from binnenuit.trajectories import services as planning
from binnenuit.trajectories.models import Enrolment, Meeting
from tests.calendars.factories import (
    UTC,
    calendar_mails,
    invitation_of,
    local,
    module_meeting,
    plan,
    town_hall,
)
from tests.factories import PersonFactory
from tests.mail.conftest import run_ready_tasks

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2027, 3, 16)
THURSDAY = datetime.date(2027, 3, 18)
EARLY_MARCH = local(2027, 3, 1, 12, 0)  # the sweep's clock: two weeks before the meeting
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def meeting(world) -> Meeting:
    """Round 2's first module at the town hall, the trainer facilitating, one guest."""
    meeting = plan(
        world,
        module_meeting(world, Stage.ROUND_2),
        TUESDAY,
        location=town_hall(world),
        facilitators=[world.people["trainer"]],
    )
    planning.guest_add(
        by=world.actor("adviser"),
        meeting=meeting,
        full_name="Bea Bakker",
        email="bea@bakkerij.example",
        affiliation="Bakkerij Bakker",
    )
    return meeting


def run_worker(capture) -> None:
    """Run the ready tasks as the worker does, with what each commit enqueues, until none."""
    while True:
        with capture(execute=True):
            done = run_ready_tasks()
        if not done:
            return


def recipients(mails: list[Mail]) -> set[str]:
    return {m.recipient for m in mails}


EVERYONE = {
    "trainer@test.example",  # facilitates
    "deelnemer@test.example",  # attends (round 2)
    "adviseur@test.example",  # coaches, as the organisation's adviser
    "bea@bakkerij.example",  # a guest from the community
}


def test_a_planned_meeting_invites_everyone_with_the_calendar_entry(world, meeting):
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 4
    mails = calendar_mails("meeting_invitation")
    assert recipients(mails) == EVERYONE
    for mail in mails:
        content_type, calendar = invitation_of(mail)
        assert content_type == "text/calendar; method=REQUEST"
        assert calendar.method.value == "REQUEST"
        event = calendar.vevent
        assert event.uid.value == f"meeting-{meeting.pk}@binnenuit.example"
        assert event.sequence.value == "0"
        assert event.status.value == "CONFIRMED"
        assert event.dtstart.value.astimezone(UTC) == datetime.datetime(
            2027, 3, 16, 8, 0, tzinfo=UTC
        )
        assert event.dtend.value.astimezone(UTC) == datetime.datetime(
            2027, 3, 16, 11, 30, tzinfo=UTC
        )
        assert event.location.value == "Stadskantoor, Markt 1, 1234 AB Testdorp"
        assert event.organizer.params["CN"] == ["Gemeente Testdorp"]
        # Each sees only themself among the attendees: no one's address goes to a guest.
        assert [a.value for a in event.attendee_list] == [f"mailto:{mail.recipient}"]
    bea = next(m for m in mails if m.recipient == "bea@bakkerij.example")
    assert bea.subject == f"Uitnodiging: {meeting.title} op 16 maart 2027"
    assert "Hallo Bea Bakker," in bea.body
    assert "Je doet mee als gast." in bea.body
    assert "Wanneer: dinsdag 16 maart 2027, 09:00–12:30" in bea.body
    assert "Waar: Stadskantoor, Markt 1, 1234 AB Testdorp" in bea.body
    assert "Toegankelijkheid: Drempelvrij, met lift en ringleiding." in bea.body
    assert "Route: Bus 5 tot halte Markt" in bea.body
    assert "Drempelvrij" in bea.html_body
    trainer = next(m for m in mails if m.recipient == "trainer@test.example")
    assert "Je doet mee als begeleider." in trainer.body


def test_nothing_is_sent_twice_when_the_sync_runs_again(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 0
    assert services.invitations_sync(now=EARLY_MARCH) == 0  # the sweep too
    assert len(calendar_mails()) == 4
    assert Notice.objects.filter(meeting=meeting).count() == 4


def test_the_announcement_enqueues_a_task_that_invites_and_repeats_send_nothing(
    world, django_capture_on_commit_callbacks
):
    meeting = module_meeting(world, Stage.ROUND_1)
    with django_capture_on_commit_callbacks(execute=True):
        plan(world, meeting, TUESDAY)
    with override_settings(MAILERS=LOCMEM):
        run_worker(django_capture_on_commit_callbacks)  # the invitations, then the mails
        assert recipients(calendar_mails("meeting_invitation")) == {
            "trainer@test.example",  # attends round 1
            "adviseur@test.example",
        }
        assert {m.status for m in calendar_mails()} == {Mail.Status.SENT}
        sent = len(django_mail.outbox)
        meeting_invitations_send.enqueue(meeting.pk)  # the announcement again
        meeting_invitations_send.enqueue(meeting.pk)
        run_worker(django_capture_on_commit_callbacks)
        assert len(django_mail.outbox) == sent
    assert len(calendar_mails()) == 2


def test_the_mail_carries_the_invitation_as_text_calendar_with_its_method(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    mail = calendar_mails("meeting_invitation")[0]
    with override_settings(MAILERS=LOCMEM):
        assert deliver(mail.pk) == "sent"
    [message] = django_mail.outbox
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "uitnodiging.ics"
    assert "BEGIN:VTIMEZONE" in part.get_content()


def test_a_change_keeps_the_uid_with_a_higher_sequence(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    plan(world, meeting, THURSDAY, location=meeting.location)
    meeting.refresh_from_db()
    assert meeting.revision == 1
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 4
    changes = calendar_mails("meeting_changed")
    assert recipients(changes) == EVERYONE
    for mail in changes:
        _, calendar = invitation_of(mail)
        assert calendar.method.value == "REQUEST"
        assert calendar.vevent.uid.value == f"meeting-{meeting.pk}@binnenuit.example"
        assert calendar.vevent.sequence.value == "1"
        assert calendar.vevent.dtstart.value.date() == THURSDAY
    mail = changes[0]
    assert mail.subject.startswith("Gewijzigd: ")
    assert "Eerst was het op dinsdag 16 maart 2027, 09:00–12:30." in mail.body
    assert "Wanneer: donderdag 18 maart 2027, 09:00–12:30" in mail.body
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 0


def test_a_cancellation_is_a_cancel_to_whoever_had_the_invitation(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    planning.meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 4
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 0
    cancels = calendar_mails("meeting_cancelled")
    assert recipients(cancels) == EVERYONE
    for mail in cancels:
        content_type, calendar = invitation_of(mail)
        assert content_type == "text/calendar; method=CANCEL"
        assert calendar.method.value == "CANCEL"
        assert calendar.vevent.uid.value == f"meeting-{meeting.pk}@binnenuit.example"
        assert calendar.vevent.sequence.value == "1"
        assert calendar.vevent.status.value == "CANCELLED"
    mail = cancels[0]
    assert mail.subject == f"Afgelast: {meeting.title} op 16 maart 2027"
    assert "gaat niet door. Je hoeft niet te komen." in mail.body


def test_taken_off_the_calendar_cancels_at_the_times_the_invitation_said(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    plan(world, meeting, None)
    services.invitations_sync(meeting_ids=[meeting.pk])
    cancels = calendar_mails("meeting_cancelled")
    assert recipients(cancels) == EVERYONE
    _, calendar = invitation_of(cancels[0])
    assert calendar.vevent.dtstart.value == local(2027, 3, 16, 9, 0)
    assert calendar.vevent.sequence.value == "1"


def test_planned_again_after_a_cancellation_is_a_new_invitation(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    planning.meeting_cancel(by=world.actor("adviser"), meeting=meeting)
    services.invitations_sync(meeting_ids=[meeting.pk])
    plan(world, meeting, THURSDAY, location=meeting.location)
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 4
    again = calendar_mails("meeting_invitation")[4:]
    assert recipients(again) == EVERYONE
    _, calendar = invitation_of(again[0])
    assert calendar.vevent.sequence.value == "2"
    assert calendar.vevent.status.value == "CONFIRMED"


def test_an_attendee_enrolled_later_is_invited_by_the_sweep(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    newcomer = PersonFactory(organisation=world.org, email="nieuw@test.example")
    planning.enrolment_add(by=world.actor("adviser"), round_=world.round_2, person=newcomer)
    assert (
        services.invitations_sync(now=EARLY_MARCH) == 1
    )  # the sweep: only the newcomer, only once
    assert services.invitations_sync(now=EARLY_MARCH) == 0
    [mail] = calendar_mails()[4:]
    assert mail.recipient == "nieuw@test.example"
    assert mail.template == "meeting_invitation"


def test_who_is_taken_off_the_list_gets_a_cancellation_of_their_own(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    enrolment = Enrolment.objects.get(round=world.round_2, person=world.people["participant"])
    planning.enrolment_withdraw(by=world.actor("adviser"), enrolment=enrolment)
    assert services.invitations_sync(now=EARLY_MARCH) == 1
    [mail] = calendar_mails()[4:]
    assert mail.recipient == "deelnemer@test.example"
    assert mail.template == "meeting_cancelled"
    assert mail.subject == f"Niet meer voor jou: {meeting.title} op 16 maart 2027"
    assert "Je staat niet meer op de lijst" in mail.body
    assert invitation_of(mail)[1].method.value == "CANCEL"
    # Back on the list before anything changed: invited once more, and only once.
    planning.enrolment_add(
        by=world.actor("adviser"), round_=world.round_2, person=world.people["participant"]
    )
    assert services.invitations_sync(now=EARLY_MARCH) == 1
    assert services.invitations_sync(now=EARLY_MARCH) == 0
    assert calendar_mails()[-1].template == "meeting_invitation"


def test_a_new_guest_alone_gets_an_invitation(world, meeting):
    services.invitations_sync(meeting_ids=[meeting.pk])
    planning.guest_add(
        by=world.actor("adviser"),
        meeting=meeting,
        full_name="Wim de Wit",
        email="wim@wijkraad.example",
        affiliation="Wijkraad Noord",
    )
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 1
    assert calendar_mails()[-1].recipient == "wim@wijkraad.example"


def test_no_mail_without_an_address_nor_for_a_meeting_that_has_started(world, meeting):
    world.people["participant"].email = ""
    world.people["participant"].save()
    world.users["participant"].email = "deelnemer@geanonimiseerd.invalid"  # erased login
    world.users["participant"].save()
    at_start = local(2027, 3, 16, 9, 0)
    assert services.invitations_sync(meeting_ids=[meeting.pk], now=at_start) == 0
    assert services.invitations_sync(meeting_ids=[meeting.pk]) == 3
    assert "deelnemer@test.example" not in recipients(calendar_mails())


def test_the_sweep_reaches_only_the_coming_two_months(world, meeting):
    far = plan(world, module_meeting(world, Stage.ROUND_2, 2), datetime.date(2027, 9, 1))
    now = local(2027, 3, 1, 12, 0)
    services.invitations_sync(now=now)
    assert Notice.objects.filter(meeting=meeting).count() == 4
    assert not Notice.objects.filter(meeting=far).exists()
