"""The impact comment on a GitHub pull request: one comment, edited in place, plus the job summary.

``sre-docs diff --github`` hands its Markdown here. It always goes to the job summary
(``$GITHUB_STEP_SUMMARY``). On a pull request from the repository itself it also goes to a
single comment: the comment that starts with the hidden marker is edited on every push, and
one is created only when none exists, so a busy pull request never collects copies. A pull
request from a fork runs with a read-only token, so it gets the summary only (GitHub's rule,
not ours), and says so in the log.

Only GitHub's own environment is read (``GITHUB_EVENT_PATH``, ``GITHUB_REPOSITORY``,
``GITHUB_API_URL``, ``GITHUB_TOKEN``); the REST calls are the documented issue-comment
endpoints, made with the standard library.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sre_docs.impact.renderers import COMMENT_MARKER

#: Comments read per page while looking for ours (GitHub's maximum).
PAGE_SIZE = 100
#: Pages read at most: a pull request with more than 2,000 comments gets a new one.
MAX_PAGES = 20


@dataclass(frozen=True)
class PullRequest:
    repository: str  # owner/name of the base repository
    number: int
    fork: bool


def pull_request(environ: Mapping[str, str]) -> PullRequest | None:
    """The pull request this job runs for, from the event GitHub wrote; None outside a pull request."""
    path = environ.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pr = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pr, dict) or not isinstance(pr.get("number"), int):
        return None
    base = _repo_name(pr.get("base")) or environ.get("GITHUB_REPOSITORY", "")
    head = _repo_name(pr.get("head"))
    return PullRequest(base, pr["number"], fork=head is not None and head != base)


def _repo_name(side: Any) -> str | None:
    repo = side.get("repo") if isinstance(side, dict) else None
    name = repo.get("full_name") if isinstance(repo, dict) else None
    return name if isinstance(name, str) else None


def ours(comments: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first comment that starts with the marker (the one to edit), if any."""
    return next((c for c in comments if isinstance(c.get("body"), str) and c["body"].startswith(COMMENT_MARKER)), None)


Request = Callable[[str, str, dict[str, Any] | None], Any]


def api(environ: Mapping[str, str], token: str) -> Request:
    """A JSON call to the GitHub REST API: (method, path, body) -> the decoded answer."""
    base = environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")

    def call(method: str, path: str, body: dict[str, Any] | None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28", "Content-Type": "application/json",
            "User-Agent": "sre-docs",
        })
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    return call


def upsert_comment(call: Request, pr: PullRequest, body: str) -> str:
    """Edit our comment or create it; returns "updated" or "created"."""
    path = f"/repos/{pr.repository}/issues/{pr.number}/comments"
    for page in range(1, MAX_PAGES + 1):
        comments = call("GET", f"{path}?per_page={PAGE_SIZE}&page={page}", None)
        if not isinstance(comments, list):
            break
        found = ours(comments)
        if found is not None:
            call("PATCH", f"/repos/{pr.repository}/issues/comments/{found['id']}", {"body": body})
            return "updated"
        if len(comments) < PAGE_SIZE:
            break
    call("POST", path, {"body": body})
    return "created"


def publish(markdown: str, environ: Mapping[str, str], *, request: Request | None = None) -> list[str]:
    """Write the job summary and the sticky comment; returns what was done, one line each, for the log."""
    notes = []
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        # The runner hands every step this file to append to; it is GitHub's, not the repository's.
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown)
        notes.append("impact written to the job summary")
    pr = pull_request(environ)
    if pr is None:
        return [*notes, "not a pull request: no comment"]
    if pr.fork:
        return [*notes, "pull request from a fork: its token cannot comment, so the impact is in the job summary only"]
    token = environ.get("GITHUB_TOKEN", "")
    if not token and request is None:
        return [*notes, "no GITHUB_TOKEN: no comment"]
    try:
        done = upsert_comment(request or api(environ, token), pr, markdown)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return [*notes, f"::warning::the impact comment could not be written ({exc}); it is in the job summary"]
    return [*notes, f"impact comment {done} on #{pr.number}"]
