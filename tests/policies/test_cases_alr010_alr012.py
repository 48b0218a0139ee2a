"""Deployed Prometheus rule files (ALR010-ALR012): every deployed alert has a runbook, case by case.

Each rule file below starts the same way, so its first alert's name sits on line 4 at column 16
(after ``      - alert: ``, 15 characters)::

    1 groups:
    2   - name: app
    3     rules:
    4       - alert: <name>
    5         expr: up == 0
    6         labels: {...}            (when given)
    7         annotations: {...}       (when given)

The case runner writes ``sre-docs.yaml`` as ``today: ...`` followed by the case's config, so the
config's ``rule_files`` list is on line 3 and its first glob starts at column 16 of that line
(``  rule_files: [`` is 15 characters, then the quote).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case
from sre_docs.lint.config import ConfigError, load_config
from sre_docs.lint.deployed_rules import parse_rule_file, read_deployed, resolves_to_runbook
from sre_docs.loading.site_settings import SiteSettings
from sre_docs.yamltext.parse import Limits

RULES = "deploy/app.rules.yaml"
CONFIG = 'prometheus:\n  rule_files: ["deploy/*.rules.yaml"]\n'
SITE = {"mkdocs.yml": "site_name: Handbook\nsite_url: https://sre.example.com/hb/\n"}
RUNBOOK = {"services/checkout/runbooks/high-error-rate.yaml": (
    "runbook:\n  title: Checkout error rate is high\n  alert_name: checkout-high-error-rate\n"
    "  last_updated: 2026-11-02\n")}
#: The handbook page of that runbook: services/checkout/runbooks/<slug of alert_name>/ below the site URL.
PAGE = "https://sre.example.com/hb/services/checkout/runbooks/checkout-high-error-rate/"
ALERT_DOC = {"services/checkout/alerts.yaml": (
    "alert:\n  name: CheckoutErrors\n  service: checkout\n  severity: P2\n  signal: errors\n"
    "  condition: 5xx ratio above 2%\n  runbook: https://runbooks.example.com/checkout-errors\n")}


def rule(name: str, labels: str = "", annotations: str = "") -> str:
    text = f"      - alert: {name}\n        expr: up == 0\n"
    if labels:
        text += f"        labels: {labels}\n"
    if annotations:
        text += f"        annotations: {annotations}\n"
    return text


def rules(*blocks: str) -> dict[str, str]:
    return {RULES: "groups:\n  - name: app\n    rules:\n" + "".join(blocks)}


def no_runbook(name: str, where: str = "") -> str:
    return (f"deployed alert {name!r} has no runbook_url annotation and no alert document{where} is named "
            f"{name!r}; every alert needs a runbook")


ALR010_CASES = [
    Case("no runbook_url and no alert document: at the alert's name", rules(rule("AppDown")),
         (Expected("ALR010", RULES, 4, 16, "error", no_runbook("AppDown")),)),
    Case("the service label narrows the match to that service's folder",
         {**ALERT_DOC, **rules(rule("CheckoutErrors", "{service: payments}"))},
         (Expected("ALR010", RULES, 4, 16, "error", no_runbook("CheckoutErrors", " in services/payments/")),)),
    Case("an alert document of the same name matches (no service label: any service)",
         {**ALERT_DOC, **rules(rule("CheckoutErrors"))}),
    Case("an alert document of the same name in the labelled service matches",
         {**ALERT_DOC, **rules(rule("CheckoutErrors", "{service: checkout}"))}),
    Case("sre-docs' own export labels the service sre_docs_service, which wins over service",
         {**ALERT_DOC, **rules(rule("CheckoutErrors", "{sre_docs_service: checkout, service: web}"))}),
    Case("a runbook_url, whatever it says, is ALR011's concern",
         rules(rule("AppDown", annotations="{runbook_url: 'https://wiki.example.com/app-down'}"))),
    Case("an empty runbook_url is no runbook", rules(rule("AppDown", annotations="{runbook_url: ''}")),
         (Expected("ALR010", RULES, 4, 16, "error", no_runbook("AppDown")),)),
    Case("recording rules page no one", {RULES: "groups:\n  - name: app\n    rules:\n      - record: a:b\n"
                                                "        expr: sum(up)\n"}),
    Case("the second alert of a file, below a recording rule",
         {RULES: "groups:\n  - name: app\n    rules:\n      - record: a:b\n        expr: sum(up)\n"
                 "      - alert: AppDown\n        expr: a:b == 0\n"},
         (Expected("ALR010", RULES, 6, 16, "error", no_runbook("AppDown")),)),
]


@pytest.mark.parametrize("case", ALR010_CASES, ids=str)
def test_alr010(tmp_path: Path, case: Case) -> None:
    case = Case(case.description, case.files, case.expected, CONFIG)
    assert run_case(tmp_path, "ALR010", case) == sorted(case.expected)


def unresolved(name: str, url: str, where: str = " at https://sre.example.com/hb/") -> str:
    return (f"deployed alert {name!r}: runbook_url {url!r} is not a runbook page of the handbook{where}, "
            f"and no alert document is named {name!r}")


def with_url(url: str) -> dict[str, str]:
    return {**SITE, **RUNBOOK, **rules(rule("AppDown", annotations=f"{{runbook_url: '{url}'}}"))}


ALR011_CASES = [
    Case("the runbook's page under site_url resolves", with_url(PAGE)),
    Case("the same page from the site root resolves", with_url("/hb/services/checkout/runbooks/checkout-high-error-rate/")),
    Case("the same page relative to the site root resolves",
         with_url("services/checkout/runbooks/checkout-high-error-rate")),
    Case("a wiki page is not a runbook page of the handbook", with_url("https://wiki.example.com/app-down"),
         (Expected("ALR011", RULES, 4, 16, "error", unresolved("AppDown", "https://wiki.example.com/app-down")),)),
    Case("a misspelt page does not resolve", with_url(PAGE.replace("error", "eror")),
         (Expected("ALR011", RULES, 4, 16, "error", unresolved("AppDown", PAGE.replace("error", "eror"))),)),
    Case("without site_url, an absolute URL resolves by its path",
         {**RUNBOOK, **rules(rule("AppDown", annotations=f"{{runbook_url: '{PAGE}'}}"))}),
    Case("without site_url, the message names no site",
         {**RUNBOOK, **rules(rule("AppDown", annotations="{runbook_url: 'https://x.example.com/runbooks/'}"))},
         (Expected("ALR011", RULES, 4, 16, "error", unresolved("AppDown", "https://x.example.com/runbooks/", "")),)),
    Case("a matching alert document makes the URL irrelevant",
         {**SITE, **ALERT_DOC, **rules(rule("CheckoutErrors", annotations="{runbook_url: 'https://wiki/x'}"))}),
]


@pytest.mark.parametrize("case", ALR011_CASES, ids=str)
def test_alr011(tmp_path: Path, case: Case) -> None:
    case = Case(case.description, case.files, case.expected, CONFIG)
    assert run_case(tmp_path, "ALR011", case) == sorted(case.expected)


ALR012_CASES = [
    Case("bad YAML is a finding at the parser's position, never a traceback", {RULES: "groups: [\n"},
         (Expected("ALR012", RULES, 2, 1, "error", "not a readable rule file: syntax error: did not find expected "
                                                  "node content (while parsing a flow node)"),)),
    Case("a file that is not groups: [...]", {RULES: "- alert: AppDown\n  expr: up == 0\n"},
         (Expected("ALR012", RULES, 1, 1, "error",
                   "not a Prometheus rule file: expected groups: [{name, rules: [...]}]"),)),
    Case("a group without a list of rules", {RULES: "groups:\n  - name: app\n    rules: 3\n"},
         (Expected("ALR012", RULES, 2, 5, "error", "a rule group needs a list of rules"),)),
    Case("an alert name that is not text", {RULES: "groups:\n  - name: app\n    rules:\n      - alert: [a]\n"
                                                   "        expr: up == 0\n"},
         (Expected("ALR012", RULES, 4, 16, "error", "alert name ['a'] is not text"),)),
    Case("a glob that matches no file is reported at the glob", {"deploy/other.yaml": "groups: []\n"},
         (Expected("ALR012", "sre-docs.yaml", 3, 16, "error",
                   "prometheus.rule_files glob 'deploy/*.rules.yaml' matches no file, so no deployed alert is "
                   "checked"),)),
    Case("a binary file", {RULES: "groups:\n  - name: \x00\n"},
         (Expected("ALR012", RULES, 2, 11, "error", "not a readable rule file: syntax error: control characters "
                                                   "are not allowed (character 0)"),)),
    Case("empty documents are skipped", {RULES: "---\n---\ngroups: []\n"}),
]


@pytest.mark.parametrize("case", ALR012_CASES, ids=str)
def test_alr012(tmp_path: Path, case: Case) -> None:
    case = Case(case.description, case.files, case.expected, CONFIG)
    assert run_case(tmp_path, "ALR012", case) == sorted(case.expected)


# --- the URL forms, one by one -----------------------------------------------------------------------

RUNBOOK_PAGES = {"services/checkout/runbooks/checkout-high-error-rate/"}
AT_HB = SiteSettings("https://sre.example.com/hb/")


@pytest.mark.parametrize("url, site, expected", [
    (PAGE, AT_HB, True),
    (PAGE.rstrip("/"), AT_HB, True),
    (PAGE + "index.html", AT_HB, True),
    (PAGE + "#diagnosis", AT_HB, True),
    (PAGE.replace("sre.example", "SRE.example"), AT_HB, True),  # host names are case-insensitive
    (PAGE.replace("https", "http"), AT_HB, False),              # another site
    (PAGE.replace("/hb/", "/"), AT_HB, False),                  # outside the site's path
    (PAGE.replace("sre.", "www."), AT_HB, False),
    (PAGE.replace("https", "ftp"), AT_HB, False),
    ("https://sre.example.com/hb/services/checkout/runbooks/", AT_HB, False),  # the folder, not the page
    ("https://sre.example.com/hb", AT_HB, False),
    ("/hb/services/checkout/runbooks/checkout-high-error-rate/", AT_HB, True),
    ("/services/checkout/runbooks/checkout-high-error-rate/", AT_HB, False),   # a browser would leave /hb/
    ("services/checkout/runbooks/checkout-high-error-rate/", AT_HB, True),
    ("services/checkout/runbooks/checkout-high-error-rate.md", AT_HB, False),  # the source file, not a URL
    ("", AT_HB, False),
    ("https://sre.example.com/hb/services/checkout/runbooks/checkout high error rate/", AT_HB, False),
    # Without a site_url the host is unknown: the path must end with the page's path.
    ("https://any.example.org/handbook/services/checkout/runbooks/checkout-high-error-rate/", SiteSettings(None), True),
    ("/services/checkout/runbooks/checkout-high-error-rate", SiteSettings(None), True),
    ("https://any.example.org/myservices/checkout/runbooks/checkout-high-error-rate/", SiteSettings(None), False),
    ("mailto:sre@example.com", SiteSettings(None), False),
    ("https://sre.example.com/services/checkout/runbooks/checkout-high-error-rate/", SiteSettings("https://sre.example.com"),
     True),
])
def test_runbook_url_forms(url: str, site: SiteSettings, expected: bool) -> None:
    assert resolves_to_runbook(url, RUNBOOK_PAGES, site) is expected


def test_without_directory_urls_the_page_is_an_html_file() -> None:
    site = SiteSettings("https://sre.example.com/", directory_urls=False)
    pages = {"services/checkout/runbooks/checkout-high-error-rate.html"}
    assert resolves_to_runbook("https://sre.example.com/services/checkout/runbooks/checkout-high-error-rate.html",
                               pages, site)
    assert not resolves_to_runbook(PAGE.replace("/hb/", "/"), pages, site)


# --- reading the files ---------------------------------------------------------------------------------


def test_a_linked_or_oversized_rules_file_is_a_problem_not_a_read(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("groups: []\n")
    (tmp_path / "link.yaml").symlink_to(target)
    big = tmp_path / "big.yaml"
    big.write_text("groups: []\n" + "#" * 100 + "\n")
    deployed = read_deployed(tmp_path, (), (tmp_path / "link.yaml", big, tmp_path / "gone.yaml"),
                             limits=Limits(max_file_bytes=50))
    assert [(p.path, p.line, p.column, p.message) for p in deployed.problems] == [
        ("big.yaml", 1, 1, "big.yaml is 112 bytes, over the 50-byte limit"),  # 11 + 100 + 1 bytes
        ("gone.yaml", 1, 1, "cannot read gone.yaml: No such file or directory"),
        ("link.yaml", 1, 1, "link.yaml is not a regular file (symbolic links and devices are not followed)"),
    ]
    assert deployed.files == 0


def test_globs_walk_from_their_literal_folder_and_never_into_links(tmp_path: Path) -> None:
    (tmp_path / "deploy" / "a").mkdir(parents=True)
    (tmp_path / "deploy" / "a" / "x.rules.yaml").write_text("groups: []\n")
    (tmp_path / "deploy" / "b.rules.yaml").write_text("groups: []\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "y.rules.yaml").write_text("groups: []\n")
    (tmp_path / "deploy" / "linked").symlink_to(tmp_path / "elsewhere")
    from sre_docs.lint.config import RuleGlob

    deployed = read_deployed(tmp_path, (RuleGlob("deploy/**/*.rules.yaml", "sre-docs.yaml", 1, 1),))
    assert deployed.files == 2 and deployed.problems == []


def test_alerts_keep_their_labels_and_annotations_as_text() -> None:
    alerts, problems = parse_rule_file(
        b"groups:\n- name: g\n  rules:\n  - alert: A\n    labels: {n: 3, empty: null, nested: {a: b}}\n"
        b"    annotations: {runbook_url: x}\n", "r.yaml")
    assert problems == []
    assert [(a.name, a.line, a.column, a.labels, a.annotations) for a in alerts] == [
        ("A", 4, 12, (("n", "3"),), (("runbook_url", "x"),))]


# --- configuration -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, message", [
    ("prometheus:\n  rule_files: deploy/*.yaml\n",
     "sre-docs.yaml:2:15: prometheus.rule_files is a list of globs such as deploy/prometheus/*.rules.yaml"),
    ("prometheus:\n  rule_files: [3]\n", "sre-docs.yaml:2:16: prometheus.rule_files entries are globs (text), got 3"),
    ("prometheus:\n  rule_files: ['/etc/prometheus/*.yaml']\n",
     "sre-docs.yaml:2:16: '/etc/prometheus/*.yaml' leaves the repository; rule_files globs are relative to the "
     "repo root (pass files elsewhere with sre-docs lint --rules)"),
    ("prometheus:\n  rule_files: ['deploy/../../x.yaml']\n",
     "sre-docs.yaml:2:16: 'deploy/../../x.yaml' leaves the repository; rule_files globs are relative to the "
     "repo root (pass files elsewhere with sre-docs lint --rules)"),
    ("prometheus:\n  rule_file: []\n",
     "sre-docs.yaml:2:3: unknown setting 'rule_file' for prometheus; did you mean 'rule_files'?"),
])
def test_bad_rule_files_settings_stop_the_run(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "sre-docs.yaml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, environ={})
    assert str(caught.value) == f"invalid config: {message}" or str(caught.value) == message


# --- the command line, end to end ----------------------------------------------------------------------


def _sre_docs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(["sre-docs", *args], cwd=root, capture_output=True, text=True, env=env, check=False)


def test_lint_rules_flag_then_import_prometheus_on_the_same_file(tmp_path: Path) -> None:
    """A newcomer's path: lint names the deployed alert without a runbook; importing the file turns it into an
    alert document, which then matches, and ALR001 asks for the runbook in the repo instead."""
    (tmp_path / "services" / "checkout").mkdir(parents=True)
    (tmp_path / "sre-docs.yaml").write_text("today: 2026-11-26\n")
    outside = tmp_path.parent / f"{tmp_path.name}-deployed.yaml"
    outside.write_text("groups:\n  - name: checkout\n    rules:\n      - alert: CheckoutErrors\n"
                       "        expr: rate(http_requests_total{code=~'5..'}[5m]) > 1\n"
                       "        labels: {service: checkout, severity: page}\n")
    first = _sre_docs(tmp_path, "lint", "--rules", str(outside))
    assert first.returncode == 1
    shown = outside.as_posix()
    assert (f"{shown}:4:16: error ALR010 deployed alert 'CheckoutErrors' has no runbook_url annotation and no "
            "alert document in services/checkout/ is named 'CheckoutErrors'; every alert needs a runbook") in first.stdout
    imported = _sre_docs(tmp_path, "import", "prometheus", str(outside))
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "services" / "checkout" / "prometheus-alerts.yaml").is_file()
    second = _sre_docs(tmp_path, "lint", "--rules", str(outside))
    assert "ALR010" not in second.stdout
    assert "ALR001" in second.stdout
    missing = _sre_docs(tmp_path, "lint", "--rules", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith(f"--rules {tmp_path / 'nope.yaml'}: no such file")


def test_in_process_lint_with_rules_outside_the_repo_and_globs_from_a_missing_folder(tmp_path: Path, capsys) -> None:
    """The same run in-process: a file outside the repo keeps its own path, a glob whose folder is missing is
    reported, a rule without alert or record is skipped (Prometheus refuses it itself)."""
    from sre_docs.cli import main

    root = tmp_path / "repo"
    (root / "services" / "checkout").mkdir(parents=True)
    (root / "sre-docs.yaml").write_text("today: 2026-11-26\nprometheus:\n  rule_files: [missing/*.yaml]\n")
    outside = tmp_path / "deployed.yaml"
    outside.write_text("groups:\n  - name: g\n    rules:\n      - expr: up\n      - alert: AppDown\n"
                       "        expr: up == 0\n")
    assert main(["lint", "--root", str(root), "--rules", str(outside), "--format", "json"]) == 1
    import json as _json

    found = [(f["code"], f["path"], f["line"], f["column"]) for f in _json.loads(capsys.readouterr().out)["findings"]
             if f["code"].startswith("ALR01")]
    assert found == [("ALR010", outside.as_posix(), 5, 16), ("ALR012", "sre-docs.yaml", 3, 16)]
