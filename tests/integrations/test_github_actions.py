"""The GitHub workflows and the composite action: valid shapes, the gates they promise, and a real run.

actionlint is not installable here as a wheel, so the files are checked against a minimal
JSON Schema of GitHub's workflow and action syntax (written from GitHub's documentation),
after parsing them as YAML 1.2 -- the way GitHub reads ``on:`` as a key, not a boolean.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from integration_helpers import PROJECT
from sre_docs.yamltext.parse import parse_bytes

WORKFLOWS = PROJECT / ".github" / "workflows"
ACTION = PROJECT / "action.yml"

_EXPRESSION = {"type": "string", "pattern": r"^\$\{\{.*\}\}$"}
_SCOPES = ["actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues",
           "models", "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses"]
_PERMISSIONS = {"oneOf": [
    {"enum": ["read-all", "write-all"]},
    {"type": "object", "additionalProperties": False,
     "properties": {scope: {"enum": ["read", "write", "none"]} for scope in _SCOPES}},
]}
_STRING_MAP = {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}}
_STEP = {
    "type": "object",
    "additionalProperties": False,
    "oneOf": [{"required": ["uses"], "not": {"required": ["run"]}}, {"required": ["run"], "not": {"required": ["uses"]}}],
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_-]*$"},
        "if": {"type": ["string", "boolean"]},
        "name": {"type": "string"},
        "uses": {"type": "string", "pattern": r"^(\./.*|[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_.-]+|docker://.+)$"},
        "run": {"type": "string", "minLength": 1},
        "shell": {"type": "string"},
        "with": _STRING_MAP,
        "env": _STRING_MAP,
        "continue-on-error": {"type": ["boolean", "string"]},
        "timeout-minutes": {"type": "number"},
        "working-directory": {"type": "string"},
    },
}
WORKFLOW_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["on", "jobs"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "run-name": {"type": "string"},
        "on": {"anyOf": [
            {"type": "string"}, {"type": "array", "items": {"type": "string"}},
            {"type": "object", "propertyNames": {"enum": [
                "push", "pull_request", "pull_request_target", "schedule", "workflow_dispatch", "workflow_call",
                "release", "merge_group", "workflow_run", "issues", "issue_comment"]},
             "properties": {"schedule": {"type": "array", "minItems": 1, "items": {
                 "type": "object", "required": ["cron"], "additionalProperties": False,
                 "properties": {"cron": {"type": "string", "pattern": r"^(\S+\s+){4}\S+$"}}}}}},
        ]},
        "permissions": _PERMISSIONS,
        "env": _STRING_MAP,
        "defaults": {"type": "object"},
        "concurrency": {"anyOf": [{"type": "string"}, {
            "type": "object", "required": ["group"], "additionalProperties": False,
            "properties": {"group": {"type": "string"}, "cancel-in-progress": {"type": ["boolean", "string"]}}}]},
        "jobs": {"type": "object", "minProperties": 1, "additionalProperties": False, "patternProperties": {
            "^[_A-Za-z][A-Za-z0-9_-]*$": {
                "type": "object",
                "required": ["runs-on", "steps"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "needs": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "runs-on": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "permissions": _PERMISSIONS,
                    "environment": {"anyOf": [{"type": "string"}, {
                        "type": "object", "required": ["name"], "additionalProperties": False,
                        "properties": {"name": {"type": "string"}, "url": {"type": "string"}}}]},
                    "concurrency": {"anyOf": [{"type": "string"}, {"type": "object"}]},
                    "outputs": {"type": "object", "additionalProperties": {"type": "string"}},
                    "env": _STRING_MAP,
                    "defaults": {"type": "object"},
                    "if": {"type": ["string", "boolean"]},
                    "timeout-minutes": {"anyOf": [{"type": "number"}, _EXPRESSION]},
                    "strategy": {"type": "object"},
                    "continue-on-error": {"type": ["boolean", "string"]},
                    "container": {"type": ["string", "object"]},
                    "services": {"type": "object"},
                    "steps": {"type": "array", "minItems": 1, "items": _STEP},
                },
            }}},
    },
}
ACTION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "description", "runs"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "description": {"type": "string"},
        "author": {"type": "string"},
        "branding": {"type": "object", "additionalProperties": False,
                     "properties": {"icon": {"type": "string"}, "color": {"enum": [
                         "white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]}}},
        "inputs": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["description"], "additionalProperties": False,
            "properties": {"description": {"type": "string"}, "required": {"type": "boolean"},
                           "default": {"type": "string"}, "deprecationMessage": {"type": "string"}}}},
        "outputs": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["description", "value"], "additionalProperties": False,
            "properties": {"description": {"type": "string"}, "value": {"type": "string"}}}},
        "runs": {"type": "object", "required": ["using", "steps"], "additionalProperties": False, "properties": {
            "using": {"const": "composite"},
            # In a composite action, a `run` step must say its shell.
            "steps": {"type": "array", "minItems": 1, "items": {
                "allOf": [_STEP, {"if": {"required": ["run"]}, "then": {"required": ["shell"]}}]}},
        }},
    },
}


def _load(path: Path):
    parsed = parse_bytes(path.read_bytes(), str(path))
    assert parsed.findings == [] and len(parsed.documents) == 1, parsed.findings
    return parsed.documents[0].value


def _workflow(name: str) -> dict:
    return _load(WORKFLOWS / name)


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job["steps"]


WORKFLOW_FILES = sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def test_the_expected_workflows_exist():
    assert WORKFLOW_FILES == ["ci.yml", "lint.yml", "nightly.yml", "pages-zensical.yml", "pages.yml",
                              "pull-prometheus.yml"]


def test_the_schemas_themselves_are_valid():
    jsonschema.Draft202012Validator.check_schema(WORKFLOW_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(ACTION_SCHEMA)


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_workflow_matches_the_syntax(name):
    errors = sorted(jsonschema.Draft202012Validator(WORKFLOW_SCHEMA).iter_errors(_workflow(name)), key=str)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_the_schema_catches_mistakes():
    broken = _workflow("lint.yml")
    broken["jobs"]["lint"]["steps"].append({"uses": "actions/checkout@v4", "run": "echo both"})
    broken["permissions"] = {"contents": "admin"}
    errors = list(jsonschema.Draft202012Validator(WORKFLOW_SCHEMA).iter_errors(broken))
    assert len(errors) >= 2


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize("path", [*(WORKFLOWS / n for n in WORKFLOW_FILES), ACTION], ids=lambda p: p.name)
def test_scripts_take_untrusted_values_from_env_only(path):
    """``${{ … }}`` pasted into a script is evaluated before bash runs: a branch name could inject code."""
    document = _load(path)
    steps = document["runs"]["steps"] if path == ACTION else list(_steps(document))
    for step in steps:
        assert "${{" not in step.get("run", ""), step
    for text in _texts(document):
        assert text.count("${{") == text.count("}}") or "{{" in text.replace("${{", ""), text


@pytest.mark.parametrize("path", [*(WORKFLOWS / n for n in WORKFLOW_FILES), ACTION], ids=lambda p: p.name)
def test_actions_are_pinned_to_a_version(path):
    document = _load(path)
    steps = document["runs"]["steps"] if path == ACTION else list(_steps(document))
    for step in steps:
        if "uses" in step:
            assert re.search(r"@(v\d+|[0-9a-f]{40})$", step["uses"]), step["uses"]


def test_pull_request_gate():
    workflow = _workflow("lint.yml")
    assert "pull_request" in workflow["on"]
    job = workflow["jobs"]["lint"]
    assert job["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    assert workflow["permissions"] == {"contents": "read"}
    steps = job["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/setup-python@") for s in steps)
    assert any(s.get("run") == "pip install ." for s in steps)
    gate = next(s for s in steps if "--format github" in s.get("run", ""))
    assert gate["run"] == 'sre-docs lint --since "origin/$BASE_REF" --format github'
    assert gate["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    sarif = next(s for s in steps if "--format sarif" in s.get("run", ""))
    assert "> sre-docs.sarif" in sarif["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "sre-docs.sarif"


def test_pages_build_and_deploy():
    workflow = _workflow("pages.yml")
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert any(s.get("run") == "mkdocs build --strict" for s in build["steps"])
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_pages_with_zensical_lints_renders_and_builds(tmp_path):
    """The Zensical variant's own steps, run in order in a copy of the example (installing aside)."""
    import shutil
    import sys

    workflow = _workflow("pages-zensical.yml")
    build = workflow["jobs"]["build"]
    runs = [s["run"] for s in build["steps"] if "run" in s and not s["run"].startswith("pip install")]
    assert runs == ["sre-docs lint --format github", "sre-docs handbook render --out build/handbook",
                    "zensical build --strict -f build/handbook/mkdocs.yml"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "build/handbook/site"
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "zensical").exists():
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("services", "org", "docs", "mkdocs.yml", "sre-docs.yaml"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GITHUB_ACTIONS", None)
    for command in runs:
        result = subprocess.run(["bash", "-e", "-c", command], cwd=root, env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
    assert (root / "build/handbook/site/services/checkout/index.html").is_file()


def test_nightly_lint_runs_on_a_schedule():
    workflow = _workflow("nightly.yml")
    crons = [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert len(crons) == 1
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*") and 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    runs = [s.get("run", "") for s in _steps(workflow)]
    assert any(r.startswith("sre-docs lint") or "\nsre-docs lint" in r for r in runs)


def test_pull_prometheus_runs_daily_and_proposes_a_pull_request():
    workflow = _workflow("pull-prometheus.yml")
    crons = [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert len(crons) == 1
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*") and 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["pull"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    pull = next(s for s in job["steps"] if s.get("name") == "Pull measurements")
    # The URL and the token come from the repository's settings, through the environment only.
    assert pull["env"] == {"PROMETHEUS_URL": "${{ vars.PROMETHEUS_URL }}",
                           "PROMETHEUS_AUTHORIZATION": "${{ secrets.PROMETHEUS_AUTHORIZATION }}"}
    propose = next(s for s in job["steps"] if s.get("name") == "Open or update the pull request")
    assert propose["env"]["GH_TOKEN"] == "${{ github.token }}"


def _pull_steps() -> tuple[str, str]:
    steps = {s.get("name"): s["run"] for s in _workflow("pull-prometheus.yml")["jobs"]["pull"]["steps"] if "run" in s}
    return steps["Pull measurements"], steps["Open or update the pull request"]


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def test_the_pull_workflow_runs_and_opens_then_updates_one_pull_request(live_prometheus, tmp_path):
    """Both steps' scripts run as the runner runs them (bash -eo pipefail), against the real Prometheus, pushing
    to a local bare remote; ``gh`` is a recorder on PATH, since GitHub's API is not reachable from the tests."""
    import shutil

    repo, origin, bin_dir = tmp_path / "repo", tmp_path / "origin.git", tmp_path / "bin"
    for part in ("services", "org"):
        shutil.copytree(PROJECT / part, repo / part)
    shutil.copy(PROJECT / "sre-docs.yaml", repo / "sre-docs.yaml")
    for path in (repo / "services" / "checkout" / "measurements").glob("*.yaml"):
        path.unlink()
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    _git(repo.parent, "init", "-q", "-b", "main", str(repo))
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "example")
    _git(repo, "remote", "add", "origin", str(origin))
    _git(repo, "push", "-q", "origin", "main")
    bin_dir.mkdir()
    calls = tmp_path / "gh-calls"
    (bin_dir / "gh").write_text(
        "#!/bin/bash\n"
        f'echo "$*" >> {calls}\n'
        # `gh pr view` answers OPEN once a pull request was created.
        f'if [ "$1 $2" = "pr view" ]; then grep -q "^pr create" {calls} && echo OPEN || exit 1; fi\n'
    )
    (bin_dir / "gh").chmod(0o755)
    pull, propose = _pull_steps()
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PROMETHEUS_URL": live_prometheus,
           "PROMETHEUS_AUTHORIZATION": "", "GH_TOKEN": "x", "BRANCH": "sre-docs/pull-prometheus",
           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}

    def run(script: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=300)

    for _day in (1, 2):
        _git(repo, "checkout", "-q", "-f", "main")
        _git(repo, "clean", "-q", "-fd")
        pulled = run(pull)
        # Other services' SLIs have no series on the test server: findings (exit 1), and the step goes on.
        assert pulled.returncode == 0, pulled.stdout + pulled.stderr
        assert "PULL003" in pulled.stdout and "row(s) added" in pulled.stdout
        proposed = run(propose)
        assert proposed.returncode == 0, proposed.stderr
        files = _git(origin, "ls-tree", "-r", "--name-only", "sre-docs/pull-prometheus", "services/checkout/measurements")
        assert files.split() == ["services/checkout/measurements/checkout-availability.yaml",
                                 "services/checkout/measurements/checkout-latency.yaml"]
        assert _git(origin, "log", "--format=%s", "sre-docs/pull-prometheus").splitlines() == [
            "Measurements pulled from Prometheus", "example"]
    made = calls.read_text().splitlines()
    assert [line.split(" --")[0] for line in made] == [
        "pr view sre-docs/pull-prometheus", "pr create", "pr view sre-docs/pull-prometheus",
        "pr edit sre-docs/pull-prometheus"]
    assert "```" in (tmp_path / "summary.md").read_text()

    # Prometheus out of reach: the pull step fails (exit 2) and nothing is left to propose.
    _git(repo, "checkout", "-q", "-f", "main")
    env["PROMETHEUS_URL"] = "http://127.0.0.1:9/"
    failed = run(pull)
    assert failed.returncode == 2
    assert _git(repo, "status", "--porcelain", "--", "services") == ""


def test_ci_runs_the_project_entry_point():
    runs = [s.get("run") for s in _steps(_workflow("ci.yml"))]
    assert "bash .ci/run" in runs


# --- the composite action -----------------------------------------------------------------------------------


def test_action_matches_the_syntax():
    action = _load(ACTION)
    errors = list(jsonschema.Draft202012Validator(ACTION_SCHEMA).iter_errors(action))
    assert [e.message for e in errors] == []
    assert set(action["inputs"]) >= {"root", "since", "format", "fail-on", "version", "args"}


def _lint_script() -> str:
    return next(s for s in _load(ACTION)["runs"]["steps"] if s.get("id") == "lint")["run"]


@pytest.mark.parametrize(("repo", "inputs", "exit_code"), [
    ("empty", {}, 0),                                     # nothing to report
    ("small", {"ARGS": "--service checkout"}, 1),         # findings at the failing level
    ("small", {"FAIL_ON": "error", "ARGS": "--service nowhere"}, 2),  # usage error
])
def test_the_action_lint_step_runs(small_repo, tmp_path, repo, inputs, exit_code):
    """The step's own bash script, run as the runner would run it (inputs arrive as env)."""
    root = small_repo
    if repo == "empty":
        root = tmp_path / "empty"
        (root / "services").mkdir(parents=True)
    output = tmp_path / "github_output"
    report = tmp_path / "report.json"
    env = {**os.environ, "ROOT": str(root), "SINCE": "", "FORMAT": "json", "FAIL_ON": "", "OUTPUT": str(report),
           "EXTRA_ARGS": inputs.get("ARGS", ""), "GITHUB_OUTPUT": str(output)}
    env.update({k: v for k, v in inputs.items() if k != "ARGS"})
    result = subprocess.run(["bash", "-e", "-c", _lint_script()], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == exit_code, result.stderr
    assert output.read_text() == f"exit-code={exit_code}\n"
    if exit_code < 2:
        findings = json.loads(report.read_text())["findings"]
        assert bool(findings) == (exit_code == 1)
        assert all(f["service"] == "checkout" for f in findings)


# --- the reliability impact comment ---------------------------------------------------------------------------


class _FakeGitHub:
    """A local stand-in for GitHub's issue-comment endpoints that records every call."""

    def __init__(self, comments: list[dict] | None = None) -> None:
        import http.server
        import threading

        self.comments = comments or []
        self.calls: list[tuple[str, str, dict | None]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self, status: int, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length)) if length else None

            def do_GET(self):
                fake.calls.append(("GET", self.path, None))
                assert self.headers["Authorization"] == "Bearer t0ken"
                self._answer(200, fake.comments)

            def do_POST(self):
                body = self._body()
                fake.calls.append(("POST", self.path, body))
                fake.comments.append({"id": 100 + len(fake.comments), "body": body["body"]})
                self._answer(201, fake.comments[-1])

            def do_PATCH(self):
                body = self._body()
                fake.calls.append(("PATCH", self.path, body))
                number = int(self.path.rsplit("/", 1)[1])
                next(c for c in fake.comments if c["id"] == number)["body"] = body["body"]
                self._answer(200, {"id": number})

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def pr_repo(tmp_path):
    """The example organisation on main, and a pull request's change to it in the work tree."""
    import shutil

    root = tmp_path / "repo"
    root.mkdir()
    for name in ("services", "org"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *command], cwd=root, check=True, env=env, capture_output=True)
    rotation = root / "org/oncall/discovery-oncall.yaml"
    rotation.write_text(rotation.read_text().replace(
        "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado, felix.wagner]\n",
        "  members: [kenji.mori, laura.bianchi, omar.siddiqui, rosa.delgado]\n"))
    return root


def _event(tmp_path, head: str = "acme/reliability") -> Path:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"repo": {"full_name": "acme/reliability"}},
                                                  "head": {"repo": {"full_name": head}}}}))
    return event


def _impact_script(source: str) -> tuple[str, dict]:
    if source == "action":
        step = next(s for s in _load(ACTION)["runs"]["steps"] if s.get("id") == "impact")
    else:
        step = next(s for s in _workflow("lint.yml")["jobs"]["impact"]["steps"] if s.get("name") == "Reliability impact")
    return step["run"], step


def _run_impact(source: str, root: Path, tmp_path: Path, github: _FakeGitHub, event: Path):
    script, _ = _impact_script(source)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "ROOT": str(root), "GITHUB_TOKEN": "t0ken", "GITHUB_API_URL": github.url,
           "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "acme/reliability",
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"}
    env.pop("GITHUB_BASE_REF", None)
    result = subprocess.run(["bash", "-e", "-c", script], env=env, cwd=root, capture_output=True, text=True,
                            timeout=120)
    return result, summary


def test_the_impact_steps_are_wired():
    job = _workflow("lint.yml")["jobs"]["impact"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    _, step = _impact_script("workflow")
    assert step["run"] == "sre-docs diff --github" and step["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    action = _load(ACTION)
    assert action["inputs"]["impact"]["default"] == "false"
    assert action["inputs"]["github-token"]["default"] == "${{ github.token }}"
    _, step = _impact_script("action")
    assert step["if"] == "always() && inputs.impact == 'true'"
    assert step["env"] == {"ROOT": "${{ inputs.root }}", "GITHUB_TOKEN": "${{ inputs.github-token }}"}


@pytest.mark.parametrize("source", ["workflow", "action"])
def test_the_impact_comment_is_created_once_then_edited_in_place(pr_repo, tmp_path, source):
    github = _FakeGitHub([{"id": 1, "body": "Looks good to me"}])
    try:
        first, summary = _run_impact(source, pr_repo, tmp_path, github, _event(tmp_path))
        assert first.returncode == 0, first.stderr
        second, _ = _run_impact(source, pr_repo, tmp_path, github, _event(tmp_path))
        assert second.returncode == 0, second.stderr
    finally:
        github.close()
    path = "/repos/acme/reliability/issues/7/comments"
    assert [(method, url) for method, url, _ in github.calls] == [
        ("GET", f"{path}?per_page=100&page=1"), ("POST", path),
        ("GET", f"{path}?per_page=100&page=1"), ("PATCH", "/repos/acme/reliability/issues/comments/101"),
    ]
    assert len(github.comments) == 2 and github.comments[0]["body"] == "Looks good to me"
    body = github.comments[1]["body"]
    assert body.startswith("<!-- sre-docs:diff -->\n")
    assert "on-call rotation discovery&#45;oncall shrinks from 5 to 4 people, below the minimum of 5" in body
    assert summary.read_text() == body * 2  # each run appends its summary
    assert first.stderr.splitlines() == ["sre-docs: impact written to the job summary",
                                         "sre-docs: impact comment created on #7"]
    assert second.stderr.splitlines()[-1] == "sre-docs: impact comment updated on #7"


def test_a_fork_gets_the_summary_only(pr_repo, tmp_path):
    github = _FakeGitHub()
    try:
        result, summary = _run_impact("workflow", pr_repo, tmp_path, github, _event(tmp_path, head="someone/fork"))
    finally:
        github.close()
    assert result.returncode == 0, result.stderr
    assert github.calls == []
    assert summary.read_text().startswith("<!-- sre-docs:diff -->\n")
    assert result.stderr.splitlines()[-1] == ("sre-docs: pull request from a fork: its token cannot comment, "
                                              "so the impact is in the job summary only")
