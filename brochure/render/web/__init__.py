"""The web edition: a static site of career pages with their downloads."""
