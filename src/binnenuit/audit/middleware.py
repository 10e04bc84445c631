"""django-auditlog's middleware, with the client address we trust and the request at hand.

auditlog's own middleware takes the first X-Forwarded-For entry, which any client can write.
This one records ``core.http.client_ip``: REMOTE_ADDR, or the entry our own proxies added.
It also keeps the request for the recording (``audit.recording``), which reads the actor
(``request.actor``, set later by the gate) for the organisation acted in and the role.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

from binnenuit.core.http import client_ip

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being answered, when there is one (not in the worker or a command)."""
    return _current_request.get()


@contextmanager
def request_in_context(request: HttpRequest) -> Iterator[None]:
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def address_of(request: HttpRequest) -> str | None:
    """The client's address as an IP address, or None when it is not one."""
    value = client_ip(request).strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.7:443"
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


class AuditMiddleware(AuditlogMiddleware):  # type: ignore[misc]  # auditlog ships no types
    """Puts the actor and the real client address on every log entry the request writes."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return address_of(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None  # X-Forwarded-Port is the client's to write; the port says nothing anyway

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_in_context(request):
            response: HttpResponse = super().__call__(request)
        return response
