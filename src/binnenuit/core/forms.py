from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.validators import ProhibitNullCharactersValidator as NullCharacters
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from binnenuit.core.exceptions import ServiceError
from binnenuit.core.htmx import redirect_after_post
from binnenuit.core.submissions import (
    TOKEN_FIELD,
    OnceFormMixin,
    Submitted,
    earlier_submission,
    submit_once,
)
from binnenuit.core.validators import (
    EARLIEST,
    LATEST,
    validate_plain_text,
    validate_sensible_date,
)


class StyledFormMixin:
    """Adds the NL Design System classes to every widget, marks invalid fields, and keeps
    every field's input clean: no control characters or bidirectional overrides in text,
    no date outside 2000–2100 (``core.validators``)."""

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
        self._guard_fields()

    def _guard_fields(self) -> None:
        """The input hygiene of every field, those a form adds later included."""
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.CharField):
                if validate_plain_text not in field.validators:
                    # Ours names the null character too: one message, not two.
                    field.validators = [
                        v for v in field.validators if not isinstance(v, NullCharacters)
                    ] + [validate_plain_text]
            elif (
                isinstance(field, forms.DateField)
                and validate_sensible_date not in field.validators
            ):
                field.validators.append(validate_sensible_date)
                field.widget.attrs.setdefault("min", EARLIEST.isoformat())
                field.widget.attrs.setdefault("max", LATEST.isoformat())

    def full_clean(self) -> None:
        self._guard_fields()
        super().full_clean()  # type: ignore[misc]

    def add_error(self, field: str | None, error: Any) -> None:
        """Every error, the form's own or a service's, marks its field as invalid."""
        super().add_error(field, error)  # type: ignore[misc]
        names = error.keys() if isinstance(error, dict) else [field]
        for name in names:
            form_field = self.fields.get(name) if name else None  # type: ignore[attr-defined]
            if form_field is not None and not form_field.widget.is_hidden:
                form_field.widget.attrs["aria-invalid"] = "true"
                classes = form_field.widget.attrs.get("class", "")
                if "utrecht-textbox--invalid" not in classes:
                    form_field.widget.attrs["class"] = f"{classes} utrecht-textbox--invalid".strip()


class DateInput(forms.DateInput):
    """An ``<input type=date>``, which can hold only a date: a typed value that could not be
    read as one is not shown back (as browsers do), so the page stays valid HTML."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class TimeInput(forms.TimeInput):
    """An ``<input type=time>`` (hours and minutes); a value that is not a time is not shown
    back, like ``DateInput``."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                datetime.time.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


def form_field[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """A form's field as the kind it is, for code that sets kind-specific options."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def apply_service_errors(form: forms.BaseForm, error: ServiceError) -> None:
    """Put a service's refusal beside the fields it names, and the rest on top of the form."""
    for name, field_messages in error.field_errors.items():
        form.add_error(name if name in form.fields else None, list(field_messages))
    if error.message:
        form.add_error(None, error.message)


def service_data(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned data a service takes: the form's fields without its one-time token."""
    return {k: v for k, v in form.cleaned_data.items() if k != TOKEN_FIELD}


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[], str],
    *,
    success: str | None = None,
) -> HttpResponse | None:
    """Validate the form and run the service behind it; where it leads, or None to show the
    form again (with the service's refusal beside the fields).

    ``run`` calls the service and returns the URL to go to. A form with a one-time token runs
    at most once per token: a repeat (a double click, a reload) goes where the first went,
    before it is validated again (the first may have made it invalid: "e-mail taken").
    """
    token = form.data.get(TOKEN_FIELD) if TOKEN_FIELD in form.fields else None
    earlier = earlier_submission(request.user, token)
    if earlier is not None:
        return _repeated(request, earlier)
    if not form.is_valid():
        return None
    try:
        if token is not None:
            done = submit_once(request.user, form.cleaned_data[TOKEN_FIELD], run)
        else:
            done = Submitted(url=run(), repeated=False)
    except ServiceError as error:
        apply_service_errors(form, error)
        return None
    if done.repeated:
        return _repeated(request, done.url)
    if success:
        messages.success(request, success)
    return redirect_after_post(request, done.url)


def _repeated(request: HttpRequest, url: str) -> HttpResponse:
    messages.info(request, _("This was sent twice; it has been saved once."))
    return redirect_after_post(request, url or request.get_full_path())


class ConfirmForm(OnceFormMixin, forms.Form):
    """A confirmation button ("Yes, publish"): nothing to fill in but its one-time token."""


def submit_confirmation(
    request: HttpRequest, run: Callable[[], str], *, success: str, back: str
) -> HttpResponse:
    """Run the confirmed action once; on a refusal go ``back`` with the reason as a message."""
    form = ConfirmForm(request.POST)
    if (done := submit(request, form, run, success=success)) is not None:
        return done
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect_after_post(request, back)
