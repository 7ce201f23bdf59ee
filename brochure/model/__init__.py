"""Reading: the sheet model, strict YAML, plain-words errors, sources, the importer and the editorial lint."""
