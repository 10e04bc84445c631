from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import Promise

type Message = str | Promise


class ServiceError(Exception):
    """A domain rule refused the action: the one error type services raise.

    It carries a message for the whole form, messages per field, or both. Views put it
    beside the fields with ``core.forms.apply_service_errors``; the API turns it into its
    error body.
    """

    def __init__(
        self,
        message: Message | None = None,
        *,
        fields: Mapping[str, Message | list[Message]] | None = None,
    ) -> None:
        self.message = str(message) if message is not None else ""
        self.field_errors: dict[str, list[str]] = {
            name: [str(m) for m in (value if isinstance(value, list) else [value])]
            for name, value in (fields or {}).items()
        }
        super().__init__(self.message or "; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        """Every message, the general one first."""
        general = [self.message] if self.message else []
        return general + [m for messages in self.field_errors.values() for m in messages]

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> ServiceError:
        if not hasattr(error, "error_dict"):
            return cls(" ".join(error.messages))
        fields: dict[str, Message | list[Message]] = {
            name: list(messages) for name, messages in error.message_dict.items()
        }
        general = fields.pop(NON_FIELD_ERRORS, [])
        text = " ".join(str(m) for m in general) if isinstance(general, list) else str(general)
        return cls(text or None, fields=fields)
