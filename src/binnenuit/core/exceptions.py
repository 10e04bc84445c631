from __future__ import annotations


class ServiceError(Exception):
    """A domain rule refused the action; the message is shown to the user."""
