"""Everything held about one person, as plain data (AVG art. 15 and 20).

The export is a dict that ``json.dumps`` writes as it is: for each model with rows about the
person, its purpose and retention, and per row every declared field (its label, its
personal-data category, the value for machines and the text for people) with the audit
entries about that row. Secrets (password hashes, session keys) are named, never shown.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import uuid
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from binnenuit.core.privacy import Declaration, Subject
from binnenuit.privacy import audit_trail
from binnenuit.privacy.selectors import everything_about, record_name

FORMAT = "binnenuit-privacy-export/1"


def _value(row: models.Model, field: models.Field[Any, Any] | Any) -> tuple[Any, str]:
    """A field's value as JSON takes it, and as a person reads it."""
    if field.many_to_many:
        related = list(getattr(row, field.name).all())
        return [r.pk for r in related], ", ".join(str(r) for r in related)
    if field.is_relation:
        target = getattr(row, field.name)
        return (target.pk, str(target)) if target is not None else (None, "")
    value = getattr(row, field.attname)
    if value is None:
        return None, ""
    if field.choices:
        return value, str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return value, _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.isoformat(), formats.date_format(local, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return value.isoformat(), formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, (bytes, memoryview)):
        content = bytes(value)
        return base64.b64encode(content).decode("ascii"), _("%(size)s bytes") % {
            "size": len(content)
        }
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or "", value.name or ""
    if isinstance(value, (uuid.UUID, decimal.Decimal, datetime.time, datetime.timedelta)):
        return str(value), str(value)
    if isinstance(value, (dict, list)):
        return value, json.dumps(value, ensure_ascii=False)
    return value, str(value)


def _row(
    declaration: Declaration, row: models.Model, audit: list[dict[str, Any]]
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, category in declaration.fields.items():
        field = row._meta.get_field(name)
        if name in declaration.hidden:
            value, text = None, _("(stored, not shown)")
        else:
            value, text = _value(row, field)
        fields[name] = {
            "label": capfirst(str(getattr(field, "verbose_name", name))),
            "category": category.value if category is not None else None,
            "value": value,
            "text": text,
        }
    if row._meta.pk is not None and row._meta.pk.name in declaration.hidden:
        # A secret as the key (a session's): the row is shown without either.
        return {"id": None, "text": _("(stored, not shown)"), "fields": fields, "audit": audit}
    return {"id": _json_key(row.pk), "text": str(row), "fields": fields, "audit": audit}


def _json_key(pk: Any) -> Any:
    return pk if isinstance(pk, (int, str)) else str(pk)


def export_of(subject: Subject, *, name: str, organisation: str = "") -> dict[str, Any]:
    """The export of everything about the subject."""
    records = []
    for found in everything_about(subject):
        pks = [row.pk for row in found.rows]
        audit = audit_trail.export_entries(found.model, pks)
        meta = found.model._meta
        records.append(
            {
                "model": meta.label_lower,
                "name": record_name(found.declaration, found.model),
                "purpose": str(found.declaration.purpose),
                "retention": str(found.declaration.retention),
                "rows": [
                    _row(found.declaration, row, audit.get(str(row.pk), [])) for row in found.rows
                ],
            }
        )
    now = timezone.localtime()
    return {
        "format": FORMAT,
        "generated_at": now.isoformat(),
        "generated": formats.date_format(now, "DATETIME_FORMAT"),
        "subject": {"name": name, "organisation": organisation},
        "records": records,
    }
