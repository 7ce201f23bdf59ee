"""What WeasyPrint 70 leaves undone for PDF/UA-1, fixed after the write with pikepdf.

Every tagged PDF the pipeline writes goes through :func:`finish`:

- **Running heads and page numbers become artifacts** (WeasyPrint #1836, still open). WeasyPrint
  tags the text of the page-margin boxes, then leaves its structure elements out of the tree: their
  marked-content sequences are reachable from the parent tree only. Each such sequence is rewritten
  in the page's content stream from ``/Span <</MCID n>> BDC`` to ``/Artifact <</Type /Pagination>>
  BDC`` (ISO 14289-1 7.8, ISO 32000-1 14.8.2.2); the page's other MCIDs are renumbered in paint
  order, so the parent tree holds only elements of the tree and the orphans are gone.
- **Link annotations get the Print flag** (ISO 14289-1 7.18.1; WeasyPrint's ``anchors.py`` sets it
  on form widgets only).
- **Table header cells get ``/Scope``** (ISO 14289-1 7.5): WeasyPrint writes ``/Headers`` on data
  cells from the HTML ``scope``, never ``/Scope``. A header a data cell of its own row refers to is
  a row header, any other a column header.
- **List items get an ``/LBody``** (ISO 14289-1 7.6): WeasyPrint wraps an item's content in one
  only when its marker is outside; markers sit inside the line here (layouts/css/brochure.css), as
  WeasyPrint paints outside markers after all the page's text, out of reading order.
- **Grouped definitions become list items** (ISO 14289-1 7.6, ISO 32000-1 14.8.4.3.3): HTML lets a
  ``<dl>`` group each term with its definitions in a ``<div>`` (the key-fact tiles); WeasyPrint tags
  that ``<div>`` as a ``/Div`` inside the ``/L`` and each ``<dt>``/``<dd>`` as an ``/LI`` of its own.
  Each such ``/Div`` becomes one ``/LI``: the term's body its ``/Lbl``, the definitions one ``/LBody``.
- **A link annotation sits in a ``/Link``** (ISO 14289-1 7.18.5): the leader and page number that
  ``a::after`` draws get an annotation of their own, held by a ``/Span``; it moves to the link.
- **Figures' ``/BBox`` in points** (WeasyPrint writes CSS pixels from the top of the page).
- **Empty structure elements are removed** (an empty ``<span>`` drawn as a bar, anonymous blocks):
  no marked content, no annotation, no kids left, no ``/Alt``. Table cells stay, so grids close.

:func:`xmpclaim.claim_ua` adds the PDF/UA-1 identification (``pdfuaid:part`` 1, with the PDF/A extension
schema that declares it) to a PDF/A's XMP, which WeasyPrint writes for one variant only.
Decoration (backgrounds, borders, rules) is already painted as ``/Artifact`` by WeasyPrint.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

from brochure.render.pdf.stitch import saved
from brochure.render.pdf.xmpclaim import claim_ua

Tree = list[tuple[pikepdf.Object, pikepdf.Object]]  # (element, parent) as elements() gives them
PAGINATION = Dictionary(Type=Name.Pagination)
BDC = pikepdf.Operator("BDC")
KEEP_EMPTY = frozenset({"/TD", "/TH", "/Document"})  # an empty cell still closes its table's grid
PX = 0.75  # points per CSS pixel
PRINT_FLAG = 1 << 2  # annotation flag bit 3 (ISO 32000-1 12.5.3)


def kids(element: pikepdf.Object) -> list:
    """An element's ``/K`` as a list (absent, one kid or an array)."""
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, Array) else [found]


def elements(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """Every structure element reachable from the root, with its parent, parents first."""
    root = pdf.Root.StructTreeRoot
    stack = [(kid, root) for kid in reversed(kids(root))]
    while stack:
        element, parent = stack.pop()
        if isinstance(element, Dictionary) and "/S" in element:
            yield element, parent
            stack += [(kid, element) for kid in reversed(kids(element))]


def _page_arrays(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", Array())
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _is_mcid(operands: list) -> bool:
    return len(operands) == 2 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]


def artifact_furniture(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Turn marked content whose element is not in the structure tree into pagination artifacts.

    Returns how many sequences were rewritten. Each page's remaining MCIDs are renumbered 0, 1, …"""
    in_tree = {element.objgen for element, _ in tree or elements(pdf)}
    arrays, rewritten = _page_arrays(pdf), 0
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            key = int(page.obj.StructParents)
            rewritten += _artifact_page(pdf, page, arrays[key], in_tree)
    return rewritten


def _artifact_page(pdf: pikepdf.Pdf, page: pikepdf.Page, owners: pikepdf.Object, in_tree: set) -> int:
    instructions = list(pikepdf.parse_content_stream(page))
    kept, renumber, rewritten = [], {}, 0
    for index, (operands, operator) in enumerate(instructions):
        if operator != BDC or not _is_mcid(operands):
            continue
        old = int(operands[1].MCID)
        if owners[old].objgen not in in_tree:
            instructions[index] = pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION], BDC)
            rewritten += 1
        else:
            renumber[(owners[old].objgen, old)] = len(kept)
            properties = Dictionary(dict(operands[1].items()))
            properties.MCID = len(kept)
            instructions[index] = pikepdf.ContentStreamInstruction([operands[0], properties], BDC)
            kept.append(owners[old])
    for element in {e.objgen: e for e in kept}.values():
        element.K = Array([renumber.get((element.objgen, k), k) if isinstance(k, int) else k for k in kids(element)])
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    owners[:] = []  # in place: the parent tree keeps pointing at this array
    for element in kept:
        owners.append(element)
    return rewritten


def print_links(pdf: pikepdf.Pdf) -> int:
    """Set the Print flag on every link annotation; returns how many lacked it."""
    changed = 0
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            flags = int(annotation.get("/F", 0))
            if annotation.get("/Subtype") == Name.Link and not flags & PRINT_FLAG:
                annotation.F = flags | PRINT_FLAG
                changed += 1
    return changed


def scope_headers(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Give every ``/TH`` a ``/Scope``: ``/Row`` when a data cell of its row lists it in ``/Headers``."""
    scoped = 0
    for row, _ in tree or elements(pdf):
        if row.get("/S") != Name.TR:
            continue
        cells = [cell for cell in kids(row) if isinstance(cell, Dictionary) and cell.get("/S") in (Name.TH, Name.TD)]
        data = [cell for cell in cells if cell.get("/S") == Name.TD]
        named = {bytes(h) for cell in data for h in cell.get("/A", {}).get("/Headers", [])}
        for cell in cells:
            if cell.get("/S") == Name.TH:
                attributes = cell.get("/A") if isinstance(cell.get("/A"), Dictionary) else Dictionary(O=Name.Table)
                row_header = "/ID" in cell and bytes(cell.ID) in named
                attributes.Scope = Name.Row if row_header else Name.Column
                cell.A = attributes
                scoped += 1
    return scoped


def wrap_list_bodies(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Put an ``/LI``'s content in an ``/LBody`` where WeasyPrint left it bare (markers inside the line)."""
    wrapped = 0
    for item, _ in tree or list(elements(pdf)):
        found = kids(item)
        if item.get("/S") != Name.LI or any(isinstance(k, Dictionary) and k.get("/S") == Name.LBody for k in found):
            continue
        labels = [k for k in found if isinstance(k, Dictionary) and k.get("/S") == Name.Lbl]
        body = [k for k in found if not (isinstance(k, Dictionary) and k.get("/S") == Name.Lbl)]
        if not body:
            continue
        element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LBody, P=item, K=Array(body)))
        if "/Pg" in item:
            element.Pg = item.Pg
        for kid in body:
            if isinstance(kid, Dictionary):
                kid.P = element
        item.K = Array([*labels, element])
        wrapped += 1
    return wrapped


def _body(item: pikepdf.Object) -> pikepdf.Object | None:
    """The one ``/LBody`` of a list item WeasyPrint made for a ``<dt>`` or ``<dd>`` (else None)."""
    found = kids(item) if isinstance(item, Dictionary) and item.get("/S") == Name.LI else []
    if len(found) == 1 and isinstance(found[0], Dictionary):
        return found[0] if found[0].get("/S") == Name.LBody else None
    return None


def group_definitions(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Make each ``/Div`` of an ``/L`` (an HTML ``<dl>``'s ``<div>``: a term and its definitions) one
    ``/LI``: the term an ``/Lbl``, the definitions' content one ``/LBody``. Returns how many."""
    grouped = 0
    for group, parent in tree or list(elements(pdf)):
        bodies = [_body(item) for item in kids(group)]
        if group.get("/S") != Name.Div or parent.get("/S") != Name.L or len(bodies) < 2 or None in bodies:
            continue
        label, body, *more = bodies
        label.S, label.P, body.P = Name.Lbl, group, group
        for extra in more:
            for kid in kids(extra):
                if isinstance(kid, Dictionary):
                    kid.P = body
            body.K = Array([*kids(body), *kids(extra)])
        group.S, group.K = Name.LI, Array([label, body])
        grouped += 1
    return grouped


def figure_boxes(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Express each figure's ``/BBox`` layout attribute in PDF points, y upwards (ISO 32000-1 14.8.5.4.3).

    WeasyPrint writes it in CSS pixels measured from the top of the page, so a checker takes a chart
    a third taller than the page for a scanned page."""
    fixed = 0
    for figure, _ in tree or elements(pdf):
        layout = figure.get("/A")
        if (
            figure.get("/S") != Name.Figure
            or not isinstance(layout, Dictionary)
            or "/BBox" not in layout
            or "/Pg" not in figure
        ):
            continue
        x1, y1, x2, y2 = (float(v) for v in layout.BBox)
        top = float(figure.Pg.MediaBox[3])
        layout.BBox = Array([x1 * PX, top - y2 * PX, x2 * PX, top - y1 * PX])
        fixed += 1
    return fixed


def links_in_links(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Move a link annotation held by another element (a leader after a link) into its ``/Link`` element."""
    nums, moved = pdf.Root.StructTreeRoot.ParentTree.Nums, 0
    for element, parent in tree or list(elements(pdf)):
        if element.get("/S") == Name.Link:
            continue
        held = [k for k in kids(element) if isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR]
        links = [k for k in held if k.Obj.get("/Subtype") == Name.Link]
        owner = parent
        while links and isinstance(owner, Dictionary) and owner.get("/S") not in (Name.Link, None):
            owner = owner.get("/P")
        if not links:
            continue
        if not isinstance(owner, Dictionary) or owner.get("/S") != Name.Link:
            element.S = Name.Link  # no link around it: the element itself is the link
            continue
        element.K = Array([k for k in kids(element) if not any(k.objgen == link.objgen for link in links)])
        owner.K = Array([*kids(owner), *links])
        for i in range(0, len(nums), 2):
            if any(int(nums[i]) == int(link.Obj.StructParent) for link in links):
                nums[i + 1] = owner
        moved += len(links)
    return moved


def _empty(element: pikepdf.Object) -> bool:
    if element.get("/S") in KEEP_EMPTY or "/Alt" in element or "/ActualText" in element:
        return False
    return not kids(element)


def drop_empty(pdf: pikepdf.Pdf, tree: Tree | None = None) -> int:
    """Remove structure elements with nothing in them, deepest first (a parent may empty in turn)."""
    removed = 0
    for element, parent in reversed(tree or list(elements(pdf))):
        if _empty(element):
            parent.K = Array([kid for kid in kids(parent) if getattr(kid, "objgen", None) != element.objgen])
            removed += 1
    return removed


def finish(data: bytes, claim: bool = False) -> bytes:
    """A tagged PDF from WeasyPrint with the fixes above; ``claim``: also declare PDF/UA-1 in its XMP."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = list(elements(pdf))  # walked once: the fixes move kids, never add or lose an element they need
        if group_definitions(pdf, tree):
            tree = list(elements(pdf))  # the grouped terms and definitions left their list items
        artifact_furniture(pdf, tree)
        links_in_links(pdf, tree)
        drop_empty(pdf, tree)
        wrap_list_bodies(pdf, tree)
        figure_boxes(pdf, tree)
        scope_headers(pdf, tree)
        print_links(pdf)
        if claim:
            claim_ua(pdf)
        return saved(pdf)
