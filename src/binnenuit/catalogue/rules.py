"""Who may keep the programme catalogue: the training provider's advisers, outside any
organisation."""

from __future__ import annotations

from binnenuit.accounts.rules import is_provider_staff
from binnenuit.core.access import add_rule

add_rule("catalogue.edit", is_provider_staff)
