"""Completing a round: the rule, and who is at risk of not completing it.

Pure: no Django, no database. The selectors load the statuses and call :func:`progress`.

- **Followed** is present or late: someone who came late followed the module.
- **Completed**: followed at least the round's minimum of its modules (a round's own minimum,
  or the programme's default: 3 of the 4 round-1 modules, 4 of the 5 round-2 modules).
- **At risk**, as early as it shows: absent twice, or no longer able to reach the minimum
  with the modules still open (those on their list that nobody has recorded yet).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# The values of trajectories.models.AttendanceStatus (this module imports no Django).
PRESENT, LATE, ABSENT, EXPECTED = "present", "late", "absent", "expected"
FOLLOWED = frozenset({PRESENT, LATE})
# The programme's defaults per stage (catalogue.models.Stage values).
DEFAULT_MINIMUMS = {"round_1": 3, "round_2": 4}
ABSENCES_AT_RISK = 2


class Standing(StrEnum):
    COMPLETED = "completed"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"


class Risk(StrEnum):
    ABSENCES = "absences"  # absent twice or more
    OUT_OF_REACH = "out_of_reach"  # cannot reach the minimum any more


def minimum_for(stage: str, chosen: int | None, modules: int) -> int:
    """The number of modules to follow: the round's own choice, else the programme's default.

    Never more than the round has modules (a cancelled module lowers the bar with it), and
    at least one.
    """
    wanted = chosen if chosen is not None else DEFAULT_MINIMUMS.get(stage, modules)
    return max(1, min(wanted, modules)) if modules else max(1, wanted)


@dataclass(frozen=True)
class Progress:
    """One person's progress through one round's modules."""

    minimum: int
    attended: int  # present or late
    absent: int
    open: int  # on their list, nothing recorded yet

    @property
    def completed(self) -> bool:
        return self.attended >= self.minimum

    @property
    def reachable(self) -> bool:
        return self.attended + self.open >= self.minimum

    @property
    def risks(self) -> tuple[Risk, ...]:
        if self.completed:
            return ()
        risks = []
        if self.absent >= ABSENCES_AT_RISK:
            risks.append(Risk.ABSENCES)
        if not self.reachable:
            risks.append(Risk.OUT_OF_REACH)
        return tuple(risks)

    @property
    def standing(self) -> Standing:
        if self.completed:
            return Standing.COMPLETED
        return Standing.AT_RISK if self.risks else Standing.ON_TRACK


def progress(statuses: Iterable[str], *, minimum: int) -> Progress:
    """Progress from the statuses of someone's rows at the round's (not cancelled) modules."""
    attended = absent = open_ = 0
    for status in statuses:
        if status in FOLLOWED:
            attended += 1
        elif status == ABSENT:
            absent += 1
        elif status == EXPECTED:
            open_ += 1
    return Progress(minimum=minimum, attended=attended, absent=absent, open=open_)
