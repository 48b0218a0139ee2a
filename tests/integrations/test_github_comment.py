"""The sticky impact comment (``integrations/github_comment.py``), in-process: GitHub's event file, the comment
search across pages, the REST calls against a local stand-in for the API, and each reason not to comment."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sre_docs.impact.renderers import COMMENT_MARKER
from sre_docs.integrations.github_comment import (
    MAX_PAGES, PAGE_SIZE, PullRequest, api, ours, publish, pull_request, upsert_comment,
)

BODY = COMMENT_MARKER + "\n## Impact\n"


def _event(tmp_path: Path, event: Any) -> dict[str, str]:
    path = tmp_path / "event.json"
    path.write_text(event if isinstance(event, str) else json.dumps(event), encoding="utf-8")
    return {"GITHUB_EVENT_PATH": str(path), "GITHUB_REPOSITORY": "acme/reliability"}


def _pr(number: int = 7, base: str | None = "acme/reliability", head: str | None = "acme/reliability") -> dict:
    side = lambda name: {"repo": {"full_name": name}} if name else {}
    return {"pull_request": {"number": number, "base": side(base), "head": side(head)}}


@pytest.mark.parametrize(("event", "expected"), [
    (_pr(), PullRequest("acme/reliability", 7, fork=False)),
    (_pr(head="someone/reliability"), PullRequest("acme/reliability", 7, fork=True)),
    # No base repo in the event: GITHUB_REPOSITORY names it; no head repo: not a fork.
    (_pr(base=None, head=None), PullRequest("acme/reliability", 7, fork=False)),
    ({"push": {"ref": "main"}}, None),             # a push, not a pull request
    ({"pull_request": {"number": "7"}}, None),     # a number that is not one
    ("[1, 2]", None),                              # valid JSON, not an event
    ("{not json", None),                           # a broken event file
])
def test_the_pull_request_comes_from_githubs_event_file(tmp_path: Path, event: Any, expected: PullRequest | None) -> None:
    assert pull_request(_event(tmp_path, event)) == expected


def test_no_event_file_is_no_pull_request(tmp_path: Path) -> None:
    assert pull_request({}) is None
    assert pull_request({"GITHUB_EVENT_PATH": str(tmp_path / "missing.json")}) is None


def test_ours_is_the_first_comment_that_starts_with_the_marker() -> None:
    comments = [{"id": 1, "body": "LGTM " + COMMENT_MARKER}, {"id": 2, "body": None}, {"id": 3, "body": BODY},
                {"id": 4, "body": BODY}]
    assert ours(comments) == {"id": 3, "body": BODY}
    assert ours(comments[:2]) is None


class FakeApi:
    """Records every call and answers GETs from ``pages`` (a list of comment lists)."""

    def __init__(self, pages: list[Any]) -> None:
        self.pages = pages
        self.calls: list[tuple[str, str, dict | None]] = []

    def __call__(self, method: str, path: str, body: dict | None) -> Any:
        self.calls.append((method, path, body))
        if method == "GET":
            page = int(path.rsplit("page=", 1)[1])
            return self.pages[page - 1] if page <= len(self.pages) else []
        return {"id": 99}


PR = PullRequest("acme/reliability", 7, fork=False)
COMMENTS = "/repos/acme/reliability/issues/7/comments"


def test_our_comment_on_the_second_page_is_edited_in_place() -> None:
    full = [{"id": n, "body": "other"} for n in range(PAGE_SIZE)]
    fake = FakeApi([full, [{"id": 500, "body": "other"}, {"id": 501, "body": BODY}]])
    assert upsert_comment(fake, PR, "new body") == "updated"
    assert fake.calls == [
        ("GET", f"{COMMENTS}?per_page=100&page=1", None),
        ("GET", f"{COMMENTS}?per_page=100&page=2", None),
        ("PATCH", "/repos/acme/reliability/issues/comments/501", {"body": "new body"}),
    ]


def test_a_comment_is_created_when_none_is_ours() -> None:
    # A short page is the last one: one GET, then the POST.
    fake = FakeApi([[{"id": 1, "body": "other"}]])
    assert upsert_comment(fake, PR, "body") == "created"
    assert fake.calls == [("GET", f"{COMMENTS}?per_page=100&page=1", None), ("POST", COMMENTS, {"body": "body"})]


def test_an_answer_that_is_not_a_list_stops_the_search() -> None:
    fake = FakeApi([{"message": "Not Found"}])
    assert upsert_comment(fake, PR, "body") == "created"
    assert [method for method, _, _ in fake.calls] == ["GET", "POST"]


def test_the_search_stops_after_max_pages() -> None:
    """20 full pages (2,000 comments) without ours: a new comment, and never a 21st GET."""
    fake = FakeApi([[{"id": n, "body": "other"} for n in range(PAGE_SIZE)]] * (MAX_PAGES + 5))
    assert upsert_comment(fake, PR, "body") == "created"
    assert [method for method, _, _ in fake.calls] == ["GET"] * MAX_PAGES + ["POST"]


def test_publish_writes_the_summary_and_the_comment(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    environ = {**_event(tmp_path, _pr()), "GITHUB_STEP_SUMMARY": str(summary)}
    fake = FakeApi([[]])
    assert publish(BODY, environ, request=fake) == ["impact written to the job summary", "impact comment created on #7"]
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + BODY  # appended, never replaced
    assert fake.calls[-1] == ("POST", COMMENTS, {"body": BODY})


@pytest.mark.parametrize(("event", "token", "expected"), [
    (None, "t", ["not a pull request: no comment"]),
    (_pr(head="someone/fork"), "t",
     ["pull request from a fork: its token cannot comment, so the impact is in the job summary only"]),
    (_pr(), "", ["no GITHUB_TOKEN: no comment"]),
])
def test_publish_says_why_it_does_not_comment(tmp_path: Path, event: Any, token: str, expected: list[str]) -> None:
    environ = {**(_event(tmp_path, event) if event else {}), "GITHUB_TOKEN": token}
    assert publish(BODY, environ) == expected


def test_a_failed_call_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    def broken(method: str, path: str, body: dict | None) -> Any:
        raise OSError("connection reset")

    assert publish(BODY, _event(tmp_path, _pr()), request=broken) == [
        "::warning::the impact comment could not be written (connection reset); it is in the job summary"]


# --- the REST calls, against a local stand-in for api.github.com ---------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, dict[str, str], Any]] = []
    comments: list[dict[str, Any]] = []

    def _answer(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        headers = {k: self.headers[k] for k in ("Authorization", "Accept", "X-GitHub-Api-Version", "User-Agent")}
        self.seen.append((self.command, self.path, headers, body))
        return body

    def do_GET(self) -> None:
        self._record()
        self._answer(200, self.comments)

    def do_POST(self) -> None:
        body = self._record()
        self._answer(201, {"id": 1, "body": body["body"]})

    def do_PATCH(self) -> None:
        self._record()
        self._answer(500, {"message": "boom"})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[str]:
    _Handler.seen = []
    _Handler.comments = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_api_calls_send_githubs_headers_and_decode_the_answer(github: str) -> None:
    call = api({"GITHUB_API_URL": github}, "s3cret")
    assert call("POST", "/repos/a/b/issues/1/comments", {"body": "hi"}) == {"id": 1, "body": "hi"}
    assert _Handler.seen == [("POST", "/repos/a/b/issues/1/comments", {
        "Authorization": "Bearer s3cret", "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "sre-docs"}, {"body": "hi"})]


def test_publish_end_to_end_over_http(tmp_path: Path, github: str) -> None:
    environ = {**_event(tmp_path, _pr()), "GITHUB_API_URL": github, "GITHUB_TOKEN": "s3cret"}
    assert publish(BODY, environ) == ["impact comment created on #7"]
    assert [(method, path) for method, path, _, _ in _Handler.seen] == [
        ("GET", "/repos/acme/reliability/issues/7/comments?per_page=100&page=1"),
        ("POST", "/repos/acme/reliability/issues/7/comments")]


def test_an_http_error_from_github_is_a_warning(tmp_path: Path, github: str) -> None:
    _Handler.comments = [{"id": 42, "body": BODY}]
    environ = {**_event(tmp_path, _pr()), "GITHUB_API_URL": github, "GITHUB_TOKEN": "s3cret"}
    assert publish(BODY, environ) == [
        "::warning::the impact comment could not be written (HTTP Error 500: Internal Server Error); "
        "it is in the job summary"]
    assert _Handler.seen[-1][:2] == ("PATCH", "/repos/acme/reliability/issues/comments/42")
