"""Two PDF/UA checkers from PyPI that did not write our PDFs, run as their command lines run them.

- ``outloud`` 0.2.1: PDF/UA-1 conformance rules plus semantic checks (reading order, running heads,
  shredded table headers); ``outloud --json - FILE``.
- ``pdfua`` 0.1.3: 16 of the 106 machine-checkable PDF/UA-1 rules; ``pdfua check -f json FILE``.

Both are pinned in the ``test`` extra of pyproject.toml. A rule a checker skipped or crashed on is
reported in :attr:`Report.unchecked`, never counted as a pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# outloud rules that cannot run on a single PDF (they compare it with its source document).
NEEDS_SOURCE = frozenset({"SEM-001", "SEM-002", "SEM-003"})


@dataclass
class Report:
    """What one checker said about one file."""

    checker: str
    errors: list[str] = field(default_factory=list)  # "RULE: message"
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (rule, message)
    unchecked: dict[str, str] = field(default_factory=dict)  # rule -> why it did not run
    findings: list[dict] = field(default_factory=list)  # as the checker reported them

    def unexplained(self, allowed: dict[str, str], excused: frozenset[str] = frozenset()) -> list[str]:
        """Errors, and warnings whose rule is not in ``allowed`` nor whose message is ``excused``."""
        return self.errors + [
            message for rule, message in self.warnings if rule not in allowed and message not in excused
        ]


def _run(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, check=False)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"{args[1]} gave no JSON report: {done.stderr[-2000:]}") from exc


def outloud_text(found: dict) -> str:
    return f"{found['rule']}: {found['message']} (page {found.get('page')})"


def outloud(path: Path) -> Report:
    """``outloud`` on ``path``."""
    result = _run(["-m", "outloud.cli", "--json", "-", "--no-info", str(path)])["results"][0]
    if result.get("error"):
        raise AssertionError(f"outloud could not read {path}: {result['error']}")
    report = Report("outloud", findings=result["findings"])
    for found in result["findings"]:
        text = outloud_text(found)
        if found["severity"] == "error":
            report.errors.append(text)
        elif found["severity"] == "warning":
            report.warnings.append((found["rule"], text))
    for run in result["rules"]:
        if run["status"] in ("crashed", "skipped", "not-implemented") and run["rule"] not in NEEDS_SOURCE:
            report.unchecked[run["rule"]] = f"{run['status']}: {run['reason']}"
    return report


def pdfua(path: Path) -> Report:
    """``pdfua check`` on ``path``."""
    result = _run(["-m", "pdfua", "check", "-f", "json", str(path)])
    report = Report("pdfua", findings=result["findings"])
    for found in result["findings"]:
        rule = found.get("rule_id") or found.get("rule")
        text = f"{rule}: {found.get('message')} ({found.get('location') or found.get('page')})"
        severity = str(found.get("severity", "")).lower()
        if severity == "error":
            report.errors.append(text)
        elif severity == "warning":
            report.warnings.append((rule, text))
    for skipped in result.get("skipped", []):
        report.unchecked[skipped["rule_id"]] = skipped["reason"]
    return report


CHECKERS = (outloud, pdfua)
