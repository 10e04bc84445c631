"""Who may read an organisation's audit trail. Nobody may change it: there is no rule to."""

from __future__ import annotations

from binnenuit.core.access import add_rule
from binnenuit.organisations.rules import is_organiser

# Advisers (for each organisation they advise) and the organisation's project leaders.
add_rule("audit.view", is_organiser)
