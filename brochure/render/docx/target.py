"""The DOCX target: the editable Word brochure (python-docx is imported inside :meth:`write` only)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from brochure.render.target import Job, Placement, Target

log = logging.getLogger("brochure")


@dataclass(frozen=True)
class DocxTarget(Target):
    """The brochure as a DOCX, charts as 300 dpi PNG (Word takes no SVG)."""

    def write(self, job: Job, frame: Placement | None = None) -> bytes:
        from brochure.render.docx import writer  # python-docx: kept out of a no-op build

        log.info("%s: Step 4 - Writing DOCX", job.brochure.sheet.slug)
        return writer.write_docx(self.presented(job), self.charts(job).png)
