"""Builders of the synthetic reliability repo used by the benchmarks and their tests.

``plan`` decides who exists (services, tiers, teams, dependencies); the other modules turn that
plan into documents of each kind; ``emit`` writes them as YAML. Every random choice comes
from a ``random.Random`` seeded with the corpus seed and a stable label, so the same seed
always produces the same bytes.
"""
