"""What the request says about the client, behind the proxies we trust."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry our own proxies added to it.

    Behind ``BINNENUIT_TRUSTED_PROXIES`` proxies, each appends the address it saw to
    X-Forwarded-For, so the client is the entry that many places from the end. Whatever a
    client writes into the header itself stands further left and is ignored; with no trusted
    proxy the header is ignored entirely.
    """
    proxies: int = settings.TRUSTED_PROXIES
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # not through all our proxies: do not trust what it says
    client = forwarded[-proxies]
    try:
        ipaddress.ip_address(client)
    except ValueError:
        return remote  # "unknown", a host name, garbage: not an address to count or record
    return client
