from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


class CappedPaginator(Paginator[Any]):
    """Counts at most ``cap`` + 1 rows: a search that matches thousands is not counted whole.

    ``capped`` tells the page to say "more than …" and to ask for a narrower search.
    """

    def __init__(self, object_list: Any, per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        """The rows counted, one past the cap when there are more."""
        rows: Any = self.object_list
        counted: int = rows.order_by()[: self.cap + 1].count()
        return counted

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap


def paginate(
    request: HttpRequest, queryset: Any, per_page: int | None = None, *, cap: int | None = None
) -> Page[Any]:
    """One page of a list; an unknown page number shows the nearest valid page.

    With ``cap``, at most that many rows are counted (for searches over large lists).
    """
    size = per_page or settings.PAGE_SIZE
    paginator: Paginator[Any] = (
        Paginator(queryset, size) if cap is None else CappedPaginator(queryset, size, cap=cap)
    )
    return paginator.get_page(request.GET.get("pagina"))
