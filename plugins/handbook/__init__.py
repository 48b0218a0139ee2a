"""The ``sre-docs/handbook`` MkDocs plugin: the reliability repo rendered as a handbook.

``config`` holds the typed options, ``plugin`` the event handlers, ``nav`` the merge of
the generated navigation into a site's own ``nav:``; ``handbook.css`` styles the badges
and charts the pages use.
"""
