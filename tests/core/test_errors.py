"""One error family: every error the product reports is a BrochureError with a documented exit code."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import brochure
from brochure import commands
from brochure.core import errors, paths
from brochure.model import sources

# Errors that never reach a person: turned into a SheetError with the file, line and field first.
INTERNAL = {"YamlError"}


def _error_classes() -> dict[str, type]:
    found = {}
    for module in pkgutil.walk_packages(brochure.__path__, "brochure."):
        if ".devtools" in module.name or module.name.endswith(".pdf"):
            continue  # pdf.py is checked below without its import-time font set-up changing anything
        for name, value in vars(importlib.import_module(module.name)).items():
            if inspect.isclass(value) and issubclass(value, Exception) and value.__module__ == module.name:
                found[name] = value
    from brochure.render.pdf.writer import RenderError

    found["RenderError"] = RenderError
    return found


def test_every_error_of_the_product_is_a_brochure_error() -> None:
    classes = _error_classes()
    assert {"SheetError", "BuildError", "CatalogueError", "BrandError", "RenderError", "UsageError"} <= set(classes)
    outside = sorted(
        name for name, cls in classes.items() if name not in INTERNAL and not issubclass(cls, errors.BrochureError)
    )
    assert outside == []


def test_exit_codes() -> None:
    classes = _error_classes()
    assert {name: cls.exit_code for name, cls in classes.items() if name in ("SheetError", "RenderError")} == {
        "SheetError": errors.FAILED,
        "RenderError": errors.FAILED,
    }
    assert classes["UsageError"].exit_code == classes["BuildError"].exit_code == errors.USAGE == 2


def test_usage_errors_exit_2_and_name_the_sheet(capsys) -> None:
    assert commands.build(only=["nope"]) == errors.USAGE
    assert "no sheet named nope in sources/" in capsys.readouterr().err
    assert commands.check(["nope"]) == errors.USAGE
    try:
        sources.select(paths.SOURCES, ["nope"])
    except errors.UsageError as exc:
        assert str(exc) == "no sheet named nope in sources/"
    else:
        raise AssertionError("an unknown sheet was accepted")
