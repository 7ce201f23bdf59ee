"""How figures look: one module per chart kind, sharing :mod:`charts.style`."""
