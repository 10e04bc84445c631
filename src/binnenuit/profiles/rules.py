"""Who may read and write X-factor profiles.

- **The gallery and the stories** are for everyone in the organisation: they are written to be
  read by colleagues (internal use).
- **A profile** is written by the trainer it is about, and only by them: it is their story in
  their own words. Only someone trained in round 1 writes one.
- **Sharing beyond the organisation** is the trainer's own consent, given and taken back by
  them alone.
- **The organisation's strengths** (the trainers' strengths next to the scan's gaps) are for
  the staff roles, who plan round 2 with them.
"""

from __future__ import annotations

from typing import Any

from binnenuit.catalogue.models import Stage
from binnenuit.core.access import Actor, add_rule, fact, predicate
from binnenuit.organisations.rules import in_organisation, is_staff_role
from binnenuit.trajectories.models import Enrolment


@fact("profiles.round_1_trainer")
def round_1_trainer(actor: Actor) -> bool:
    """The actor's employee record is (or was) enrolled in a round 1."""
    person = actor.fact("organisations.person")
    if person is None:
        return False
    return Enrolment.objects.filter(
        person_id=person.pk, round__stage=Stage.ROUND_1, status=Enrolment.Status.ENROLLED
    ).exists()


@predicate
def writes_own_profile(actor: Actor, profile_or_person: Any = None) -> bool:
    """The actor is a round-1 trainer and the profile (or person) is their own, or none given."""
    if not actor.fact("profiles.round_1_trainer"):
        return False
    if profile_or_person is None:
        return True
    person = actor.fact("organisations.person")
    person_id = getattr(profile_or_person, "person_id", getattr(profile_or_person, "pk", None))
    return person is not None and person_id == person.pk


add_rule("xfactor.view", in_organisation)
add_rule("xfactor.write", writes_own_profile)
add_rule("xfactor.strengths", is_staff_role)
