from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binnenuit.core.access import ActorRequest, can, org_view, user_view
from binnenuit.core.forms import ConfirmForm, submit_confirmation
from binnenuit.core.privacy import Category
from binnenuit.organisations.access import OrgRequest
from binnenuit.privacy import selectors, services, tables


def _for_page(export: dict[str, Any]) -> list[dict[str, Any]]:
    """The export's records as the page shows them: lists, and an id for every table."""
    labels = {c.value: c.label for c in Category}
    return [
        {
            **record,
            "rows": [
                {
                    **row,
                    "table_id": f"record-{r}-{n}",
                    "fields": [
                        {**f, "category_label": labels.get(f["category"], "")}
                        for f in row["fields"].values()
                    ],
                    "audit": [
                        {**entry, "changes": list(entry["changes"].values())}
                        for entry in row["audit"]
                    ],
                }
                for n, row in enumerate(record["rows"], start=1)
            ],
        }
        for r, record in enumerate(export["records"], start=1)
    ]


def _data_page(request: ActorRequest, export: dict[str, Any], **context: Any) -> HttpResponse:
    return render(
        request,
        "privacy/subject_data.html",
        {
            "export": export,
            "records": _for_page(export),
            "field_columns": tables.FIELDS,
            "audit_columns": tables.AUDIT,
            **context,
        },
    )


def _download(export: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@org_view("privacy.export")
def person_data(request: OrgRequest, pk: int) -> HttpResponse:
    person = selectors.person_for(request.actor, pk)
    export = services.subject_export(by=request.actor, person=person)
    slug = request.org.slug
    erase_url = (
        reverse("privacy:person-erase", args=[slug, pk])
        if can(request.actor, "privacy.erase", person) and not selectors.is_anonymised(person)
        else ""
    )
    return _data_page(
        request,
        export,
        json_url=reverse("privacy:person-data-json", args=[slug, pk]),
        erase_url=erase_url,
        back_url=reverse("organisations:person-list", args=[slug]),
    )


@require_GET
@org_view("privacy.export")
def person_data_json(request: OrgRequest, pk: int) -> HttpResponse:
    person = selectors.person_for(request.actor, pk)
    export = services.subject_export(by=request.actor, person=person)
    return _download(export, f"gegevens-medewerker-{person.pk}.json")


@require_http_methods(["GET", "POST"])
@org_view("privacy.erase")
def person_erase(request: OrgRequest, pk: int) -> HttpResponse:
    person = selectors.person_for(request.actor, pk, "privacy.erase")
    data_url = reverse("privacy:person-data", args=[request.org.slug, pk])
    if request.method == "POST":

        def erase() -> str:
            services.subject_erase(by=request.actor, person=person)
            return data_url

        return submit_confirmation(
            request,
            erase,
            success=_("The employee's data has been anonymised."),
            back=data_url,
        )
    found = sum(
        len(f.rows) for f in selectors.everything_about(selectors.subject_for_person(person))
    )
    return render(
        request,
        "privacy/person_erase.html",
        {"form": ConfirmForm(), "person": person, "rows": found, "back_url": data_url},
    )


@require_GET
@user_view("privacy.own_data")
def own_data(request: ActorRequest) -> HttpResponse:
    export = services.own_export(by=request.actor)
    return _data_page(request, export, json_url=reverse("privacy:own-data-json"), own=True)


@require_GET
@user_view("privacy.own_data")
def own_data_json(request: ActorRequest) -> HttpResponse:
    return _download(services.own_export(by=request.actor), "mijn-gegevens.json")


@require_GET
@user_view("privacy.register")
def processing_register(request: ActorRequest) -> HttpResponse:
    entries, without = selectors.processing_register()
    return render(
        request,
        "privacy/processing_register.html",
        {"entries": entries, "without": without, "periods": _periods()},
    )


@require_GET
@user_view("privacy.retention")
def retention_report(request: ActorRequest) -> HttpResponse:
    due = services.retention_run(dry_run=True)
    periods = _periods()
    rows = [
        {
            "what": _("Employees who left more than %(days)s days ago") % {"days": periods["left"]},
            "count": len(due.people_who_left),
            "keys": due.people_who_left,
        },
        {
            "what": _("Invitations that expired unused more than %(days)s days ago")
            % {"days": periods["invitation"]},
            "count": len(due.unused_invitations),
            "keys": due.unused_invitations,
        },
        {
            "what": _("Logins without a login for more than %(days)s days")
            % {"days": periods["login"]},
            "count": len(due.stale_logins),
            "keys": due.stale_logins,
        },
        {
            "what": _("Guests of meetings held more than %(days)s days ago")
            % {"days": periods["guest"]},
            "count": len(due.past_guests),
            "keys": due.past_guests,
        },
        {
            "what": _("Records of login attempts older than %(days)s days")
            % {"days": periods["login_log"]},
            "count": due.login_records,
            "keys": [],
        },
        {"what": _("Ended sessions"), "count": due.ended_sessions, "keys": []},
    ]
    return render(
        request,
        "privacy/retention_report.html",
        {"due": due, "rows": rows, "columns": tables.RETENTION},
    )


def _periods() -> dict[str, int]:
    return {
        "left": settings.PRIVACY_LEFT_DAYS,
        "invitation": settings.PRIVACY_INVITATION_DAYS,
        "login": settings.PRIVACY_STALE_LOGIN_DAYS,
        "login_log": settings.PRIVACY_LOGIN_LOG_DAYS,
        "guest": settings.PRIVACY_GUEST_DAYS,
    }
