"""Run ``manage.py`` in a separate process with its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py *args`` with the developer's DJANGO_/BINNENUIT_/DATABASE_URL left out."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "BINNENUIT_", "DATABASE_URL"))
    }
    environment.update(env, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )


def run_manage_in_production(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``manage.py *args`` with the production profile and a throwaway data folder."""
    return run_manage(
        *args,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x9Q2" * 10,
        BINNENUIT_DATA_DIR=str(data_dir),
    )
