"""The lint engine: runs the policies over the model and turns problems into findings.

- ``engine``       -- runs every policy, assigns levels from the configuration, applies suppressions,
  the baseline and ``--since``.
- ``policy``       -- what a policy is: id, options, ``check()`` yielding problems, the view of the repo it gets.
- ``config``       -- ``sre-docs.yaml``: policy levels and options, presets, ``today``, scorecard tuning.
- ``catalog``      -- every code sre-docs can report: loader codes, suppression codes, the policies.
- ``policy_docs``  -- a policy's documentation page, read from its docstring.
- ``suppressions`` -- ``# sre-docs: disable=CODE -- reason`` comments.
- ``baseline``     -- accepted findings, matched by a fingerprint that survives unrelated edits.
- ``formatters``   -- findings as text, JSON, SARIF, JUnit and GitHub annotations.
"""
