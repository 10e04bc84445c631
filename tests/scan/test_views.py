"""The adviser's scan pages, the live screen and the report: access, htmx fragments, the PDF
made by the worker, releasing open answers, and one anonymity rule everywhere."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from binnenuit.scan import selectors, services, tasks
from binnenuit.scan.models import GroupKind, OpenAnswer, Scan
from binnenuit.scan.services import GroupSpec
from tests.scan.conftest import competences, make_scan, respond

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'


def url(name: str, scan: Scan, **kwargs) -> str:
    return reverse(
        f"scan:{name}", kwargs={"org_slug": scan.organisation.slug, "pk": scan.pk, **kwargs}
    )


def text(response) -> str:
    return response.content.decode()


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def answered(world):
    """An open scan: 6 employees, 5 citizens, 2 partners (too few: left out)."""
    scan = make_scan(world)
    first, second = competences(scan)[:2]
    question = scan.questions.first()
    for n in range(6):
        respond(
            scan,
            "Medewerkers Wijken",
            {first.pk: (2, 5), second.pk: (3, 3)},
            {question.pk: f"Medewerker {n}: korte lijnen."},
        )
    for _ in range(5):
        respond(scan, "Inwoners", {first.pk: (1, 5), second.pk: (4, 3)})
    for _ in range(2):
        respond(scan, "Partners", {first.pk: (5, 1), second.pk: (5, 1)}, {question.pk: SCRIPT})
    return scan


def test_an_adviser_creates_opens_and_closes_a_scan(world, client_as):
    client = client_as(world.users["adviser"])
    form = client.get(reverse("scan:scan-create", kwargs={"org_slug": world.org.slug}))
    assert form.status_code == 200
    token = form.context["form"]["submission_token"].value()
    data = {
        "title": "Scan in de raadzaal",
        "session_date": "2027-03-15",
        "employee_groups": "Medewerkers Wijken\nMedewerkers Sport",
        "management": "on",
        "citizens": "on",
        "questions": "Waar zijn we sterk in?\nWat willen we leren?",
        "submission_token": str(token),
    }
    created = client.post(reverse("scan:scan-create", kwargs={"org_slug": world.org.slug}), data)
    assert created.status_code == 302
    again = client.post(reverse("scan:scan-create", kwargs={"org_slug": world.org.slug}), data)
    assert again.status_code == 302  # a double click makes one scan
    scan = Scan.objects.get()
    assert [(g.name, g.kind) for g in scan.groups.order_by("position")] == [
        ("Medewerkers Wijken", GroupKind.EMPLOYEES),
        ("Medewerkers Sport", GroupKind.EMPLOYEES),
        ("Management", GroupKind.MANAGEMENT),
        ("Inwoners", GroupKind.CITIZENS),
    ]
    assert scan.questions.count() == 2
    assert scan.status == Scan.Status.DRAFT
    detail = text(client.get(scan.get_absolute_url()))
    assert "<svg" in detail  # the QR code, drawn on the server
    assert scan.get_public_url() in detail
    page = client.get(url("scan-status", scan))
    confirm = page.context["form"]["submission_token"].value()
    client.post(url("scan-status", scan), {"submission_token": str(confirm)})
    scan.refresh_from_db()
    assert scan.status == Scan.Status.OPEN
    page = client.get(url("scan-status", scan))
    confirm = page.context["form"]["submission_token"].value()
    client.post(url("scan-status", scan), {"submission_token": str(confirm)})
    scan.refresh_from_db()
    assert scan.status == Scan.Status.CLOSED
    assert client.get(url("scan-status", scan)).status_code == 404


def test_an_empty_questionnaire_is_refused_with_a_message(world, client_as):
    client = client_as(world.users["adviser"])
    page = client.get(reverse("scan:scan-create", kwargs={"org_slug": world.org.slug}))
    token = page.context["form"]["submission_token"].value()
    data = {"title": "Leeg", "employee_groups": "", "questions": "", "submission_token": str(token)}
    page = client.post(reverse("scan:scan-create", kwargs={"org_slug": world.org.slug}), data)
    assert page.status_code == 200
    assert "Geef minstens één respondentgroep." in text(page)
    assert not Scan.objects.exists()


def test_the_questionnaire_cannot_change_once_open(world, client_as, answered):
    client = client_as(world.users["adviser"])
    page = client.get(url("scan-update", answered))
    assert "employee_groups" not in page.context["form"].fields
    with pytest.raises(Exception, match="kunnen niet meer veranderen"):
        services.scan_update(
            by=world.actor("adviser"),
            scan=answered,
            title="x",
            session_date=None,
            location=None,
            groups=[GroupSpec("Nieuw", GroupKind.EMPLOYEES)],
            questions=[],
        )


@pytest.mark.parametrize("role", ["project_leader", "manager"])
def test_staff_read_the_report_but_do_not_manage(world, client_as, answered, role):
    client = client_as(world.users[role])
    assert client.get(url("report", answered)).status_code == 200
    assert client.get(url("scan-detail", answered)).status_code == 200
    assert client.get(url("scan-live", answered)).status_code == 200
    assert client.get(url("scan-update", answered)).status_code == 403
    assert client.get(url("open-answers", answered)).status_code == 403
    assert client.post(url("report-make", answered)).status_code == 403


@pytest.mark.parametrize("role", ["trainer", "participant"])
def test_trainers_and_participants_see_no_scan(world, client_as, answered, role):
    client = client_as(world.users[role])
    for name in ("report", "scan-detail", "scan-live", "report-csv"):
        assert client.get(url(name, answered)).status_code == 403


def test_another_organisations_scan_is_not_found(world, client_as, answered):
    client = client_as(world.users["outsider"])
    foreign = reverse("scan:report", kwargs={"org_slug": world.other_org.slug, "pk": answered.pk})
    assert client.get(foreign).status_code == 404
    mine = client_as(world.users["adviser"])
    assert (
        mine.get(
            reverse("scan:report", kwargs={"org_slug": world.org.slug, "pk": 99999})
        ).status_code
        == 404
    )


def test_anonymous_users_go_to_the_login(client, answered):
    page = client.get(url("report", answered))
    assert page.status_code == 302
    assert reverse("accounts:login") in page["Location"]


def test_the_live_screen_polls_for_a_fragment(world, client_as, answered):
    client = client_as(world.users["adviser"])
    page = text(client.get(url("scan-live", answered)))
    assert 'hx-trigger="every 5s"' in page
    fragment = client.get(url("scan-live", answered), headers={"HX-Request": "true"})
    body = text(fragment)
    assert "<html" not in body
    assert 'id="live"' in body
    assert "13 respondenten tot nu toe" in body
    first = competences(answered)[0]
    assert first.name in body  # the biggest gap so far
    respond(answered, "Inwoners", {first.pk: (1, 5)})
    body = text(client.get(url("scan-live", answered), headers={"HX-Request": "true"}))
    assert "14 respondenten tot nu toe" in body


def test_the_report_shows_only_groups_of_five_or_more_everywhere(world, client_as, answered):
    services.scan_close(by=world.actor("adviser"), scan=answered)
    client = client_as(world.users["manager"])
    page = text(client.get(url("report", answered)))
    csv = client.get(url("report-csv", answered)).content.decode()
    assert "Medewerkers Wijken" in page and "Inwoners" in page
    assert "Partners" not in page.split('id="summary-heading"', 1)[1]
    assert "Medewerkers Wijken" in csv and "Partners" not in csv
    assert "De antwoorden van 2 respondenten zijn daarom weggelaten." in page
    # Totals leave the partners out too: strength 2 (×6) and 1 (×5).
    first = competences(answered)[0]
    assert f"{first.name};Alle groepen;11;1,55;5,00;3,45" in csv
    services.report_request(by=world.actor("adviser"), scan=answered)
    tasks.report_make(scan_id=answered.pk)
    answered.refresh_from_db()
    pdf = pdf_text(answered.report_pdf.read())
    assert "Medewerkers Wijken" in pdf and "Partners" not in pdf


def test_a_report_below_the_threshold_shows_no_figures(world, client_as):
    scan = make_scan(world)
    first = competences(scan)[0]
    for _ in range(4):
        respond(scan, "Inwoners", {first.pk: (1, 5)})
    client = client_as(world.users["adviser"])
    page = text(client.get(url("report", scan)))
    assert 'id="too-few"' in page
    assert "gap-table" not in page
    lines = client.get(url("report-csv", scan)).content.decode().strip().splitlines()
    assert len(lines) == 1  # the header only


def test_open_answers_are_the_advisers_until_released(world, client_as, answered):
    services.scan_close(by=world.actor("adviser"), scan=answered)
    adviser = client_as(world.users["adviser"])
    manager = client_as(world.users["manager"])
    review = text(adviser.get(url("open-answers", answered)))
    assert "Medewerker 0: korte lijnen." in review
    assert escape(SCRIPT) in review and SCRIPT not in review
    report = text(manager.get(url("report", answered)))
    assert "Medewerker 0" not in report
    released = OpenAnswer.objects.get(text="Medewerker 0: korte lijnen.")
    redacted = OpenAnswer.objects.get(text="Medewerker 1: korte lijnen.")
    payload = OpenAnswer.objects.filter(text=SCRIPT).first()
    for answer, data in (
        (released, {"released": "on"}),
        (redacted, {"released": "on", "redacted_text": "Een medewerker: korte lijnen."}),
        (payload, {"released": "on"}),
    ):
        prefixed = {f"a{answer.pk}-{k}": v for k, v in data.items()}
        done = adviser.post(url("open-answers", answered), {"answer": answer.pk, **prefixed})
        assert done.status_code == 302
    report = text(manager.get(url("report", answered)))
    assert "Medewerker 0: korte lijnen." in report
    assert "Medewerker 1" not in report
    assert "Een medewerker: korte lijnen." in report
    assert "Medewerker 2" not in report  # not released
    assert escape(SCRIPT) in report and SCRIPT not in report
    # The manager cannot release.
    page = manager.post(url("open-answers", answered), {"answer": released.pk})
    assert page.status_code == 403


def test_an_answer_of_another_scan_cannot_be_released_here(world, client_as, answered):
    other = make_scan(world, title="Andere")
    respond(other, "Inwoners", {}, {other.questions.first().pk: "Elders."})
    answer = OpenAnswer.objects.get(text="Elders.")
    adviser = client_as(world.users["adviser"])
    page = adviser.post(
        url("open-answers", answered), {"answer": answer.pk, f"a{answer.pk}-released": "on"}
    )
    assert page.status_code == 404
    answer.refresh_from_db()
    assert answer.released is False


def test_the_pdf_is_made_by_the_worker_and_then_downloaded(
    world, client_as, answered, django_capture_on_commit_callbacks
):
    adviser = client_as(world.users["adviser"])
    assert adviser.get(url("report-pdf", answered)).status_code == 404  # not made yet
    page = adviser.get(url("report", answered))
    assert "Maak de pdf" not in text(page)  # only for a closed scan
    services.scan_close(by=world.actor("adviser"), scan=answered)
    services.open_answer_review(
        by=world.actor("adviser"),
        answer=OpenAnswer.objects.filter(text=SCRIPT).first(),
        released=True,
    )
    services.scan_update(
        by=world.actor("adviser"),
        scan=answered,
        title=answered.title,
        session_date=None,
        location=None,
        conclusions=f"Werk aan helderheid. {SCRIPT}",
    )
    page = adviser.get(url("report", answered))
    token = page.context["form"]["submission_token"].value()
    with django_capture_on_commit_callbacks() as callbacks:
        made = adviser.post(url("report-make", answered), {"submission_token": str(token)})
    assert made.status_code == 302
    assert len(callbacks) == 1  # the worker's task, enqueued once the request commits
    answered.refresh_from_db()
    assert answered.report_state == Scan.ReportState.PENDING
    pending = adviser.get(url("report", answered), headers={"HX-Request": "true"})
    assert "<html" not in text(pending)
    assert 'hx-trigger="every 3s"' in text(pending)
    assert tasks.scan_report_make.call(answered.pk) == "ready"  # what the worker runs
    assert tasks.scan_report_make.call(answered.pk) == "skipped"  # made already
    ready = text(adviser.get(url("report", answered), headers={"HX-Request": "true"}))
    assert "Download de pdf" in ready and "every 3s" not in ready
    download = adviser.get(url("report-pdf", answered))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    content = b"".join(download.streaming_content)
    text_ = pdf_text(content)
    assert "Inventarisatie van de eigen kracht en leerdoelen: Gemeente Testdorp" in text_
    assert "Hiaat per competentie" in text_ or "Hiaten" in text_
    first = competences(answered)[0]
    assert first.name in text_
    assert "Werk aan helderheid." in text_
    assert SCRIPT in text_  # printed as text, never run
    assert "Medewerker 0" not in text_  # not released
    reader = PdfReader(io.BytesIO(content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged


def test_a_failing_render_is_shown_as_failed(world, answered, monkeypatch):
    services.scan_close(by=world.actor("adviser"), scan=answered)
    services.report_request(by=world.actor("adviser"), scan=answered)

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("binnenuit.scan.documents.render_pdf", broken)
    assert tasks.report_make(scan_id=answered.pk) == "failed"
    answered.refresh_from_db()
    assert answered.report_state == Scan.ReportState.FAILED


def test_the_report_pages_take_a_constant_number_of_queries(
    world, client_as, answered, django_assert_max_num_queries
):
    client = client_as(world.users["adviser"])
    with django_assert_max_num_queries(30):
        assert client.get(url("report", answered)).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(url("scan-live", answered)).status_code == 200


def test_the_gaps_stand_beside_the_trainers_strengths(world, client_as, answered):
    strengths = reverse("profiles:strengths", kwargs={"org_slug": world.org.slug})
    client = client_as(world.users["adviser"])
    assert "Hiaat in de scan" not in text(client.get(strengths))  # no closed scan yet
    services.scan_close(by=world.actor("adviser"), scan=answered)
    from binnenuit.profiles import services as profile_services

    profile_services.profile_save(
        by=world.actor("trainer"),
        person=world.people["trainer"],
        story="Ik luister.",
        difference="Ik vraag door.",
    )
    page = text(client.get(strengths))
    assert "Hiaat in de scan" in page
    gaps = selectors.organisation_gaps(world.org)
    first = competences(answered)[0]
    assert f"{gaps[first.pk]:.1f}".replace(".", ",") in page
