from __future__ import annotations

from tests.commands import run_manage, run_manage_in_production


def test_production_profile_passes_check_deploy_without_warnings(tmp_path):
    result = run_manage_in_production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_collects_static_files_with_a_manifest(tmp_path):
    result = run_manage_in_production(tmp_path, "collectstatic", "--noinput")
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/utrecht/index.css" in manifest
    assert "background-image-icon.css" not in manifest


def test_production_refuses_the_development_secret_key(tmp_path):
    result = run_manage("check", DJANGO_ENV="production", BINNENUIT_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_without_database_url_the_embedded_sqlite_is_used(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection as c; c.ensure_connection(); "
        "mode = c.cursor().execute('PRAGMA journal_mode').fetchone()[0]; "
        "print(c.vendor, c.settings_dict['NAME'], mode, c.transaction_mode)",
        BINNENUIT_DATA_DIR=str(tmp_path),
    )
    assert result.stdout.strip().splitlines()[-1] == (
        f"sqlite {tmp_path / 'binnenuit.sqlite3'} wal IMMEDIATE"
    ), result.stderr


def test_database_url_selects_postgresql(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        DATABASE_URL="postgres://u@127.0.0.1:5432/binnenuit",
        BINNENUIT_DATA_DIR=str(tmp_path),
    )
    assert result.stdout.strip().splitlines()[-1] == "postgresql", result.stderr
