"""The attendance screens: the list at the door (htmx and plain forms), the reports and their
exports, the completion rule, the overview's block, one's own attendance, the certificate."""

from __future__ import annotations

import csv
import io

import openpyxl
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from binnenuit.trajectories.models import Enrolment, Meeting
from tests.attendance.factories import date_modules, enrol, held_round, mark, modules_of, row

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def url(world, name: str, **kwargs) -> str:
    return reverse(f"attendance:{name}", kwargs={"org_slug": world.org.slug, **kwargs})


@pytest.fixture
def held(world):
    """Round 1 held; Anna is also in it. The trainer completed it; Anna was absent twice."""
    anna = world.person(full_name="Anna Aalders", department="Publiekszaken")
    enrol(world, world.round_1, [anna])
    meetings = held_round(world, world.round_1)
    trainer = world.people["trainer"]
    for meeting in meetings[:3]:
        mark(world, meeting, trainer, "present")
    mark(world, meetings[3], trainer, "absent", "sick")
    mark(world, meetings[0], anna, "absent", "sick")
    mark(world, meetings[1], anna, "absent", "leave")
    return meetings


def today_meeting(world) -> Meeting:
    """Round 1's first module, today, with the trainer on its list."""
    meetings = held_round(world, world.round_1, held=1)
    Meeting.objects.filter(pk=meetings[0].pk).update(date=timezone.localdate())
    return Meeting.objects.get(pk=meetings[0].pk)


# --- The list at the door ---------------------------------------------------------------------


def test_the_list_shows_big_buttons_to_who_marks(world, client_as):
    meeting = today_meeting(world)
    page = client_as(world.users["project_leader"]).get(url(world, "meeting", pk=meeting.pk))
    assert page.status_code == 200
    html = page.content.decode()
    trainer = world.people["trainer"]
    name = escape(trainer.full_name)
    assert name in html
    for label in ("Aanwezig", "Te laat", "Afwezig"):
        assert f'{label}<span class="visually-hidden"> {name}</span>' in html
    assert 'data-hx-post="' in html
    assert "1 nog niet bijgehouden" in html


def test_a_manager_reads_the_list_without_buttons_or_reasons(world, client_as, held):
    page = client_as(world.users["manager"]).get(url(world, "meeting", pk=held[0].pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Anna Aalders" in html
    assert 'name="status"' not in html
    assert "afwezig" in html and "ziek" not in html


def test_an_organiser_sees_the_reason(world, client_as, held):
    html = client_as(world.users["adviser"]).get(url(world, "meeting", pk=held[0].pk)).content
    assert "afwezig (ziek)" in html.decode()


def test_htmx_marking_answers_with_the_row_only(world, client_as):
    meeting = today_meeting(world)
    trainer = world.people["trainer"]
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-mark", pk=meeting.pk),
        {"person": trainer.pk, "status": "late"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="attendee-{trainer.pk}"' in html
    assert 'aria-pressed="true"' in html and f'id="mark-{trainer.pk}-late"' in html
    assert 'id="attendance-summary" data-hx-swap-oob="outerHTML"' in html
    assert "1 te laat" in html
    assert f"{escape(trainer.full_name)}: te laat." in html  # announced in the messages region
    assert row(meeting, trainer).status == "late"


def test_without_javascript_marking_returns_to_the_list_at_the_row(world, client_as):
    meeting = today_meeting(world)
    trainer = world.people["trainer"]
    client = client_as(world.users["adviser"])
    response = client.post(
        url(world, "meeting-mark", pk=meeting.pk), {"person": trainer.pk, "status": "absent"}
    )
    assert response.status_code == 302
    assert response["Location"] == url(world, "meeting", pk=meeting.pk) + f"#attendee-{trainer.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f"{escape(trainer.full_name)}: afwezig." in page
    assert "Reden van afwezigheid" in page  # absent asks a reason next
    client.post(
        url(world, "meeting-mark", pk=meeting.pk),
        {"person": trainer.pk, "status": "absent", "reason": "leave"},
    )
    stored = row(meeting, trainer)
    assert (stored.status, stored.absence_reason) == ("absent", "leave")


def test_someone_not_on_the_list_is_refused_in_dutch(world, client_as):
    meeting = today_meeting(world)
    stranger = world.person(full_name="Karel Kwast")
    client = client_as(world.users["project_leader"])
    response = client.post(
        url(world, "meeting-mark", pk=meeting.pk), {"person": stranger.pk, "status": "present"}
    )
    assert response.status_code == 200
    assert (
        "Niet opgeslagen: Karel Kwast staat niet op de lijst van deze bijeenkomst."
        in response.content.decode()
    )


def test_another_organisations_employee_is_not_on_the_list_either(world, client_as):
    meeting = today_meeting(world)
    foreign = world.other_org.person_set.create(full_name="Iemand Elders")
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-mark", pk=meeting.pk), {"person": foreign.pk, "status": "present"}
    )
    assert response.status_code == 200
    assert (
        "Deze medewerker staat niet op de lijst van deze bijeenkomst." in response.content.decode()
    )
    assert "Iemand Elders" not in response.content.decode()


def test_a_refusal_through_htmx_keeps_the_rows_and_says_why(world, client_as):
    meeting = today_meeting(world)
    response = client_as(world.users["project_leader"]).post(
        url(world, "meeting-mark", pk=meeting.pk),
        {"person": world.people["trainer"].pk, "status": "present", "reason": "sick"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert "Alleen bij afwezigheid hoort een reden." in response.content.decode()
    assert row(meeting, world.people["trainer"]).status == "expected"


def test_a_meeting_to_come_shows_from_when_and_refuses_marks(world, client_as):
    meetings = date_modules(world.round_1, held=0)
    from binnenuit.attendance.services import attendance_list_fill

    attendance_list_fill(by=world.actor("adviser"), meeting=meetings[0])
    client = client_as(world.users["adviser"])
    page = client.get(url(world, "meeting", pk=meetings[0].pk)).content.decode()
    assert "Je kunt de aanwezigheid bijhouden vanaf de dag van de bijeenkomst" in page
    assert 'name="status"' not in page
    response = client.post(
        url(world, "meeting-mark", pk=meetings[0].pk),
        {"person": world.people["trainer"].pk, "status": "present"},
    )
    assert response.status_code == 200
    assert "Je kunt de aanwezigheid bijhouden vanaf de dag" in response.content.decode()


@pytest.mark.parametrize("role", ["participant", "trainer", "manager"])
def test_a_participant_cannot_mark(world, client_as, role):
    meeting = today_meeting(world)
    response = client_as(world.users[role]).post(
        url(world, "meeting-mark", pk=meeting.pk),
        {"person": world.people["trainer"].pk, "status": "present"},
    )
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()
    assert row(meeting, world.people["trainer"]).status == "expected"


def test_another_organisations_meeting_is_404(world, client_as):
    foreign = Meeting.objects.filter(trajectory=world.other_trajectory).first()
    client = client_as(world.users["adviser"])
    assert client.get(url(world, "meeting", pk=foreign.pk)).status_code == 404
    response = client.post(
        url(world, "meeting-mark", pk=foreign.pk),
        {"person": world.people["trainer"].pk, "status": "present"},
    )
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_a_facilitator_marks_from_their_own_login(world, client_as):
    meetings = date_modules(world.round_2, held=1, first_days_ago=0)
    from binnenuit.attendance.services import attendance_list_fill

    attendance_list_fill(by=world.actor("adviser"), meeting=meetings[0])
    meetings[0].facilitators.add(world.people["trainer"])
    client = client_as(world.users["trainer"])
    assert client.get(url(world, "meeting", pk=meetings[0].pk)).status_code == 200
    response = client.post(
        url(world, "meeting-mark", pk=meetings[0].pk),
        {"person": world.people["participant"].pk, "status": "present"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert row(meetings[0], world.people["participant"]).recorded_by == world.users["trainer"]


def test_a_held_meeting_with_an_empty_list_is_filled_on_request(world, client_as):
    meetings = date_modules(world.round_1, held=4)
    client = client_as(world.users["project_leader"])
    page = client.get(url(world, "meeting", pk=meetings[0].pk)).content.decode()
    assert "1 persoon die bij deze bijeenkomst hoort, staat niet op de lijst." in page
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    response = client.post(
        url(world, "meeting-fill", pk=meetings[0].pk), {"submission_token": token}
    )
    assert response.status_code == 302
    assert row(meetings[0], world.people["trainer"]).status == "expected"


def test_the_round_page_links_each_meeting_to_its_attendance(world, client_as):
    meeting = modules_of(world.round_1)[0]
    page = client_as(world.users["manager"]).get(
        reverse(
            "trajectories:round-detail", kwargs={"org_slug": world.org.slug, "pk": world.round_1.pk}
        )
    )
    assert url(world, "meeting", pk=meeting.pk) in page.content.decode()
    trainer_page = client_as(world.users["trainer"]).get(
        reverse(
            "trajectories:round-detail", kwargs={"org_slug": world.org.slug, "pk": world.round_1.pk}
        )
    )
    assert url(world, "meeting", pk=meeting.pk) not in trainer_page.content.decode()


# --- Reports ----------------------------------------------------------------------------------


def test_the_round_report_shows_completed_and_at_risk(world, client_as, held):
    page = client_as(world.users["project_leader"]).get(
        url(world, "round-report", pk=world.round_1.pk)
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 van 2 afgerond · 1 met risico" in html
    assert "risico: 2 keer afwezig, kan het minimum niet meer halen" in html
    assert "afwezig (verlof)" in html
    assert "Afgerond wie minstens 3 van de 4 modules heeft gevolgd" in html
    enrolment = Enrolment.objects.get(person=world.people["trainer"])
    assert url(world, "certificate", pk=enrolment.pk) in html


def test_a_manager_reads_reports_without_reasons(world, client_as, held):
    client = client_as(world.users["manager"])
    html = client.get(url(world, "round-report", pk=world.round_1.pk)).content.decode()
    assert "afwezig" in html
    assert "(ziek)" not in html and "(verlof)" not in html
    person = url(
        world, "person-report", pk=world.trajectory.pk, person_pk=world.people["trainer"].pk
    )
    assert "(ziek)" not in client.get(person).content.decode()
    csv_text = client.get(url(world, "round-export", pk=world.round_1.pk, fmt="csv")).content
    assert "ziek" not in csv_text.decode("utf-8-sig")


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_export_opens_in_dutch_excel_and_is_injection_safe(world, client_as, held):
    evil = world.person(full_name='=HYPERLINK("http://x.example")', department="+Wijken")
    enrol(world, world.round_1, [evil])
    response = client_as(world.users["adviser"]).get(
        url(world, "round-export", pk=world.round_1.pk, fmt="csv")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="aanwezigheid-')
    assert b";" in response.content.splitlines()[0]
    rows = read_csv(response.content)
    assert rows[0][:2] == ["Naam", "Afdeling"]
    assert rows[0][-3:] == ["Gevolgd", "Afwezig", "Afronding"]
    by_name = {r[0]: r for r in rows[1:]}
    trainer = by_name[world.people["trainer"].full_name]
    assert trainer[2:6] == ["aanwezig", "aanwezig", "aanwezig", "afwezig (ziek)"]
    assert trainer[-3:] == ["3", "1", "afgerond"]
    assert '\'=HYPERLINK("http://x.example")' in by_name
    assert by_name['\'=HYPERLINK("http://x.example")'][1] == "'+Wijken"


def test_the_xlsx_export_opens_and_has_the_rows(world, client_as, held):
    enrol(world, world.round_1, [world.person(full_name="@SUM(A1)")])
    response = client_as(world.users["adviser"]).get(
        url(world, "round-export", pk=world.round_1.pk, fmt="xlsx")
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][0] == "Naam"
    names = [r[0] for r in values[1:]]
    assert names == ["@SUM(A1)", "Anna Aalders", world.people["trainer"].full_name] or set(
        names
    ) == {"@SUM(A1)", "Anna Aalders", world.people["trainer"].full_name}
    trainer = next(r for r in values if r[0] == world.people["trainer"].full_name)
    assert trainer[-3:] == [3, 1, "afgerond"]
    for r in sheet.iter_rows():
        for cell in r:
            assert cell.data_type != "f"  # nothing is a formula


def test_an_unknown_export_format_is_404(world, client_as, held):
    client = client_as(world.users["adviser"])
    assert client.get(url(world, "round-export", pk=world.round_1.pk, fmt="pdf")).status_code == 404


def test_the_meeting_export_lists_who_recorded(world, client_as, held):
    response = client_as(world.users["adviser"]).get(
        url(world, "meeting-export", pk=held[0].pk, fmt="csv")
    )
    rows = read_csv(response.content)
    assert rows[0] == ["Naam", "Afdeling", "Aanwezigheid", "Bijgehouden door", "Bijgehouden op"]
    anna = next(r for r in rows if r[0] == "Anna Aalders")
    assert anna[1:4] == ["Publiekszaken", "afwezig (ziek)", world.users["adviser"].full_name]


def test_the_person_report_spans_the_trajectory(world, client_as, held):
    client = client_as(world.users["project_leader"])
    anna = world.org.person_set.get(full_name="Anna Aalders")
    page = client.get(url(world, "person-report", pk=world.trajectory.pk, person_pk=anna.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Aanwezigheid van Anna Aalders" in html
    assert "0 van 4 modules gevolgd (minstens 3 nodig)" in html
    response = client.get(
        url(world, "person-export", pk=world.trajectory.pk, person_pk=anna.pk, fmt="xlsx")
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["Bijeenkomst", "Ronde", "Datum", "Aanwezigheid"]
    assert [r[3] for r in rows[1:]] == [
        "afwezig (ziek)",
        "afwezig (verlof)",
        "nog niet bijgehouden",
        "nog niet bijgehouden",
    ]
    assert rows[1][2].date() == held[0].date  # a date cell


def test_the_department_report_counts_without_reasons(world, client_as, held):
    client = client_as(world.users["manager"])
    page = client.get(url(world, "department-report", pk=world.trajectory.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Publiekszaken" in html
    rows = read_csv(
        client.get(url(world, "department-export", pk=world.trajectory.pk, fmt="csv")).content
    )
    assert rows[0] == [
        "Ronde",
        "Afdeling",
        "Mensen",
        "Gevolgde modules",
        "Afwezig",
        "Aanwezigheid (%)",
        "Afgerond",
        "Risico",
    ]
    publiekszaken = next(r for r in rows if r[1] == "Publiekszaken")
    assert publiekszaken == ["Ronde 1", "Publiekszaken", "1", "0", "2", "0", "0", "1"]
    assert "ziek" not in "".join(";".join(r) for r in rows)


# --- The completion rule ----------------------------------------------------------------------


def test_organisers_set_the_completion_rule_per_trajectory(world, client_as, held):
    client = client_as(world.users["project_leader"])
    form = url(world, "completion-rule", pk=world.trajectory.pk)
    page = client.get(form).content.decode()
    assert "Van de 4 modules. Leeg: de standaard van het programma, 3." in page
    refused = client.post(form, {"round_1": "5", "round_2": ""})
    assert refused.status_code == 200
    assert "Kies een getal van 1 tot en met 4, het aantal modules van de ronde." in (
        refused.content.decode()
    )
    done = client.post(form, {"round_1": "4", "round_2": "5"})
    assert done.status_code == 302
    world.round_1.refresh_from_db()
    assert world.round_1.completion_minimum == 4
    report = client.get(url(world, "round-report", pk=world.round_1.pk)).content.decode()
    assert "0 van 2 afgerond · 2 met risico" in report


# --- The overview, one's own, the certificate -------------------------------------------------


def test_the_project_leaders_overview_shows_at_risk_early(world, client_as, held):
    page = client_as(world.users["project_leader"]).get(
        reverse("dashboard:organisation-detail", kwargs={"org_slug": world.org.slug})
    )
    html = page.content.decode()
    assert "Aanwezigheid en afronding" in html
    assert "1 van 2 afgerond · 1 met risico" in html
    assert "Anna Aalders" in html and "2 keer afwezig" in html


def test_the_overview_offers_participants_their_own_attendance(world, client_as):
    html = (
        client_as(world.users["participant"])
        .get(reverse("dashboard:organisation-detail", kwargs={"org_slug": world.org.slug}))
        .content.decode()
    )
    assert url(world, "my-attendance") in html
    assert "Aanwezigheid en afronding" not in html


def test_a_trainer_sees_their_own_record_and_certificate(world, client_as, held):
    html = client_as(world.users["trainer"]).get(url(world, "my-attendance")).content.decode()
    assert "3 van 4 modules gevolgd (minstens 3 nodig)" in html
    assert "afwezig (ziek)" in html  # their own reason, to themselves
    enrolment = Enrolment.objects.get(person=world.people["trainer"])
    assert url(world, "certificate", pk=enrolment.pk) in html


def test_someone_without_an_employee_record_sees_so(world, client_as):
    html = client_as(world.users["adviser"]).get(url(world, "my-attendance")).content.decode()
    assert "Je staat niet als medewerker van deze organisatie geregistreerd" in html


def read_pdf(content: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return reader, text


@pytest.mark.parametrize("role", ["trainer", "project_leader", "adviser"])
def test_the_certificate_is_a_tagged_pdf_with_the_modules_followed(world, client_as, held, role):
    enrolment = Enrolment.objects.get(person=world.people["trainer"])
    response = client_as(world.users[role]).get(url(world, "certificate", pk=enrolment.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = read_pdf(response.content)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert catalog["/Lang"] == "nl"
    assert "Certificaat van deelname" in text
    assert world.people["trainer"].full_name in text
    modules = [m.module for m in held[:3]]
    for module in modules:
        assert f"{module.position}. {module.display_title}" in text
    assert held[3].module.display_title not in text  # the module they missed
    assert "Gevolgd: 3 van de 4 modules" in text


def test_no_certificate_for_who_did_not_complete(world, client_as, held):
    anna = world.org.person_set.get(full_name="Anna Aalders")
    enrolment = Enrolment.objects.get(person=anna)
    response = client_as(world.users["adviser"]).get(url(world, "certificate", pk=enrolment.pk))
    assert response.status_code == 404
    assert "Anna Aalders heeft Ronde 1 niet afgerond" in response.content.decode()


def test_a_participant_cannot_have_someone_elses_certificate(world, client_as, held):
    enrolment = Enrolment.objects.get(person=world.people["trainer"])
    response = client_as(world.users["participant"]).get(url(world, "certificate", pk=enrolment.pk))
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()
