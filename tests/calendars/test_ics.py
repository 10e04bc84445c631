"""Our iCalendar documents, read back by a second, independent parser (vobject)."""

from __future__ import annotations

import datetime

import vobject

from binnenuit.calendars.ics import AMSTERDAM, Address, Event, Method, calendar
from binnenuit.calendars.workdays import is_working_day, working_days_before

UTC = datetime.UTC


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def parse(data: bytes):
    return vobject.readOne(data.decode())


def event(**fields) -> Event:
    defaults = {
        "uid": "meeting-1@binnenuit.example",
        "sequence": 0,
        "start": local(2026, 10, 24, 19, 0),
        "end": local(2026, 10, 24, 21, 30),
        "summary": "Module 1: Overheidsparticipatie als werkwijze",
    }
    return Event(**{**defaults, **fields})


def test_times_are_right_on_both_sides_of_the_daylight_saving_change():
    before = event(uid="a@x", start=local(2026, 10, 24, 19, 0), end=local(2026, 10, 24, 21, 30))
    after = event(uid="b@x", start=local(2026, 10, 26, 9, 0), end=local(2026, 10, 26, 12, 30))
    parsed = parse(calendar([before, after]))
    starts = {e.uid.value: e.dtstart.value for e in parsed.vevent_list}
    # Summer time (UTC+2) before 25 October 2026, winter time (UTC+1) after.
    assert starts["a@x"].astimezone(UTC) == datetime.datetime(2026, 10, 24, 17, 0, tzinfo=UTC)
    assert starts["b@x"].astimezone(UTC) == datetime.datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    assert parsed.vtimezone.tzid.value == "Europe/Amsterdam"
    assert "TZID=Europe/Amsterdam:20261026T090000" in calendar([after]).decode()


def test_a_meeting_across_the_change_keeps_its_real_length():
    night = event(start=local(2026, 10, 25, 1, 30), end=local(2026, 10, 25, 4, 0))
    parsed = parse(calendar([night])).vevent
    length = parsed.dtend.value.astimezone(UTC) - parsed.dtstart.value.astimezone(UTC)
    assert length == datetime.timedelta(hours=3, minutes=30)  # the clock went back an hour


def test_an_invitation_is_a_request_with_organizer_and_attendees():
    invitation = event(
        sequence=2,
        location="Stadskantoor, zaal De Linde",
        organizer=Address("Binnenuit", "noreply@binnenuit.example"),
        attendees=(Address("Fatima el Amrani", "fatima@voorbeeld.example"),),
    )
    parsed = parse(calendar([invitation], method=Method.REQUEST))
    assert parsed.method.value == "REQUEST"
    vevent = parsed.vevent
    assert vevent.sequence.value == "2"
    assert vevent.location.value == "Stadskantoor, zaal De Linde"
    assert vevent.organizer.value == "mailto:noreply@binnenuit.example"
    assert vevent.attendee.value == "mailto:fatima@voorbeeld.example"
    assert vevent.attendee.params["CN"] == ["Fatima el Amrani"]


def test_a_cancellation_keeps_the_uid_and_says_cancelled():
    parsed = parse(calendar([event(sequence=3, cancelled=True)], method=Method.CANCEL))
    assert parsed.method.value == "CANCEL"
    assert parsed.vevent.uid.value == "meeting-1@binnenuit.example"
    assert parsed.vevent.status.value == "CANCELLED"


def test_a_feed_has_a_name_and_every_event():
    events = [
        event(uid=f"m{i}@x", start=local(2027, 1, 10 + i, 9), end=local(2027, 1, 10 + i, 12))
        for i in range(3)
    ]
    parsed = parse(calendar(events, name="Binnenuit — Fatima"))
    assert len(parsed.vevent_list) == 3
    assert not hasattr(parsed, "method")


def test_working_days_skip_weekends_and_dutch_holidays():
    assert working_days_before(datetime.date(2027, 3, 15), 2) == datetime.date(
        2027, 3, 11
    )  # Mon → Thu
    # The Tuesday after Easter 2027: Easter Monday and Good Friday (26 March) are skipped.
    assert working_days_before(datetime.date(2027, 3, 30), 2) == datetime.date(2027, 3, 24)
    assert not is_working_day(datetime.date(2026, 12, 25))
    assert not is_working_day(datetime.date(2027, 4, 27))  # Koningsdag
    assert is_working_day(datetime.date(2027, 4, 28))
