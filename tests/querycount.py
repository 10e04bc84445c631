"""A query-count helper: a page's number of queries must not grow with its data."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fetch()
    return len(ctx.captured_queries)


def assert_constant_queries(
    fetch: Callable[[], object], grow: Callable[[], None]
) -> tuple[int, int]:
    """Fetch, add rows with ``grow``, fetch again: both counts must be equal. Returns them.

    A first, uncounted fetch warms up what a first request does once (the session's renewal).
    """
    fetch()
    before = count_queries(fetch)
    grow()
    after = count_queries(fetch)
    assert before == after, f"query count changed with the data: {before} → {after}"
    return before, after
