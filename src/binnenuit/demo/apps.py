from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "binnenuit.demo"
    verbose_name = "Demo"

    def ready(self) -> None:
        from binnenuit.demo import rules  # noqa: F401  (registers the demo's access rules)
