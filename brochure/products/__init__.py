"""Products made of many sheets: the catalogue and the counselor's packs."""
