"""Every offers test with the database finds the first price list, as migrated.

A transactional test (the concurrency tests) ends by emptying every table; the tests after it
on the same worker get the price list back from the one seed.
"""

from __future__ import annotations

import pytest

from binnenuit.offers.services import price_list_seed


@pytest.fixture(autouse=True)
def _first_price_list(request: pytest.FixtureRequest) -> None:
    uses_db = request.node.get_closest_marker("django_db") is not None or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("catalogue")  # the database, as the root conftest asks it
        price_list_seed()
