"""Terminal output for the workflow commands: tables, colour, JSON, progress, prompts.

Colour and tables are for people at a terminal: when stdout is not a TTY (a pipe, a CI
log) the output is plain text, and ``NO_COLOR`` (https://no-color.org) turns colour off
everywhere. Progress goes to stderr, only on a TTY, and only once an operation has run
for more than a second, so quick commands and scripts never see it. JSON is printed with
a fixed key order chosen by each command, so it can be diffed and parsed reliably.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import Any, TextIO
from collections.abc import Sequence


def colour_enabled(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def print_json(data: Any, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


class Progress:
    """A status line on stderr for work that may take a while.

    Shown only on a TTY and only after ``delay`` seconds, then updated by ``advance``;
    cleared when the work ends. Use as a context manager.
    """

    def __init__(self, label: str, total: int | None = None, *, stream: TextIO | None = None, delay: float = 1.0) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.delay = delay
        self.enabled = bool(getattr(self.stream, "isatty", None) and self.stream.isatty())
        self._start = time.monotonic()
        self._shown = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._timer = threading.Timer(self.delay, self._draw)
            self._timer.daemon = True
            self._timer.start()
        return self

    def advance(self, step: int = 1) -> None:
        self.done += step
        if self.enabled and time.monotonic() - self._start >= self.delay:
            self._draw()

    def _draw(self) -> None:
        with self._lock:
            count = f" {self.done}/{self.total}" if self.total else (f" {self.done}" if self.done else "")
            self.stream.write(f"\r{self.label}…{count}\033[K")
            self.stream.flush()
            self._shown = True

    def __exit__(self, *exc: Any) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self._shown:
                self.stream.write("\r\033[K")
                self.stream.flush()


def prompt_missing(value: Any, *, flag: str, question: str, choices: Sequence[str] | None = None,
                   default: str | None = None) -> Any:
    """The flag's value, or an answer typed at the terminal when stdin is a TTY.

    Without a TTY (scripts, CI) a missing required value is a usage error, never a hang.
    """
    from sre_docs.cli import UsageError

    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"{flag} is required" + (f" (one of: {', '.join(choices)})" if choices else ""))
    hint = f" [{'/'.join(choices)}]" if choices else ""
    hint += f" (default {default})" if default else ""
    while True:
        answer = input(f"{question}{hint}: ").strip() or (default or "")
        if not answer:
            continue
        if choices and answer not in choices:
            print(f"  please answer one of: {', '.join(choices)}", file=sys.stderr)
            continue
        return answer
