from __future__ import annotations

from typing import Any

from django import forms


class StyledFormMixin:
    """Adds the NL Design System classes to every widget, and marks invalid fields."""

    WIDGET_CLASSES = {
        forms.Select: "utrecht-select utrecht-select--html-select",
        forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
        forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
        forms.ClearableFileInput: "utrecht-file-input",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = next(
                (c for w, c in self.WIDGET_CLASSES.items() if isinstance(widget, w)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += " utrecht-textbox--invalid"


def form_field[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """A form's field as the kind it is, for code that sets kind-specific options."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def apply_service_errors(form: forms.BaseForm, error: Any) -> None:
    """Put a ValidationError raised by a service next to the fields it names."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages if hasattr(error, "messages") else str(error))
