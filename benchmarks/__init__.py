"""Performance tooling for sre-docs: a synthetic reliability repo and the benchmark that times it.

Nothing here ships with the package. ``benchmarks.corpus`` writes a deterministic repo of any
size; ``benchmarks.run`` lints and renders such repos and compares the times with the floors
that bound them (libyaml's composer, yamllint, a plain MkDocs build).
"""
