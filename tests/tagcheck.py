"""Consistency of a tagged PDF's structure: what a screen reader needs to find each page's text.

Checks, for every page, that each marked-content id (MCID) in its content stream leads through the
parent tree to a structure element on that page which claims it; that each annotation's
``/StructParent`` leads to the element that holds it; that elements point back to their parents;
and that every internal link's destination name exists and leads to a page of the document.
:func:`read_aloud` gives an element's text in tag order (what a screen reader says).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name
from pypdf import PdfReader


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _tree(tree: pikepdf.Object | None, key: str) -> dict:
    """A number tree (``key`` "/Nums") or name tree ("/Names") as a dict, ``/Kids`` included."""
    found: dict = {}
    if tree is None:
        return found
    flat = tree.get(key, [])
    for i in range(0, len(flat), 2):
        found[int(flat[i]) if key == "/Nums" else bytes(flat[i])] = flat[i + 1]
    for kid in tree.get("/Kids", []):
        found |= _tree(kid, key)
    return found


def _numbers(tree: pikepdf.Object) -> dict[int, pikepdf.Object]:
    return _tree(tree, "/Nums")


def _names(tree: pikepdf.Object | None) -> dict[bytes, pikepdf.Object]:
    return _tree(tree, "/Names")


def _claims(element: pikepdf.Object, mcid: int) -> bool:
    for kid in _kids(element):
        if isinstance(kid, int) and int(kid) == mcid:
            return True
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR and int(kid.MCID) == mcid:
            return True
    return False


def _holds(kid: pikepdf.Object, annotation: pikepdf.Object) -> bool:
    return kid.get("/Type") == Name.OBJR and kid.Obj.objgen == annotation.objgen


def _page_of(element: pikepdf.Object) -> pikepdf.Object | None:
    while isinstance(element, Dictionary):
        if "/Pg" in element:
            return element.Pg
        element = element.get("/P")
    return None


def problems(pdf: pikepdf.Pdf) -> list[str]:
    """What is inconsistent in ``pdf``'s structure tree, links and destinations (empty if nothing)."""
    found: list[str] = []
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return ["no structure tree"]
    numbers = _numbers(root.ParentTree)
    if numbers and int(root.get("/ParentTreeNextKey", max(numbers) + 1)) <= max(numbers):
        found.append("ParentTreeNextKey is not above the parent tree's keys")
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    # Parents: every element reachable from the root names its parent.
    stack = [(kid, root) for kid in _kids(root)]
    elements = 0
    while stack:
        element, parent = stack.pop()
        if not isinstance(element, Dictionary) or "/S" not in element:
            continue
        elements += 1
        if element.get("/P") is None or element.P.objgen != parent.objgen:
            found.append(f"element {element.S} does not point back to its parent")
        stack += [(kid, element) for kid in _kids(element)]
    if not elements:
        found.append("empty structure tree")
    names = _names(pdf.Root.get("/Names", {}).get("/Dests"))
    for number, page in enumerate(pdf.pages, start=1):
        key = page.obj.get("/StructParents")
        mcids = [
            int(operands[1].MCID)
            for operands, operator in pikepdf.parse_content_stream(page)
            if operator == pikepdf.Operator("BDC") and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]
        ]
        if mcids and key is None:
            found.append(f"page {number}: marked content but no /StructParents")
            continue
        owners = numbers.get(int(key)) if key is not None else None
        for mcid in mcids:
            if owners is None or mcid >= len(owners):
                found.append(f"page {number}: MCID {mcid} has no entry in the parent tree")
                continue
            element = owners[mcid]
            holder = _page_of(element)
            if not _claims(element, mcid) or holder is None or holder.objgen != page.obj.objgen:
                found.append(f"page {number}: MCID {mcid} leads to an element that does not hold it")
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                element = numbers.get(int(annotation.StructParent))
                held = element is not None and any(
                    isinstance(kid, Dictionary) and _holds(kid, annotation) for kid in _kids(element)
                )
                if not held:
                    found.append(f"page {number}: an annotation's /StructParent leads elsewhere")
            dest = annotation.get("/Dest")
            if dest is not None and not isinstance(dest, Array):
                target = names.get(bytes(dest))
                if target is None:
                    found.append(f"page {number}: link to an unknown destination {bytes(dest)!r}")
                elif target[0].objgen not in pages:
                    found.append(f"page {number}: destination {bytes(dest)!r} leads outside the document")
    return found


def destination_page(pdf: pikepdf.Pdf, name: str) -> int:
    """The 1-based page a named destination leads to."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    return pages[_names(pdf.Root.Names.Dests)[name.encode()][0].objgen]


def _page_texts(page: object) -> dict[int, str]:
    """MCID -> the text its sequence paints on one pypdf page."""
    stack: list[int | None] = []
    found: dict[int, str] = {}

    def before(operator: bytes, args: list, _cm: list, _tm: list) -> None:
        if operator in (b"BDC", b"BMC"):
            properties = args[1] if operator == b"BDC" and len(args) > 1 else {}
            stack.append(properties.get("/MCID") if hasattr(properties, "get") else None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value: str, *_: object) -> None:
        if value.strip() and stack and stack[-1] is not None:
            found[int(stack[-1])] = (found.get(int(stack[-1]), "") + " " + value.strip()).strip()

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def marked_texts(path: Path) -> dict[tuple[int, int], str]:
    """The text each marked-content sequence paints: (1-based page, MCID) -> text, read by pypdf."""
    pages = enumerate(PdfReader(path).pages, start=1)
    return {(number, mcid): text for number, page in pages for mcid, text in _page_texts(page).items()}


def read_aloud(element: pikepdf.Object, pages: dict, texts: dict[tuple[int, int], str]) -> str:
    """An element's text in tag order, as a screen reader reads it (``pages``: page objgen -> number)."""
    words, page = [], _page_of(element)
    for kid in _kids(element):
        if isinstance(kid, int) and page is not None:
            words.append(texts.get((pages[page.objgen], int(kid)), ""))
        elif isinstance(kid, Dictionary) and "/S" in kid:
            words.append(read_aloud(kid, pages, texts))
    return " ".join(word for word in words if word)


def heading_skips(pdf: pikepdf.Pdf) -> list[str]:
    """Headings that go more than one level deeper than the heading before them, in tag order."""
    levels, stack = [], list(reversed(_kids(pdf.Root.StructTreeRoot)))
    while stack:
        element = stack.pop()
        if isinstance(element, Dictionary) and "/S" in element:
            if str(element.S) in {f"/H{n}" for n in range(1, 7)}:
                levels.append(int(str(element.S)[2:]))
            stack += reversed(_kids(element))
    return skipped_levels(levels)


def skipped_levels(levels: list[int]) -> list[str]:
    return [f"H{b} after H{a}" for a, b in itertools.pairwise(levels) if b > a + 1]
