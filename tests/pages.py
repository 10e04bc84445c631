"""Reading what a page shows, as a user would."""

from __future__ import annotations

import re


def field_error(content: str, field: str) -> str:
    """The error message shown beside a form field ("" when there is none)."""
    match = re.search(rf'id="id_{field}_error">([^<]*)<', content)
    return match.group(1) if match else ""
