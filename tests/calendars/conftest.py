from __future__ import annotations

import pytest

from tests.calendars.factories import SITE


@pytest.fixture(autouse=True)
def _site_url(settings) -> None:
    """The site's address in production is https; the UIDs and feed links are made from it."""
    settings.SITE_URL = SITE
