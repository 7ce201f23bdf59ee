"""`invoke doctor`: one table of what the product and its tests rely on, and whether each is there.

The pieces, their probes and their install commands are ``brochure.devtools.tools.NEEDS`` (the list that
`invoke install-tools` installs from). Nothing here imports WeasyPrint: the doctor must work where
WeasyPrint cannot load.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from brochure.devtools.tools import NEEDS, PRODUCT, Need

console = Console(highlight=False, soft_wrap=True, markup=False)


def _level(need: Need) -> str:
    if need.needed_by == PRODUCT:
        return "required" if need.required else "optional"
    return "for the tests"


def doctor(product_only: bool = False) -> int:
    """Print the table; 1 when a required piece is missing (of the product, and of the tests unless
    ``product_only``), else 0."""
    table = Table(title="What the brochures rely on", show_lines=False)
    for column in ("piece", "needed", "status", "found", "to install"):
        table.add_column(column, overflow="fold")
    blocking, optional = [], []
    for need in NEEDS:
        present, detail = need.probe()
        counts = need.required and (need.needed_by == PRODUCT or not product_only)
        if not present:
            (blocking if counts else optional).append(need)
        style = "green" if present else ("red" if counts else "yellow")
        install = "" if present else need.install
        table.add_row(need.name, _level(need), "found" if present else "missing", detail, install, style=style)
    console.print(table)
    for need in optional:
        console.print(f"not required, missing: {need.name}; to install: {need.install}", style="yellow")
    if blocking:
        console.print(
            f"missing: {', '.join(n.name for n in blocking)}; the table says how to install each.", style="red"
        )
        return 1
    console.print("everything required is here.", style="green")
    return 0
