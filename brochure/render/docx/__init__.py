"""DOCX: python-docx from the reference styles, the front pages, Word structures, embedded fonts."""
