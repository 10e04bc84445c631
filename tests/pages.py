"""Reading what a page shows, as a user would."""

from __future__ import annotations

import re
import uuid

import pytest
from django.contrib.messages import get_messages


def field_error(content: str, field: str) -> str:
    """The error message shown beside a form field ("" when there is none)."""
    match = re.search(rf'id="id_{field}_error">([^<]*)<', content)
    return match.group(1) if match else ""


def token() -> str:
    """A fresh one-time token, as a form shown just now carries it."""
    return str(uuid.uuid4())


def fresh_token(content: str) -> str:
    """The one-time token of the form on the page (a valid one, or the test fails)."""
    field = re.search(r'<input type="hidden" name="submission_token"[^>]*>', content)
    assert field, "the form carries no one-time token"
    value = re.search(r'value="([^"]*)"', field.group(0))
    try:
        return str(uuid.UUID(value.group(1) if value else ""))
    except ValueError:
        pytest.fail(f"the form's one-time token is not a valid one: {field.group(0)}")


def messages_of(response) -> list[str]:
    """The messages a response leaves for the next page."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def seen(client, response) -> str:
    """Follow a redirect as the browser does, showing (and so using up) its messages."""
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()
