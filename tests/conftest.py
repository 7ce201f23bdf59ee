from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PROJECT = HERE.parent
EXPORT = HERE / "fixtures" / "responsable-e-commerce.txt"
SOURCE = PROJECT / "sources" / "responsable-e-commerce.yaml"


def require(*commands: str) -> None:
    """Fail (never skip) when a Debian tool is missing: `invoke install-tools` installs them."""
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        pytest.fail(f"missing tools {missing}: run `invoke install-tools`", pytrace=False)


@pytest.fixture(scope="session")
def export_text() -> str:
    return EXPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")
