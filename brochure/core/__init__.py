"""The ground every stage stands on: where things are, safe file writes, the error family, notices."""
