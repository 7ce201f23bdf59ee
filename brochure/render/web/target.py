"""The web target: one career page of the school's site (the index and assets follow the pages)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from brochure.render.target import Job, Placement, Target

log = logging.getLogger("brochure")


@dataclass(frozen=True)
class WebTarget(Target):
    """``web/<slug>.html``: the sheet's page, its charts inline, linking to the downloads it lists."""

    downloads: tuple[tuple[str, str], ...] = ()  # (target, extension) of each download, in the page's order

    def write(self, job: Job, frame: Placement | None = None) -> bytes:
        from brochure.render.web import site  # Jinja2 templates: loaded by a writer only

        brochure = self.presented(job)
        log.info("%s: Step 2 - Rendering HTML (%s)", brochure.sheet.slug, self.name)
        return site.page_html(brochure, self.charts(job).svg, self.downloads)
