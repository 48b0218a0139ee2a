"""The repository model every surface shares, built once per run.

- ``repository``  -- Repository / Service / Document, cross-references, ``locate(path)`` -> line, column.
- ``slo_budgets`` -- model -> calc: the one error-budget computation the CLI, policies, site and scorecards use.
"""
