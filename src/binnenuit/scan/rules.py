"""Who may do what with an organisation scan.

- **Advisers** create and run scans (the questionnaire, opening and closing, the live screen,
  the conclusions, the PDF) and read the open answers as given, releasing them into the report.
- **The organisation's staff roles** (adviser, project leader, manager) see the scans and read
  the report, with only the released open answers.
- **Respondents** need no login: the public link is their key.
"""

from __future__ import annotations

from binnenuit.core.access import add_rule
from binnenuit.organisations.rules import is_adviser, is_staff_role

add_rule("scan.view", is_staff_role)
add_rule("scan.manage", is_adviser)
add_rule("scan.release", is_adviser)
