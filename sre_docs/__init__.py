"""sre-docs: lint, render and score a reliability repo kept as YAML in git."""

__version__ = "0.1.0"
