"""Bridges from a reliability repo to the tools around it.

Each module turns the repository model (or the schemas) into another tool's format, or
reads that format back: JSON Schema for editors (``jsonschema_export``), Prometheus rules
(``prometheus``), OpenSLO (``openslo_export``, ``openslo_import``), the Backstage catalog
(``backstage``), and the file selection behind the pre-commit hook (``precommit``).

The builders are pure: they take the model and options and return data plus findings.
Reading and writing files is left to ``sre_docs.cli.export`` and ``output``.
"""
