"""Presenting: every text, number and chart word two writers print, decided once (labels, plan, brand, figures)."""
