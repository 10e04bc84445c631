"""The product's settings, with the benchmark's URLconf (which adds the hello view)."""

from __future__ import annotations

from binnenuit.config.settings import *  # noqa: F403 (the product's settings, unchanged)

ROOT_URLCONF = "bench.urls"
