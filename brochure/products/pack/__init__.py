"""`invoke pack`: counselor's packs from dossiers or a class list."""
