"""Planning conflicts, one unit test per kind (the pure module, no database)."""

from __future__ import annotations

import datetime

from binnenuit.trajectories.conflicts import Conflict, ConflictKind, Slot, conflicts_of

DAY = datetime.date(2027, 3, 9)


def at(hour: int, minute: int = 0, day: datetime.date = DAY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def slot(meeting: int, start: datetime.datetime, end: datetime.datetime, **fields) -> Slot:
    fields.setdefault("trajectory", 1)
    fields.setdefault("sequence", meeting)
    return Slot(meeting=meeting, start=start, end=end, **fields)


def kinds(conflicts: list[Conflict]) -> list[ConflictKind]:
    return [c.kind for c in conflicts]


def test_a_person_in_two_overlapping_meetings():
    morning = slot(1, at(9), at(12, 30), people=frozenset({"person:7", "person:8"}))
    other = slot(2, at(12), at(14), trajectory=2, people=frozenset({"person:7", "user:1"}))
    (conflict,) = conflicts_of(morning, [other])
    assert conflict == Conflict(ConflictKind.PERSON_TWICE, 1, 2, people=frozenset({"person:7"}))


def test_meetings_that_touch_do_not_overlap():
    morning = slot(1, at(9), at(12, 30), people=frozenset({"person:7"}), location=5)
    afternoon = slot(
        2, at(12, 30), at(17), trajectory=2, people=frozenset({"person:7"}), location=5
    )
    assert conflicts_of(morning, [afternoon]) == []
    assert conflicts_of(afternoon, [morning]) == []


def test_other_people_at_the_same_time_are_no_conflict():
    one = slot(1, at(9), at(12, 30), people=frozenset({"person:7"}))
    two = slot(2, at(9), at(12, 30), trajectory=2, people=frozenset({"person:8"}))
    assert conflicts_of(one, [two]) == []


def test_a_location_booked_twice():
    one = slot(1, at(13, 30), at(17), location=5)
    two = slot(2, at(16), at(18), trajectory=2, location=5)
    elsewhere = slot(3, at(13, 30), at(17), trajectory=3, location=6)
    assert conflicts_of(one, [two, elsewhere]) == [Conflict(ConflictKind.LOCATION_TWICE, 1, 2)]


def test_a_location_over_capacity():
    full = slot(1, at(9), at(12), location=5, capacity=12, headcount=15)
    fits = slot(2, at(13), at(15), location=5, capacity=12, headcount=12)
    unknown = slot(3, at(19), at(21), location=5, capacity=None, headcount=40)
    assert conflicts_of(full, []) == [Conflict(ConflictKind.OVER_CAPACITY, 1, detail=3)]
    assert conflicts_of(fits, []) == []
    assert conflicts_of(unknown, []) == []


def test_a_round_2_module_before_round_1_module_3_is_held():
    design = slot(3, at(9), at(12, 30), stage="round_1", module_position=3, sequence=7)
    too_early = slot(
        10,
        at(9, 0, DAY - datetime.timedelta(days=1)),
        at(12),
        stage="round_2",
        module_position=1,
        sequence=10,
    )
    same_morning = slot(11, at(11), at(12), stage="round_2", module_position=1, sequence=10)
    after = slot(12, at(13, 30), at(17), stage="round_2", module_position=1, sequence=10)
    assert ConflictKind.BEFORE_DESIGN in kinds(conflicts_of(too_early, [design]))
    assert ConflictKind.BEFORE_DESIGN in kinds(conflicts_of(same_morning, [design]))
    assert conflicts_of(after, [design]) == []


def test_a_round_2_module_without_a_planned_design_module_conflicts():
    module = slot(10, at(9), at(12), stage="round_2", module_position=2, sequence=11)
    assert conflicts_of(module, []) == [Conflict(ConflictKind.BEFORE_DESIGN, 10, None)]


def test_meetings_out_of_the_programmes_order():
    intake = slot(1, at(9), at(12), sequence=2)
    module_1 = slot(2, at(9, 0, DAY - datetime.timedelta(days=7)), at(12), sequence=3)
    assert conflicts_of(module_1, [intake]) == [Conflict(ConflictKind.OUT_OF_ORDER, 2, 1)]
    assert conflicts_of(intake, [module_1]) == [Conflict(ConflictKind.OUT_OF_ORDER, 1, 2)]


def test_order_counts_only_within_the_same_trajectory():
    one = slot(1, at(9), at(12), sequence=5)
    other_trajectory = slot(2, at(9, 0, DAY - datetime.timedelta(days=7)), at(12), trajectory=2)
    assert conflicts_of(one, [other_trajectory]) == []


def test_the_slot_itself_is_skipped():
    one = slot(1, at(9), at(12), people=frozenset({"person:1"}), location=5)
    assert conflicts_of(one, [one]) == []
