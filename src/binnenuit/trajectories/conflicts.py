"""Planning conflicts between meetings: a pure function over plain data, no Django.

A meeting is a ``Slot``: when it starts and ends, where, for how many, who is in it, and where
it sits in its trajectory's programme. ``conflicts_of`` compares one slot with the others and
names every conflict; the planning services show them while planning and refuse them on save
unless the planner overrides them with a reason.

The kinds:
- a person (employee or login) booked in two meetings whose times overlap;
- a location booked twice in overlapping time;
- more people than the location holds;
- a round-2 module before round-1 module 3 (where the trainers design round 2) has been held;
- meetings out of the programme's order within a trajectory.

Times overlap when one starts before the other ends: meetings that touch (one ends at 12:30,
the next starts at 12:30) do not.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

DESIGN_MODULE = 3  # round 1's module 3: the trainers design round 2


class ConflictKind(StrEnum):
    PERSON_TWICE = "person_twice"
    LOCATION_TWICE = "location_twice"
    OVER_CAPACITY = "over_capacity"
    BEFORE_DESIGN = "before_design"
    OUT_OF_ORDER = "out_of_order"


@dataclass(frozen=True)
class Slot:
    meeting: int
    start: datetime.datetime
    end: datetime.datetime
    trajectory: int
    sequence: int  # the order in the programme, within the trajectory
    location: int | None = None
    capacity: int | None = None  # of the location; None: not known
    headcount: int = 0  # attendees, facilitators and guests
    people: frozenset[str] = field(default_factory=frozenset)  # "person:12", "user:3"
    stage: str = ""  # "round_1", "round_2" or "" (preparation)
    module_position: int | None = None  # the module's position in its round

    def overlaps(self, other: Slot) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    meeting: int
    other: int | None = None  # the meeting it conflicts with
    people: frozenset[str] = field(default_factory=frozenset)  # who is booked twice
    detail: int | None = None  # over capacity: the headcount beyond the capacity


def conflicts_of(slot: Slot, others: Iterable[Slot]) -> list[Conflict]:
    """Every conflict of ``slot`` with ``others`` (other meetings, planned ones only).

    ``others`` holds the meetings that could conflict: the trajectory's own (for the order and
    the design module) and any meeting of the organisation around the same time (for people
    and locations). The slot itself may be among them; it is skipped.
    """
    others = [o for o in others if o.meeting != slot.meeting]
    found: list[Conflict] = []
    for other in sorted(others, key=lambda o: (o.start, o.meeting)):
        if not slot.overlaps(other):
            continue
        both = slot.people & other.people
        if both:
            found.append(
                Conflict(ConflictKind.PERSON_TWICE, slot.meeting, other.meeting, people=both)
            )
        if slot.location is not None and slot.location == other.location:
            found.append(Conflict(ConflictKind.LOCATION_TWICE, slot.meeting, other.meeting))
    if slot.capacity is not None and slot.headcount > slot.capacity:
        found.append(
            Conflict(
                ConflictKind.OVER_CAPACITY, slot.meeting, detail=slot.headcount - slot.capacity
            )
        )
    own = [o for o in others if o.trajectory == slot.trajectory]
    if slot.stage == "round_2" and slot.module_position is not None:
        design = next(
            (o for o in own if o.stage == "round_1" and o.module_position == DESIGN_MODULE),
            None,
        )
        if design is None or slot.start < design.end:
            found.append(
                Conflict(
                    ConflictKind.BEFORE_DESIGN,
                    slot.meeting,
                    design.meeting if design is not None else None,
                )
            )
    for other in sorted(own, key=lambda o: (o.sequence, o.meeting)):
        earlier_in_programme = other.sequence < slot.sequence
        later_in_programme = other.sequence > slot.sequence
        if (earlier_in_programme and other.start > slot.start) or (
            later_in_programme and other.start < slot.start
        ):
            found.append(Conflict(ConflictKind.OUT_OF_ORDER, slot.meeting, other.meeting))
    return found
