"""Maturity scorecards derived from the evidence in the reliability repo.

- ``rules.yaml`` / ``rules``  -- what each level of each dimension requires (data, tunable in sre-docs.yaml).
- ``evidence`` and ``checks_*`` -- the named, pure checks that criteria are built from.
- ``score``   -- one service's scorecard: levels, maturity total and band, the 0-100 rubric, what to fix.
- ``org``     -- the organisation view: leaderboards, band distribution, where to invest next.
- ``history`` -- the same scores at earlier commits (GitPython), cached per commit.
- ``report``  -- terminal text and JSON for the CLI.

The site's page builders live in ``sre_docs.handbook.scorecards``.
"""
