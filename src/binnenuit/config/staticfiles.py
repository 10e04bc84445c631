from __future__ import annotations

from django.contrib.staticfiles.apps import StaticFilesConfig


class BinnenuitStaticFilesConfig(StaticFilesConfig):
    """`collectstatic` that leaves out vendor files no page uses.

    @utrecht/design-tokens ships background-image-icon.css pointing at SVG files it does not
    ship; the manifest storage cannot rewrite those references, so collecting it would fail.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "background-image-icon.css"]
