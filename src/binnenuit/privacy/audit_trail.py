"""The audit entries about a person's rows: read for an export, redacted by an erasure.

The entries are django-auditlog's ``LogEntry`` rows (declared in the register by the audit
app); they are found through the content type and key of the row they are about. Erasure
keeps every entry — who did what, when — and removes the person's values from it: the
before and after of their personal fields, the names and addresses it quotes anywhere, and
their own address as the actor.

The audit app refuses to change a stored entry through ``save()``; erasure is the one
change the law demands, and it is written with ``QuerySet.update()``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from auditlog import get_logentry_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binnenuit.core.privacy import Declaration

REDACTED = "[geanonimiseerd]"  # stored data, like the anonymous names: not translated
MIN_QUOTED = 3  # shorter values are not searched for inside the trail's texts


def log_entry_model() -> type[models.Model]:
    return get_logentry_model()  # type: ignore[no-any-return]


def entries_about(model: type[models.Model], pks: Iterable[Any]) -> models.QuerySet[Any]:
    """The audit entries about these rows of one model, oldest first."""
    content_type = ContentType.objects.get_for_model(model)
    keys = [str(pk) for pk in pks]
    return (
        log_entry_model()
        ._default_manager.filter(content_type=content_type, object_pk__in=keys)
        .select_related("actor")
        .order_by("timestamp", "pk")
    )


def _changes(entry: Any) -> dict[str, Any]:
    changes = entry.changes
    if isinstance(changes, str):
        try:
            changes = json.loads(changes)
        except ValueError:
            return {}
    return changes if isinstance(changes, dict) else {}


def _labels(entry: Any) -> dict[str, Any]:
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    labels = data.get("labels")
    return labels if isinstance(labels, dict) else {}


# --- The export ---------------------------------------------------------------------------

EVENTS = {  # what the audit app writes in additional_data["event"] for an "access" entry
    "login": gettext_lazy("Logged in"),
    "logout": gettext_lazy("Logged out"),
    "login_failed": gettext_lazy("Login failed"),
}


def _action(entry: Any) -> str:
    """The action as our pages name it (auditlog's own words are not translated)."""
    actions = {0: _("Created"), 1: _("Changed"), 2: _("Deleted"), 3: _("Opened")}
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    event = data.get("event")
    if entry.action == 3 and isinstance(event, str) and event in EVENTS:
        return str(EVENTS[event])
    return str(actions.get(entry.action, entry.action))


def _verbose_name(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return capfirst(str(getattr(field, "verbose_name", name)))


def _shown(value: Any) -> str:
    if value is None or value == "None":
        return ""
    if isinstance(value, dict):  # a many-to-many change
        return ", ".join(str(v) for v in value.get("objects", []))
    return str(value)


def export_entries(model: type[models.Model], pks: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Per row key: its audit entries, as plain data (the actor's address is left out)."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries_about(model, pks):
        labels = _labels(entry)
        changes = {}
        for name, pair in _changes(entry).items():
            values = list(pair) if isinstance(pair, list) and len(pair) == 2 else [None, pair]
            named = labels.get(name)
            shown = list(named) if isinstance(named, list) and len(named) == 2 else [None, None]
            changes[name] = {
                "label": _verbose_name(model, name),
                "before": _shown(shown[0] if shown[0] is not None else values[0]),
                "after": _shown(shown[1] if shown[1] is not None else values[1]),
            }
        timestamp = timezone.localtime(entry.timestamp)
        found[str(entry.object_pk)].append(
            {
                "timestamp": timestamp.isoformat(),
                "when": formats.date_format(timestamp, "DATETIME_FORMAT"),
                "action": _action(entry),
                "actor": str(entry.actor) if entry.actor is not None else "",
                "changes": changes,
            }
        )
    return found


# --- Erasure ------------------------------------------------------------------------------


def _redact_pair(value: Any, keep: str) -> Any:
    """A before/after pair with every value but the row's current one redacted."""
    if isinstance(value, dict):  # a many-to-many change
        return {**value, "objects": [REDACTED for _ in value.get("objects", [])]}
    if isinstance(value, list):
        return [v if v is None or str(v) == keep else REDACTED for v in value]
    return value if str(value) == keep else REDACTED


def _current(row: models.Model | None, name: str) -> str:
    """The row's value as auditlog writes it ("None" for none); nothing matches when the
    row is gone."""
    if row is None:
        return "\x00"  # matches nothing
    try:
        field = row._meta.get_field(name)
    except FieldDoesNotExist:
        return "\x00"
    if not isinstance(field, models.Field) or field.many_to_many:
        return "\x00"
    return str(getattr(row, field.attname))


def redact_rows(
    declaration: Declaration, model: type[models.Model], pks: list[Any], *, actors: set[Any]
) -> None:
    """Redact the entries about these rows (after they were anonymised or deleted).

    The values of personal (and unclassified) fields go, but for the anonymous value the row
    holds now; the row's name in the entry becomes its anonymous name. The client address
    goes from the entries the person made themselves or that nobody made (a failed login).
    """
    current = model._base_manager.in_bulk(pks)
    log_entry = log_entry_model()
    for entry in entries_about(model, pks):
        row = current.get(_key(model, entry.object_pk))
        personal = {
            name
            for name in _changes(entry) | _labels(entry)
            if declaration.fields.get(name, "unknown") is not None or name in declaration.hidden
        }
        changes = {
            name: _redact_pair(pair, _current(row, name)) if name in personal else pair
            for name, pair in _changes(entry).items()
        }
        data = entry.additional_data if isinstance(entry.additional_data, dict) else None
        if data is not None and _labels(entry):
            data = {
                **data,
                "labels": {
                    name: _redact_pair(pair, _label_of(row, name)) if name in personal else pair
                    for name, pair in _labels(entry).items()
                },
            }
        serialized = entry.serialized_data
        if isinstance(serialized, dict) and isinstance(serialized.get("fields"), dict):
            serialized = {
                **serialized,
                "fields": {
                    name: REDACTED
                    if declaration.fields.get(name, "unknown") is not None
                    and value not in ("", None)
                    else value
                    for name, value in serialized["fields"].items()
                },
            }
        values: dict[str, Any] = {
            "changes": changes or entry.changes,
            "changes_text": "",
            "object_repr": str(row) if row is not None else REDACTED,
            "additional_data": data if data is not None else entry.additional_data,
            "serialized_data": serialized,
        }
        if entry.actor_id is None or entry.actor_id in actors:
            values |= {"remote_addr": None, "remote_port": None}
        log_entry._default_manager.filter(pk=entry.pk).update(**values)


def _key(model: type[models.Model], object_pk: str) -> Any:
    try:
        return model._meta.pk.to_python(object_pk)
    except Exception:  # noqa: BLE001 (a key of another type matches no row)
        return None


def _label_of(row: models.Model | None, name: str) -> str:
    if row is None:
        return "\x00"
    related = getattr(row, name, None)
    return str(related) if related is not None else "\x00"


def redact_actor(user: Any) -> None:
    """The person as the actor of entries: their address replaced, their client address gone."""
    log_entry_model()._default_manager.filter(actor=user).update(
        actor_email=user.email, remote_addr=None, remote_port=None
    )


def _variants(text: str) -> set[str]:
    """The text as it is stored: as such, and as JSON writes it (\\u00eb for ë)."""
    return {text, json.dumps(text)[1:-1]}


def redact_quotes(texts: Iterable[str]) -> int:
    """Replace the person's names and addresses wherever an entry quotes them.

    An entry about another row can name them too: a label ("line manager: Jan Jansen"), the
    address of a failed login. Returns how many entries changed.
    """
    quoted = sorted({t for t in texts if len(t) >= MIN_QUOTED}, key=len, reverse=True)
    if not quoted:
        return 0
    log_entry = log_entry_model()
    columns = {
        "object_repr": "object_repr",
        "changes_text": "changes_text",
        "actor_email": "actor_email",
        "changes_as_text": Cast("changes", TextField()),
        "additional_as_text": Cast("additional_data", TextField()),
        "serialized_as_text": Cast("serialized_data", TextField()),
    }
    condition = Q()
    for text in quoted:
        for variant in _variants(text):
            for column in columns:
                condition |= Q(**{f"{column}__icontains": variant})
    annotations = {k: v for k, v in columns.items() if not isinstance(v, str)}
    pattern = re.compile("|".join(re.escape(t) for t in quoted), re.IGNORECASE)
    changed = 0
    for entry in log_entry._default_manager.annotate(**annotations).filter(condition):
        values = {
            name: _replace(getattr(entry, name), pattern)
            for name in (
                "object_repr",
                "changes_text",
                "actor_email",
                "changes",
                "additional_data",
                "serialized_data",
            )
        }
        log_entry._default_manager.filter(pk=entry.pk).update(**values)
        changed += 1
    return changed


def _replace(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_replace(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_replace(k, pattern): _replace(v, pattern) for k, v in value.items()}
    return value
