"""The web edition's site, after the sheets: the index of every career and the assets, in the build's main process.

``web/index.html`` lists each published sheet from its presentation, made by the sheet job like every
target's (parsed, linted and guarded by :func:`brochure.build.job.prepare`: a sheet the build refuses is
not listed); ``web/assets/`` holds the stylesheet, the filter script, the brand's logo and the fonts subset
to the characters the pages use. Recorded in the build's manifest like the pages; skipped when nothing changed.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from pathlib import Path

from brochure.build import fingerprint
from brochure.build.job import SheetJob, prepare
from brochure.core.files import write_atomic
from brochure.model import sources
from brochure.present.brand import load as load_brand
from brochure.present.presentation import Brochure
from brochure.render import registry
from brochure.render.web.fonts import subset_fonts
from brochure.render.web.site import ASSETS, INDEX, LAYOUT, STATIC, index_html, logo_href

WEB = registry.WEB.name  # the site's folder


def _present_all(pages: Sequence[Path], lang: str, brand_name: str | None) -> list[Brochure]:
    """Each published sheet presented by its sheet job (no chart is drawn): a sheet the build would refuse
    (it no longer validates, or holds text the fonts cannot print) is left out."""
    brochures = []
    for path in pages:
        try:
            job = SheetJob(prepare(path), lang, brand_name)
        except sources.SheetError:
            continue
        brochures.append(registry.WEB.presented(job))
    return brochures


def site_files(pages: Sequence[Path], lang: str, brand_name: str | None, output: Path) -> dict[str, bytes]:
    """``web/index.html`` and ``web/assets/*``, keyed by their path relative to ``output``."""
    brand = load_brand(brand_name)
    files = {f"{WEB}/{INDEX}.html": index_html(_present_all(pages, lang, brand_name), lang, brand)}
    for name in STATIC:
        files[f"{WEB}/{ASSETS}/{name}"] = (LAYOUT / name).read_bytes()
    logo = brand.logo_path()
    if logo:
        files[f"{WEB}/{logo_href(brand)}"] = logo.read_bytes()
    texts = [files[f"{WEB}/{INDEX}.html"]] + [(output / WEB / f"{p.stem}.html").read_bytes() for p in pages]
    used = "".join(sorted(set(html.unescape(b"".join(texts).decode("utf-8")))))
    for name, data in subset_fonts(used).items():
        files[f"{WEB}/{ASSETS}/fonts/{name}"] = data
    return files


def write_site(folder: Path, output: Path, options, manifest: fingerprint.Manifest) -> list[str]:
    """The index and the assets of the site, for every sheet of ``folder`` whose page is in
    ``output/web/`` (unchanged since the last build: nothing is written). Returns what was written."""
    pages = [p for p in sources.discover(folder) if (output / WEB / f"{p.stem}.html").is_file()]
    digest = hashlib.sha256(fingerprint.environment().encode())
    digest.update(repr(sorted(options.key().items())).encode())
    for path in pages:
        digest.update(path.stem.encode() + b"\0" + (output / WEB / f"{path.stem}.html").read_bytes())
    inputs, key = digest.hexdigest(), f"{WEB}/{INDEX}.html"
    listed = manifest.entries.get(key, {}).get("files", [])
    if listed and all(manifest.fresh(output / name, name, inputs) for name in [key, *listed]):
        return []
    files = site_files(pages, options.lang, options.brand or None, output)
    for name in set(listed) - set(files):  # e.g. the logo of the brand built before
        (output / name).unlink(missing_ok=True)
        manifest.forget(name)
    for name, data in files.items():
        write_atomic(output / name, data)
        manifest.record(name, inputs, data)
    manifest.entries[key]["files"] = sorted(name for name in files if name != key)
    return sorted(files)
