"""Writing: the Target interface and its registry, HTML through the layouts, and one subpackage per format."""
