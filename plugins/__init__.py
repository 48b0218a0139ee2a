"""MkDocs plugins."""
