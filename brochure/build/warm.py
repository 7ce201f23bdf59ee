"""What a worker needs loaded before its first job, imported once by the forkserver (brochure/build/workers.py).

Workers are forked from a process that has already imported WeasyPrint, matplotlib and python-docx,
registered the bundled fonts with matplotlib and laid out one line in each bundled face (fontconfig
and Pango's font map are loaded): a worker's first sheet costs what its tenth does.
"""

from __future__ import annotations

from brochure.render.pdf import writer as pdf
from charts import style

WARM_UP = (
    '<html lang="fr"><head><link rel="stylesheet" href="css/fonts.css"><link rel="stylesheet" href="css/brochure.css">'
    "</head><body><h1>Échauffement</h1><p>Texte <b>gras</b> <i>italique</i> 30 000 €</p></body></html>"
)


def warm_up() -> None:
    """Best effort: a warm-up that fails leaves the worker to load what it needs on its first job."""
    try:
        style.register_fonts()
        pdf.lay_out(WARM_UP)
    except Exception:
        pass


warm_up()
