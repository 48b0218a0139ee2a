"""Fuzzing sre-docs with hypothesis: hostile repos in, findings (never tracebacks) out.

Two settings profiles are registered here:

* ``ci`` (the default) -- a fixed budget of examples per test, no deadline and
  ``derandomize=True``, so every CI run tries the same examples and a failure reproduces
  on any machine; the whole folder runs in about a minute on two cores::

      python -m pytest tests/fuzz

* ``long`` -- 5,000 examples per test (fewer for the costliest ones), random seeds,
  failures saved in the ``.hypothesis/`` example database and printed with a
  ``@reproduce_failure`` blob. It takes hours; run it in the background and stop it when
  you like (failures found so far stay in the database and replay on the next run)::

      HYPOTHESIS_PROFILE=long python -m pytest tests/fuzz

  One test at a time: ``HYPOTHESIS_PROFILE=long python -m pytest tests/fuzz -k random_yaml``.

Profiles are applied by the fuzz tests' own ``@fuzz_settings`` decorator (see
``fuzz_support.py``) rather than loaded globally, so running the whole suite does not
change the settings of other folders' property tests. A bug the long run finds should be
pinned as an ``@example`` or a golden case so that the ``ci`` profile keeps checking it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, Verbosity, settings

_QUIET_HEALTH_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                        HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_QUIET_HEALTH_CHECKS,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
)
settings.register_profile(
    "long",
    max_examples=5_000,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=_QUIET_HEALTH_CHECKS,
    verbosity=Verbosity.normal,
)

