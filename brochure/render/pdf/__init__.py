"""PDF: WeasyPrint sandboxed and reproducible, PDF/UA fixes, editions, stitching joined documents."""
