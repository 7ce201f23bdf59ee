"""Career brochures: career sheets (YAML) -> print-grade PDF and editable DOCX."""

__version__ = "0.1.0"
