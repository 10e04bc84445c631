from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

LOCALE = Path(settings.LOCALE_PATHS[0])


@pytest.fixture
def fresh_catalogues(tmp_path, monkeypatch, settings):
    """The committed catalogues, updated from the current code in a scratch folder."""
    scratch = tmp_path / "locale"
    shutil.copytree(LOCALE, scratch, ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [scratch]
    monkeypatch.chdir(settings.BASE_DIR)
    call_command(
        "makemessages",
        locale=["nl", "en"],
        ignore_patterns=["node_modules/*", "data/*", "tests/*"],
        no_obsolete=True,
        add_location="never",
        verbosity=0,
    )
    return scratch


def test_every_string_is_in_both_catalogues(fresh_catalogues):
    # One test for both languages: makemessages writes scratch files beside the templates,
    # so two runs at once (pytest-xdist) would trip over each other.
    missing = []
    for language in ("nl", "en"):
        po = fresh_catalogues / language / "LC_MESSAGES" / "django.po"
        for selection in ("--untranslated", "--only-fuzzy"):
            entries = subprocess.run(
                ["msgattrib", selection, "--no-wrap", str(po)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            missing += [
                f"{language}: {line}"
                for line in entries.splitlines()
                if line.startswith("msgid ") and line != 'msgid ""'
            ]
    assert not missing, (
        "Strings missing from the catalogues (run ./dev messages and translate):\n"
        + "\n".join(missing)
    )


@pytest.mark.django_db
def test_dutch_is_the_default_and_english_can_be_chosen(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="nl"' in page and "Inloggen bij Binnenuit" in page
    response = client.post(
        reverse("set-language"), {"language": "en", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en"' in page and "Log in to Binnenuit" in page


@pytest.mark.django_db
def test_browser_asking_for_english_still_gets_dutch_until_the_switch(client):
    page = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page["Content-Language"] == "nl"
    assert '<html lang="nl"' in page.content.decode()
