"""Join tagged PDFs into one, keeping what a page merge drops: tags, bookmarks and links.

pypdf or ``qpdf --pages`` copy pages but leave the structure tree behind, so the joined PDF is
untagged. Here the first part is the base and every later part is appended with pikepdf:

- pages are copied, then the part's structure elements, whose ``/Pg`` and ``/Obj`` references
  land on the copied pages and annotations (pikepdf keeps one copy per foreign object);
- the part's top-level elements join the base's ``Document`` element, in order;
- the parent tree is renumbered: each page's ``/StructParents`` and each annotation's
  ``/StructParent`` move by the keys already used, so marked content still finds its element;
- bookmarks are chained after the base's, named destinations are merged into one sorted tree.

A name defined in several parts (a stand-in anchor in the contents, the real one in a career)
resolves to the part that ``owners`` gives, else to its first definition.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from brochure.core.errors import BrochureError
from brochure.render.pdf import fontshare


class StitchError(BrochureError):
    """A part is not a tagged PDF as WeasyPrint writes them."""


def _leaves(tree: pikepdf.Object | None, key: str) -> list[tuple[pikepdf.Object, pikepdf.Object]]:
    """The (key, value) pairs of a number tree (``key`` "/Nums") or name tree ("/Names"), with ``/Kids``."""
    if tree is None:
        return []
    flat = tree.get(key, [])
    pairs = [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
    for kid in tree.get("/Kids", []):
        pairs += _leaves(kid, key)
    return pairs


def _nums(tree: pikepdf.Object) -> list[tuple[int, pikepdf.Object]]:
    return [(int(key), value) for key, value in _leaves(tree, "/Nums")]


def _names(tree: pikepdf.Object | None) -> list[tuple[bytes, pikepdf.Object]]:
    return [(bytes(key), value) for key, value in _leaves(tree, "/Names")]


def _copy(out: pikepdf.Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """``obj`` in ``out``: indirect objects through copy_foreign (one copy each), direct ones rebuilt."""
    if isinstance(obj, (Array, Dictionary)) and not obj.is_indirect:
        if isinstance(obj, Array):
            return Array([_copy(out, item) for item in obj])
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    if isinstance(obj, (Array, Dictionary, pikepdf.Stream)):
        return out.copy_foreign(obj)
    return obj


def _root_parts(pdf: pikepdf.Pdf, index: int) -> tuple[pikepdf.Object, pikepdf.Object]:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        raise StitchError(f"part {index + 1} has no structure tree (render it tagged)")
    kids = root.K if isinstance(root.K, Array) else Array([root.K])
    if len(kids) != 1 or kids[0].get("/S") != Name.Document:
        raise StitchError(f"part {index + 1}: expected one Document element at the top of its structure tree")
    return root, kids[0]


def _chain(first: pikepdf.Object | None) -> list[pikepdf.Object]:
    items = []
    while first is not None:
        items.append(first)
        first = first.get("/Next")
    return items


def _append_outlines(out: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    source = part.Root.get("/Outlines")
    if source is None or "/First" not in source:
        return
    items = _chain(out.copy_foreign(source.First))
    if "/Outlines" not in out.Root:
        out.Root.Outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    root = out.Root.Outlines
    for item in items:
        item.Parent = root
    if "/Last" in root:
        root.Last.Next = items[0]
        items[0].Prev = root.Last
    else:
        root.First = items[0]
        if "/Prev" in items[0]:
            del items[0].Prev
    root.Last = items[-1]
    visible = sum(1 + max(int(item.get("/Count", 0)), 0) for item in items)
    root.Count = int(root.get("/Count", 0)) + visible


def saved(pdf: pikepdf.Pdf) -> bytes:
    """The bytes of ``pdf``, saved the same way everywhere (deterministic ids, compressed, object streams)."""
    buffer = io.BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        linearize=False,
    )
    return buffer.getvalue()


def nest_outline(data: bytes) -> bytes:
    """The PDF with every top-level bookmark after the first moved under the first (a brochure's parts
    under its title), so that once joined each part is one chapter."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_outline() as outline:
            if len(outline.root) < 2:
                return data
            first, rest = outline.root[0], list(outline.root[1:])
            first.children.extend(rest)
            del outline.root[1:]
        return saved(pdf)


def point_names(data: bytes, pages: Mapping[str, int]) -> bytes:
    """The PDF with each named destination of ``pages`` (name -> page index, from 0) leading to the
    top of that page: links to a part that has no anchor of its own where it starts."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        names = dict(_names(pdf.Root.get("/Names", {}).get("/Dests")))
        for name, index in pages.items():
            page = pdf.pages[index]
            top = float(page.mediabox[3])
            names[name.encode("utf-8")] = Array([page.obj, Name.XYZ, 0, top, 0])
        flat = Array([item for name in sorted(names) for item in (String(name), names[name])])
        pdf.Root.Names = pdf.Root.get("/Names", Dictionary())
        pdf.Root.Names.Dests = pdf.make_indirect(Dictionary(Names=flat))
        return saved(pdf)


def merge(parts: Sequence[bytes], owners: Mapping[str, int] | None = None, share_fonts: bool = True) -> bytes:
    """One tagged PDF of ``parts`` in order. ``owners`` maps a destination name to the part whose
    definition wins. The base (first part) gives the document's catalogue entries and metadata.
    ``share_fonts``: one embedded program per bundled face instead of one per part (``fontshare``)."""
    if not parts:
        raise StitchError("nothing to join")
    owners = owners or {}
    out = pikepdf.open(io.BytesIO(parts[0]))
    tree, document = _root_parts(out, 0)
    numbers = dict(_nums(tree.ParentTree))
    next_key = max(numbers, default=-1) + 1
    names = dict(_names(out.Root.get("/Names", {}).get("/Dests")))
    for index, data in enumerate(parts[1:], start=1):
        part = pikepdf.open(io.BytesIO(data))
        part_tree, part_document = _root_parts(part, index)
        start = len(out.pages)
        with warnings.catch_warnings():  # pikepdf warns that names are not carried: done below
            warnings.filterwarnings("ignore", message="Copying pages from another Pdf")
            out.pages.extend(part.pages)
        # Copied after the pages, so their /Pg and /Obj references resolve to the copies.
        part_numbers = _nums(part_tree.ParentTree)
        for key, value in part_numbers:
            numbers[key + next_key] = _copy(out, value)
        for kid in part_document.K if isinstance(part_document.K, Array) else [part_document.K]:
            element = out.copy_foreign(kid)
            element.P = document
            document.K.append(element)
        for page in out.pages[start:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + next_key
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + next_key
        next_key += max((key for key, _ in part_numbers), default=-1) + 1
        for name, value in _names(part.Root.get("/Names", {}).get("/Dests")):
            owner = owners.get(name.decode("utf-8", "replace"))
            if name not in names or owner == index:
                names[name] = _copy(out, value)
        _append_outlines(out, part)
    tree.ParentTree = out.make_indirect(
        Dictionary(Nums=Array([item for key in sorted(numbers) for item in (key, numbers[key])]))
    )
    tree.ParentTreeNextKey = next_key
    if names:
        flat = Array([item for name in sorted(names) for item in (String(name), names[name])])
        out.Root.Names = out.Root.get("/Names", Dictionary())
        out.Root.Names.Dests = out.make_indirect(Dictionary(Names=flat))
    if share_fonts:
        fontshare.share(out)
    return saved(out)


def page_count(data: bytes) -> int:
    """Number of pages of a PDF."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
