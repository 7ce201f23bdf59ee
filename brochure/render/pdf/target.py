"""The PDF targets: the screen PDF, the print shop's, the A5 booklet, the archive, the summary leaflet.

WeasyPrint is imported inside :meth:`write` only (through :mod:`brochure.render.pdf.writer`): the build's
main process reads these declarations, and a no-op build never loads the renderer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from brochure.model.sheet import Sheet
from brochure.present.presentation import Brochure
from brochure.render.target import Job, Placement, Target

log = logging.getLogger("brochure")
SUMMARY_PAGES = 2
SUMMARY_CUTS = 5  # shortening levels of the leaflet, applied in order (see layouts/summary.html.j2)
# Below level 0, the recto's richer levels: -n shows 2 + n bullets a theme. A sheet of few themes starts there
# (at most SUMMARY_BULLETS bullets in all, 6 a theme), so the leaflet is not two-thirds empty with 3 themes.
SUMMARY_BULLETS, SUMMARY_RICHEST = 20, -4


@dataclass(frozen=True)
class PdfTarget(Target):
    """A brochure's pages typeset by WeasyPrint, as one PDF variant, finished by an optional step."""

    variant: str | None = None  # WeasyPrint's pdf_variant: pdf/ua-1, pdf/x-4, pdf/a-3a
    tagged: bool = True  # a tagged (accessible) PDF; the imposed booklet cannot keep its tags
    claim_ua: bool = False  # PDF/UA-1 declared beside another variant's claim (the archive's PDF/A-3a)
    attach_source: bool = False  # the sheet's YAML attached (the archive: anyone can re-import it)
    finish: str | None = None  # the step after WeasyPrint: "bleed" (print shop) or "impose" (booklet)

    def write(self, job: Job, frame: Placement | None = None) -> bytes:
        from brochure.render import html as render_html  # Jinja2 templates: loaded by a writer only
        from brochure.render.pdf import editions  # pikepdf and pypdf: kept out of a no-op build
        from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

        brochure, charts = self.presented(job), self.charts(job).parts  # at the width the edition prints them
        slug = brochure.sheet.slug
        log.info("%s: Step 2 - Rendering HTML (%s)", slug, self.name)
        prefix, css, note = (frame.prefix, frame.css(), frame.note) if frame else ("", None, "")
        document = job.lay_out(render_html.brochure_html(brochure, charts, prefix=prefix, note=note), css)
        log.info("%s: Step 3 - Typesetting PDF (%s)", slug, self.name)
        attachment = (f"{slug}.yaml", job.source) if self.attach_source else None
        written = pdf.write_document(
            document,
            brochure.date,
            tagged=self.tagged,
            variant=self.variant,
            attachment=attachment,
            claim_ua=self.claim_ua,
        )
        if self.finish == "bleed":
            return editions.set_bleed_box(written)
        if self.finish == "impose":
            return editions.impose_booklet(written)
        return written


@dataclass(frozen=True)
class SummaryTarget(Target):
    """The two-page leaflet: each side at the most detailed shortening level that keeps it on its page."""

    def write(self, job: Job, frame: Placement | None = None) -> bytes:
        from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

        brochure = self.presented(job)
        log.info("%s: Step 2 - Rendering HTML (%s)", brochure.sheet.slug, self.name)
        _html, document, (recto, verso) = fitted_summary(brochure, self.charts(job).parts, frame)
        log.info("%s: Step 3 - Typesetting PDF (summary, shortening %d/%d)", brochure.sheet.slug, recto, verso)
        return pdf.write_document(document, brochure.date, variant="pdf/ua-1")  # a leaflet read on screen too


def fitted_summary(brochure: Brochure, svgs: dict[str, list[bytes]], frame: Placement | None = None):
    """The leaflet's HTML and layout with each side at the most detailed shortening level that keeps it
    on its page, and those levels (recto, verso)."""
    from brochure.render import html as render_html  # Jinja2 templates: loaded by a writer only
    from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

    prefix, css, note = (frame.prefix, frame.css(), frame.note) if frame else ("", None, "")
    recto, verso = richest_recto(brochure.sheet), 0
    while True:
        html = render_html.summary_html(brochure, svgs, recto, verso, prefix=prefix, note=note)
        document = pdf.lay_out(html, css=css)
        start = next((i for i, page in enumerate(document.pages) if f"{prefix}verso" in page.anchors), 0)
        recto_fits, verso_fits = start == 1, len(document.pages) - start == 1
        if recto_fits and verso_fits:
            return html, document, (recto, verso)
        recto, verso = recto + (not recto_fits), verso + (not verso_fits)
        if max(recto, verso) >= SUMMARY_CUTS:
            raise pdf.RenderError(
                f"the summary of {brochure.sheet.slug} does not fit on {SUMMARY_PAGES} pages even shortened"
            )


def richest_recto(sheet: Sheet) -> int:
    """The leaflet recto's first level to try: below 0 when its themes are few enough to show more than two
    bullets each within SUMMARY_BULLETS (0 for the sample's 10 themes: no extra layout)."""
    themes = sheet.missions.themes if sheet.missions else []
    if not themes:
        return 0
    per_theme = min(SUMMARY_BULLETS // len(themes), max(len(theme.bullets) for theme in themes))
    return max(SUMMARY_RICHEST, min(0, 2 - per_theme))
