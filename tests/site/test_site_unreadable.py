"""A file that fails to parse is named as the cause, not reported as a missing document (first-hour issue)."""

from __future__ import annotations

import html
from pathlib import Path

from conftest import base_config, build_site, make_site

from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint

BROKEN_CATALOG = "service:\n  name: payments\n  tier: [important\n  owner_team: payments-team\n"


def _break_payments(root: Path) -> None:
    (root / "services/payments/service.yaml").write_text(BROKEN_CATALOG, encoding="utf-8")


def _findings(root: Path) -> set[tuple[str, str, int, int]]:
    return {(f.code, f.path, f.line, f.column) for f in lint(root, load_config(root), use_git=False).findings}


def test_a_syntax_error_is_the_only_new_finding(tmp_path: Path) -> None:
    root = make_site(tmp_path, "small").parent
    before = _findings(root)
    _break_payments(root)
    # No CAT005 "has no service document", no SLO005 or PRR001 "has no …" for an important service:
    # the entry is in the file that failed. The flow sequence opened on line 3 never closes; libyaml
    # notices at the next key, line 4 column 13.
    assert _findings(root) - before == {("YAML001", "services/payments/service.yaml", 4, 13)}


def test_the_service_page_names_the_file_and_line_that_failed(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, "small", base_config())
    _break_payments(config_file.parent)
    config = build_site(config_file, strict=False)
    page = html.unescape((Path(config["site_dir"]) / "services/payments/index.html").read_text(encoding="utf-8"))
    assert "could not be read" in page
    assert ("<li><code>services/payments/service.yaml:4:13</code> YAML001 syntax error: did not find expected ',' "
            "or ']' (while parsing a flow sequence)</li>") in page
    assert "has no <code>service</code> document yet" not in page


def test_a_file_name_that_is_not_utf8_builds_with_an_edit_link(tmp_path: Path) -> None:
    """Hostile-repos issue: a non-UTF-8 file name is a finding on the site too, never a traceback."""
    config_file = make_site(tmp_path, "small", base_config())
    broken = config_file.parent / "services" / "checkout"
    with open(bytes(broken) + b"/caf\xe9.yaml", "wb") as stream:
        stream.write(b"slo:\n  name: x\n")
    config = build_site(config_file, strict=False)
    page = html.unescape((Path(config["site_dir"]) / "services/checkout/index.html").read_text(encoding="utf-8"))
    # The edit link percent-encodes the file name's bytes as they are on disk: 0xE9 -> %E9.
    assert "services/checkout/caf%E9.yaml" in page
