"""One family of errors, with the exit codes the commands return.

Every error the product reports to a person is a :class:`BrochureError`; its ``exit_code`` is what
the command exits with:

- 0: done (no error);
- 1 (:data:`FAILED`): a sheet failed (it cannot be built, or its render failed) — the other sheets
  were still built; `invoke check` also exits 1 when a sheet has editorial errors (a draft);
- 2 (:data:`USAGE`): the command cannot run as asked (a bad flag, an unknown sheet, a bad brand,
  another build running, an export that cannot be imported).
"""

from __future__ import annotations

DONE, FAILED, USAGE = 0, 1, 2


class BrochureError(Exception):
    """An error told to the person who ran the command, in plain words."""

    exit_code = USAGE


class UsageError(BrochureError):
    """A flag, a name or an option the command cannot take."""
