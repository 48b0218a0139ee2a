"""From a folder (or a git tree) to parsed, schema-checked documents.

- ``loader``      -- discover files (no links followed), parse, split by kind, validate; per file, in parallel.
- ``precheck``    -- the compiled fast path of the schema check, before cerberus explains what is wrong.
- ``parse_cache`` -- the content-keyed cache of parsed files.
- ``git_changes`` -- what git says: files changed since a ref, the day each file last changed.
"""
