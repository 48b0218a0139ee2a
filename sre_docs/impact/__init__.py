"""The reliability impact of a change: two states of the repo compared (``sre-docs diff``)."""
