"""The demo's outbox page: the mail the demo "sent", for advisers, never in production."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binnenuit.mail.services import Attachment, mail_queue
from binnenuit.mail.tasks import deliver

pytestmark = pytest.mark.django_db

URL = "/demo/postvak/"
FORBIDDEN = "Je hebt geen toegang tot deze pagina"
NOT_FOUND = "Deze pagina bestaat niet, of is niet voor jou bestemd."


@pytest.fixture
def outbox(settings, tmp_path):
    """Mail goes to a file outbox in a scratch folder, as in the demo."""
    settings.OUTBOX_DIR = tmp_path / "outbox"
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(settings.OUTBOX_DIR)},
        }
    }
    return settings.OUTBOX_DIR


def sent(to: str, name: str, url: str, **kwargs) -> None:
    mail = mail_queue(to=to, template="test_message", context={"name": name, "url": url}, **kwargs)
    assert deliver(mail.pk, now=timezone.now() + datetime.timedelta(seconds=1)) == "sent"


def text(response) -> str:
    return response.content.decode()


def test_the_url_is_the_dutch_one():
    assert reverse("demo:outbox") == URL


def test_an_adviser_reads_the_sent_mail_newest_first_with_links_to_follow(world, client_as, outbox):
    sent("ann@test.example", "Ann", "http://testserver/inloggen/?next=/a&b=1")
    sent(
        "bob@test.example",
        "Bob",
        "http://testserver/uitnodiging/abc/",
        language="en",
        attachments=[Attachment("uitnodiging.ics", "text/calendar; method=REQUEST", "BEGIN:X")],
    )
    response = client_as(world.users["adviser"]).get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "Verstuurde e-mail (demo)" in page
    assert page.index("bob@test.example") < page.index("ann@test.example")  # newest first
    assert "Test message from Binnenuit" in page and "Testbericht van Binnenuit" in page
    assert '<a href="http://testserver/inloggen/?next=%2Fa&amp;b=1"' in page
    assert '<a href="http://testserver/uitnodiging/abc/"' in page
    assert "uitnodiging.ics" in page
    assert "<script" not in page.split("</head>")[1]


def test_the_page_escapes_what_a_mail_says(world, client_as, outbox):
    sent("ann@test.example", "<script>alert(1)</script>", "http://testserver/")
    page = text(client_as(world.users["adviser"]).get(URL))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_outbox_says_what_lands_there(world, client_as, outbox):
    response = client_as(world.users["adviser"]).get(URL)
    assert response.status_code == 200
    assert "Nog geen berichten. Als je iemand uitnodigt" in text(response)


@pytest.mark.parametrize(
    "role", ["project_leader", "manager", "trainer", "participant", "outsider"]
)
def test_only_advisers_may_read_it(world, client_as, outbox, role):
    sent("ann@test.example", "Ann", "http://testserver/geheim/")
    response = client_as(world.users[role]).get(URL)
    assert response.status_code == 403
    assert FORBIDDEN in text(response)
    assert "geheim" not in text(response)


def test_there_is_no_outbox_page_where_the_demo_is_not_allowed(world, client_as, client, settings):
    settings.DEMO_ALLOWED = False
    for response in (client_as(world.users["adviser"]).get(URL), client.get(URL)):
        assert response.status_code == 404
        assert NOT_FOUND in text(response)


def test_anonymous_visitors_are_sent_to_the_login(client, outbox):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
