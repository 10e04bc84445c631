"""The demo's scans: Voorbeeld's closed one with its report, Anderstad's open one."""

from __future__ import annotations

import io

from django.test import Client
from pypdf import PdfReader

from binnenuit.scan import selectors
from binnenuit.scan.models import OpenAnswer, Scan


def test_voorbeeld_has_a_closed_scan_of_42_in_4_groups_with_its_report(demo):
    scan = Scan.objects.get(organisation=demo["voorbeeld"])
    assert scan.status == Scan.Status.CLOSED
    analysis = selectors.scan_analysis(scan)
    assert analysis.respondents == 42
    assert [c.respondents for c in analysis.columns] == [18, 7, 11, 6]
    assert analysis.compares is True
    assert scan.conclusions
    assert scan.report_state == Scan.ReportState.READY
    with scan.report_pdf.open("rb") as file:
        pages = PdfReader(io.BytesIO(file.read())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Voorbeeld" in text
    assert "Eén overheid zijn" in text
    # The answer naming someone stayed out; the other was released without the name.
    assert OpenAnswer.objects.filter(question__scan=scan, released=False).count() == 1
    assert "Karin" not in text
    assert "De Vries" not in text
    assert "snoeien de buren zelf" in text
    gaps = selectors.organisation_gaps(demo["voorbeeld"])
    assert gaps is not None
    assert len(gaps) == 14


def test_anderstad_has_an_open_scan_whose_link_works(demo):
    scan = Scan.objects.get(organisation=demo["anderstad"])
    assert scan.status == Scan.Status.OPEN
    live = selectors.scan_live(scan)
    assert live.respondents == 7
    # 5 in one group are shown; the 2 citizens are too few, even merged.
    analysis = selectors.scan_analysis(scan)
    assert [c.respondents for c in analysis.columns] == [5]
    assert analysis.hidden == 2
    assert Client().get(scan.get_public_url()).status_code == 200
    assert selectors.organisation_gaps(demo["anderstad"]) is None
