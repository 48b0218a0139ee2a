"""YAML as text: reading it with a position on every value, editing it in place, writing it safely.

- ``parse``      -- YAML 1.2 from libyaml's event stream, positions beside the data, hostile-input limits.
- ``spans``      -- where a key or value sits in the text, for surgical edits.
- ``edit``       -- change one value or append one item and keep every other byte of the file.
- ``safe_write`` -- atomic, no-overwrite, no-symlink writes of the files sre-docs creates or edits.
"""
