"""Mail backends for the tests: one whose mail server is down, one that is slow."""

from __future__ import annotations

import smtplib
import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(LocmemBackend):
    """The mail server refuses every connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


class SlowBackend(LocmemBackend):
    """Takes a moment to send, so that two workers overlap."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)
