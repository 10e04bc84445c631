"""The respondents' pages: no login, group first, answers per competence, every bad input."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from binnenuit.core import ratelimit
from binnenuit.scan import services
from binnenuit.scan.models import Answer, OpenAnswer, Response, Scan
from binnenuit.scan.views import COOKIE, RESPOND_LIMIT
from tests.scan.conftest import competences, group, make_scan

pytestmark = pytest.mark.django_db


def start_url(scan: Scan) -> str:
    return reverse("scan:respond", kwargs={"token": scan.token})


def answer_url(scan: Scan) -> str:
    return reverse("scan:answer", kwargs={"token": scan.token})


def text(response) -> str:
    return response.content.decode()


def choose(client: Client, scan: Scan, name: str = "Inwoners"):
    return client.post(start_url(scan), {"group": group(scan, name).pk})


def all_answers(scan: Scan, strength: str = "3", importance: str = "5", **extra) -> dict:
    data = {}
    for competence in competences(scan):
        data[f"s_{competence.pk}"] = strength
        data[f"i_{competence.pk}"] = importance
    data.update(extra)
    return data


def test_a_respondent_chooses_a_group_answers_and_is_thanked(scan):
    client = Client()
    page = client.get(start_url(scan))
    assert page.status_code == 200
    assert "Bij welke groep hoor je?" in text(page)
    assert COOKIE in page.cookies  # a random key for this browser, nothing else
    response = choose(client, scan)
    assert response.status_code == 302
    assert response["Location"] == answer_url(scan)
    page = client.get(answer_url(scan))
    assert "Je antwoordt als: Inwoners." in text(page)
    assert "weet ik niet" in text(page)
    first, second = competences(scan)[:2]
    question = scan.questions.first()
    data = {f"s_{first.pk}": "2", f"i_{first.pk}": "x", f"q_{question.pk}": "Korte lijnen."}
    sent = client.post(answer_url(scan), data)
    assert sent.status_code == 302
    assert sent["Location"] == reverse("scan:thanks", kwargs={"token": scan.token})
    assert "Bedankt voor je antwoorden" in text(client.get(sent["Location"]))
    answer = Answer.objects.get()
    assert (answer.competence, answer.strength, answer.importance) == (first, 2, None)
    assert OpenAnswer.objects.get().text == "Korte lijnen."
    assert OpenAnswer.objects.get().released is False
    # No identity is kept with the answers: only the group and a random key.
    response = Response.objects.get()
    assert response.group.name == "Inwoners"
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "organisation",
        "created_at",
        "updated_at",
        "scan",
        "group",
        "browser_token",
    }
    assert response.browser_token == client.cookies[COOKIE].value


def test_sending_again_changes_the_answers_in_place(scan):
    client = Client()
    client.get(start_url(scan))
    choose(client, scan)
    client.post(answer_url(scan), all_answers(scan, "1", "5"))
    page = client.get(answer_url(scan))
    first = competences(scan)[0]
    assert f'id="id_s_{first.pk}_0" checked' in text(page)  # what they sent is shown again
    client.post(answer_url(scan), all_answers(scan, "4", "4"))
    choose(client, scan, "Partners")  # another group: the same set of answers, moved
    assert Response.objects.count() == 1
    assert Response.objects.get().group.name == "Partners"
    assert set(Answer.objects.values_list("strength", flat=True)) == {4}
    assert Answer.objects.count() == len(competences(scan))


def test_the_pages_work_without_javascript_and_the_form_posts_plainly(scan):
    client = Client()
    page = text(client.get(start_url(scan)))
    assert 'method="post"' in page
    assert "hx-" not in page.split("<main", 1)[1]
    assert 'name="viewport"' in page


def test_an_answer_out_of_range_is_refused_and_nothing_is_lost(scan):
    client = Client()
    client.get(start_url(scan))
    choose(client, scan)
    client.post(answer_url(scan), all_answers(scan, "3", "3"))
    first = competences(scan)[0]
    question = scan.questions.first()
    for wrong in ("0", "6", "7", "drie", "-1"):
        data = all_answers(scan, "5", "5", **{f"s_{first.pk}": wrong, f"q_{question.pk}": "Nieuw"})
        page = client.post(answer_url(scan), data)
        assert page.status_code == 200
        assert "Niet verstuurd" in text(page)
        assert escape('Kies 1 tot en met 5, of "weet ik niet".') in text(page)
    # What was sent before is unchanged.
    assert set(Answer.objects.values_list("strength", flat=True)) == {3}
    assert not OpenAnswer.objects.exists()


def test_the_service_refuses_out_of_range_and_foreign_competences(world, scan):
    token = services.new_browser_token()
    services.response_choose_group(
        scan=scan, browser_token=token, group_id=group(scan, "Inwoners").pk
    )
    first = competences(scan)[0]
    from binnenuit.core.exceptions import ServiceError

    for scores in ({first.pk: (6, 3)}, {first.pk: (3, 0)}, {999999: (3, 3)}):
        with pytest.raises(ServiceError):
            services.response_submit(scan=scan, browser_token=token, scores=scores, open_answers={})
    other = make_scan(world, title="Andere")
    with pytest.raises(ServiceError):
        services.response_submit(
            scan=scan,
            browser_token=token,
            scores={},
            open_answers={other.questions.first().pk: "x"},
        )
    with pytest.raises(ServiceError):  # a group of another scan
        services.response_choose_group(
            scan=scan, browser_token=token, group_id=group(other, "Inwoners").pk
        )
    assert not Answer.objects.exists()


def test_a_closed_scan_says_so_in_dutch_and_takes_nothing(world, scan):
    client = Client()
    client.get(start_url(scan))
    choose(client, scan)
    services.scan_close(by=world.actor("adviser"), scan=scan)
    for page in (client.get(start_url(scan)), client.post(answer_url(scan), all_answers(scan))):
        assert page.status_code == 410
        assert "Deze scan is gesloten" in text(page)
    assert not Answer.objects.exists()


def test_a_scan_in_draft_is_not_open_yet(world):
    draft = make_scan(world, open_=False)
    page = Client().get(start_url(draft))
    assert page.status_code == 403
    assert "Deze scan is nog niet begonnen" in text(page)


@pytest.mark.parametrize(
    "token", ["x", "a" * 64, "a" * 65, "..", "%00", "<script>alert(1)<script>", "' OR 1=1 --"]
)
def test_a_tampered_link_gets_a_friendly_page(scan, token):
    for suffix in ("", "vragen/", "bedankt/"):
        page = Client().get(f"/scan/{quote(token, safe='')}/{suffix}")
        assert page.status_code == 404
        assert "Deze link werkt niet" in text(page)
        assert "<script>alert(1)" not in text(page)


def test_a_link_with_a_slash_in_its_key_is_not_found_either(scan):
    page = Client().get(f"/scan/{scan.token}/../../etc/passwd")
    assert page.status_code == 404


def test_a_scan_of_an_archived_organisation_is_gone(world, scan):
    from binnenuit.organisations.services import organisation_archive

    organisation_archive(by=world.actor("adviser"), organisation=world.org)
    assert Client().get(start_url(scan)).status_code == 404


def test_without_a_group_the_answers_page_goes_back_to_the_start(scan):
    page = Client().get(answer_url(scan))
    assert page.status_code == 302
    assert page["Location"] == start_url(scan)
    client = Client()
    client.cookies[COOKIE] = "made-up"
    assert client.post(answer_url(scan), all_answers(scan)).status_code == 302
    assert not Answer.objects.exists()


def test_a_bot_filling_the_hidden_field_keeps_nothing(scan):
    client = Client()
    page = client.post(start_url(scan), {"group": group(scan, "Inwoners").pk, "website": "x"})
    assert page.status_code == 302
    assert not Response.objects.exists()


def test_the_public_pages_are_rate_limited_per_address(scan):
    client = Client()
    for _ in range(RESPOND_LIMIT):
        ratelimit.hit("public-form:scan:127.0.0.1")
    page = choose(client, scan)
    assert page.status_code == 429
    assert not Response.objects.exists()
    other = Client(REMOTE_ADDR="192.0.2.8")
    other.get(start_url(scan))
    assert choose(other, scan).status_code == 302


def test_a_script_in_an_open_answer_is_only_text(world, scan):
    client = Client()
    client.get(start_url(scan))
    choose(client, scan)
    question = scan.questions.first()
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(answer_url(scan), {f"q_{question.pk}": payload})
    page = text(client.get(answer_url(scan)))
    assert payload not in page
    assert escape(payload) in page
