"""The reliability handbook: the repository model rendered as Markdown pages.

The builders here are pure (model in, strings out) and know nothing of MkDocs; the
plugins in ``sre_docs.plugins`` adapt them. Entry point:
``sre_docs.handbook.build.build_handbook``.

Modules: ``markup`` (the one escaping module, for every context), ``charts``, ``diagram`` and
``svg`` (inline SVG), ``tables`` (reference tables from the code's data), ``facts`` and
``operations`` (figures via ``sre_docs.calc``; error budgets from ``sre_docs.model.slo_budgets``),
``site`` (page plan and links), ``scorecards`` (the maturity scorecard pages),
``service_page``, ``doc_pages``,
``org_pages`` (the pages), ``reference`` (kind reference pages), ``policies`` (policy
reference pages), ``sections`` (sections other modules contribute), ``render`` (the
Jinja2 environment), ``build`` (assembly and navigation).

The package imports nothing on its own, so each module can be used alone.
"""
