"""The scan app's rules in the table of tests/test_rules.py."""

from __future__ import annotations

import secrets

from binnenuit.catalogue.models import ProgrammeTemplate
from binnenuit.scan.models import Scan
from tests.test_rules import N, Row, Y, roles


def scan_of(organisation) -> Scan:
    return Scan.objects.create(
        organisation=organisation,
        title="Scan",
        template=ProgrammeTemplate.objects.get(version=1),
        token=secrets.token_urlsafe(16),
    )


ROWS = [
    # The organisation's staff roles see the scans and read the report.
    Row("scan.view", None, None, roles(Y, Y, Y, N, N, outsider=Y)),
    Row(
        "scan.view", lambda w: scan_of(w.org), lambda w: scan_of(w.other_org), roles(Y, Y, Y, N, N)
    ),
    # Only the adviser runs a scan and reads the open answers as given.
    Row("scan.manage", None, None, roles(Y, N, N, N, N)),
    Row(
        "scan.manage",
        lambda w: scan_of(w.org),
        lambda w: scan_of(w.other_org),
        roles(Y, N, N, N, N),
    ),
    Row(
        "scan.release",
        lambda w: scan_of(w.org),
        lambda w: scan_of(w.other_org),
        roles(Y, N, N, N, N),
    ),
]
