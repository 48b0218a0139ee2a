"""The SRE workflows behind ``sre-docs``' everyday commands, as pure functions.

Each module takes the loaded repository (``sre_docs.model.repository.Repository``) and plain
arguments and returns plain results: documents to create, edits to make, figures and
text to print. Reading files, writing them, the clock and the terminal stay in the CLI
layer (``sre_docs.cli``), so every workflow can be tested without a disk or a terminal.
All numbers come from ``sre_docs.calc``.
"""
