"""Who may run recruitment: the calls for applications, the applications and the selection.

Registered when the app loads. Applications are personal data (motivations, availability):
only the organisers — the organisation's advisers and project leaders — see them and decide.
Managers see, on the trajectory page, how recruitment stands (a call's state and the counts),
never the applications themselves. Nobody acts on another organisation's calls (``can``).
"""

from __future__ import annotations

from binnenuit.core.access import add_rule
from binnenuit.organisations.rules import is_organiser, is_staff_role

add_rule("recruitment.view", is_staff_role)
add_rule("recruitment.manage", is_organiser)
