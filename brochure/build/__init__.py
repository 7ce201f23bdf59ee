"""Running: the sheet job, workers, the incremental build, fingerprints, reports, merge, watch and preview."""
