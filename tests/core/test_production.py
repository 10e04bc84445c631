"""The production path: `./dev serve` works as written, the 500 page needs no database,
and no page with personal data stays in a browser's cache."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

ROOT = Path(settings.BASE_DIR)


def test_the_500_page_is_dutch_branded_and_needs_no_database():
    """No django_db mark: any database access here fails the test."""
    response = server_error(RequestFactory().get("/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert '<h1 class="utrecht-heading-1">Er ging iets mis</h1>' in content
    assert "binnenuit.css" in content


@pytest.mark.django_db
def test_pages_with_personal_data_are_not_kept_by_the_browser(world, client_as):
    response = client_as(world.users["project_leader"]).get(
        reverse("organisations:person-list", kwargs={"org_slug": world.org.slug})
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dev_serve_answers_the_login_page_in_the_production_profile(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "BINNENUIT_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "k7Pw" * 10,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        BINNENUIT_DATA_DIR=str(tmp_path),
        PORT=str(port),
        WEB_CONCURRENCY="1",
    )
    server = subprocess.Popen(  # noqa: S603 (our own ./dev)
        [str(ROOT / "dev"), "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            # As the TLS proxy in front of it says: this came in over https.
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/inloggen/", headers={"X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
                    status = answer.status
                    page = answer.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        output = "" if server.poll() is None else server.stdout.read().decode()
        assert status == 200, output
        assert "Inloggen bij Binnenuit" in page
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
        server.wait(timeout=15)
