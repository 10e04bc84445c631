"""Forgotten passwords: by e-mail, with Django's own views, saying nothing about who exists."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse

from binnenuit.mail.models import Mail
from binnenuit.mail.tasks import deliver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAME_PAGE = "Als dit e-mailadres een login heeft in Binnenuit"


def ask(client: Client, email: str):
    return client.post(reverse("accounts:password-reset"), {"email": email}, follow=True)


def send_outbox() -> None:
    for pk in Mail.objects.filter(status=Mail.Status.QUEUED).values_list("pk", flat=True):
        deliver(pk)


def test_the_page_says_the_same_whether_or_not_the_address_is_known(client):
    UserFactory(email="ans@test.example")
    known = ask(client, "ans@test.example").content.decode()
    unknown = ask(client, "niemand@test.example").content.decode()
    assert SAME_PAGE in known and SAME_PAGE in unknown
    send_outbox()
    assert [m.to for m in django_mail.outbox] == [["ans@test.example"]]


def test_a_new_password_is_chosen_with_the_link_from_the_mail(client):
    user = UserFactory(email="ans@test.example")
    ask(client, "ans@test.example")
    send_outbox()
    message = django_mail.outbox[-1]
    assert message.subject == "Een nieuw wachtwoord voor Binnenuit"
    link = urlsplit(re.search(r"https?://\S+/wachtwoord-vergeten/\S+/", message.body)[0]).path
    form = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form.content.decode()
    new = "een-ander-lang-wachtwoord"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Je nieuwe wachtwoord is opgeslagen" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
    again = Client().get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again  # used once


def test_a_short_new_password_is_refused_in_dutch(client):
    UserFactory(email="ans@test.example")
    ask(client, "ans@test.example")
    send_outbox()
    link = urlsplit(
        re.search(r"https?://\S+/wachtwoord-vergeten/\S+/", django_mail.outbox[-1].body)[0]
    ).path
    form = client.get(link, follow=True)
    refused = client.post(
        form.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"}
    )
    assert refused.status_code == 200
    assert "Dit wachtwoord is te kort. Het moet minimaal 12 tekens bevatten." in (
        refused.content.decode()
    )


def test_asking_for_new_passwords_is_rate_limited(client):
    statuses = [
        client.post(reverse("accounts:password-reset"), {"email": f"x{n}@test.example"}).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [302] * 10 and statuses[10] == 429
