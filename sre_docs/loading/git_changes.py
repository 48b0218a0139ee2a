"""What git knows about the repo: files changed since a ref, and when each file last changed.

The one place that opens the git repository around a lint root (:func:`open_repo`), reads
file dates from ``git log`` (:func:`file_dates`) and reads the repo as it stood at a commit,
blob by blob, without a checkout (:func:`files_at`); the scorecard history, ``sre-docs diff``
and the on-call handoff's recent changes use these too.

Only two things reach git: the ref typed by the user (``--since``, the BASE of ``diff``) (checked first: it may
not start with ``-``, and it is passed after ``--end-of-options`` to ``rev-parse
--verify``) and fixed arguments. Nothing read from a YAML file is ever passed to git.

Paths are returned relative to the lint root, which may be a folder inside a larger git
repository.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
import os
from dataclasses import dataclass
from pathlib import Path

import git

from sre_docs.yamltext.parse import DEFAULT_LIMITS

def files_containing(root: Path, needles: Collection[str]) -> set[str] | None:
    """The files under ``services/`` and ``org/`` of the work tree (tracked, untracked, even ignored) whose
    bytes hold any of ``needles``, by ``git grep`` (its C search instead of reading every file); None when
    git cannot say."""
    if not needles:
        return set()
    try:
        repo, prefix = open_repo(root)
    except GitChangesError:
        return None
    where = [f"{prefix}/{top}" if prefix else top for top in ("services", "org")]
    patterns = [part for needle in sorted(needles) for part in ("-e", needle)]
    try:
        output = repo.git.grep("-l", "-z", "--full-name", "-F", "--untracked", "--no-exclude-standard", "--no-color",
                               *patterns, "--", *where)
    except git.GitCommandError as exc:
        return set() if exc.status == 1 else None  # 1: no file matched
    return {r for r in (_relative(name, prefix) for name in output.split("\0") if name) if r is not None}


_SYMLINK_MODE = 0o120000


class GitChangesError(Exception):
    """Git cannot answer: not a repository, unknown ref, git missing. Exit code 2."""


@dataclass(frozen=True)
class Changes:
    """Files changed since the base (committed, staged, unstaged and untracked)."""

    base: str
    paths: frozenset[str]

    @property
    def services(self) -> frozenset[str]:
        """Service folders with any change in them."""
        return frozenset(
            parts[1] for parts in (p.split("/") for p in self.paths) if len(parts) > 2 and parts[0] == "services"
        )

    def touches(self, path: str, service: str | None) -> bool:
        return path in self.paths or (service is not None and service in self.services)


def open_repo(root: Path) -> tuple[git.Repo, str]:
    """The git repo containing ``root`` and ``root``'s path inside it ('' at the top)."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitChangesError(f"{root} is not inside a git repository") from None
    except git.GitCommandNotFound:  # pragma: no cover - depends on the machine
        raise GitChangesError("git is not installed") from None
    if repo.working_tree_dir is None:
        raise GitChangesError(f"{root} is a bare repository")
    top = Path(repo.working_tree_dir).resolve()
    try:
        prefix = root.resolve().relative_to(top).as_posix()
    except ValueError:  # pragma: no cover - search_parent_directories guarantees it
        raise GitChangesError(f"{root} is not inside {top}") from None
    return repo, "" if prefix == "." else prefix


def _relative(path: str, prefix: str) -> str | None:
    if not prefix:
        return path
    return path[len(prefix) + 1:] if path.startswith(prefix + "/") else None


def validate_ref(ref: str, what: str = "--since") -> None:
    """Refuse refs that git could take for an option (``what`` names the argument in the message)."""
    if not ref or ref.startswith("-"):
        raise ValueError(f"{what} {ref!r}: a git ref cannot start with '-' (or be empty)")
    if any(ord(c) < 32 for c in ref):
        raise ValueError(f"{what}: a git ref cannot hold control characters")


def _commit_of(repo: git.Repo, ref: str) -> str | None:
    try:
        return repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip() or None
    except git.GitCommandError:
        return None


def _merge_base(repo: git.Repo, sha: str) -> str:
    """The merge base of ``sha`` and HEAD (``sha`` itself when they share no history)."""
    try:
        bases = repo.merge_base(sha, "HEAD")
    except (git.GitCommandError, ValueError):
        bases = []
    return bases[0].hexsha if bases else repo.commit(sha).hexsha


def default_branch_candidates(environ: dict[str, str] | os._Environ[str] | None = None) -> list[str]:
    """Where the default branch may be found, most telling first.

    On a GitHub pull request ``GITHUB_BASE_REF`` names the target branch; elsewhere the
    remote's HEAD (``origin/HEAD``, set by ``git clone``) names the default branch, and
    ``main`` or ``master`` are the usual names when it is not set.
    """
    environ = os.environ if environ is None else environ
    found = []
    target = environ.get("GITHUB_BASE_REF", "").strip()
    if target and not target.startswith("-") and all(ord(c) >= 32 for c in target):
        found.append(f"origin/{target}")
    found += ["origin/HEAD", "origin/main", "origin/master", "main", "master"]
    return found


@dataclass(frozen=True)
class Base:
    """The commit a change is compared with: its sha, how it was found, and the repo around the root."""

    repo: git.Repo
    prefix: str
    sha: str
    ref: str


def resolve_base(root: Path, ref: str | None, *, environ: dict[str, str] | None = None) -> Base:
    """The merge base of ``ref`` (default: the default branch) and HEAD, like ``git diff REF...``.

    On a branch, the comparison is then with where the branch left the default branch, not
    with what landed there since.
    """
    repo, prefix = open_repo(root)
    try:
        _ = repo.head.commit  # raises on a repository with no commit yet
    except ValueError:
        raise GitChangesError(f"{repo.working_tree_dir} has no commit yet: there is nothing to compare with") from None
    if ref is not None:
        validate_ref(ref, "BASE")
        sha = _commit_of(repo, ref)
        if sha is None:
            raise GitChangesError(f"{ref!r}: no such commit in {repo.working_tree_dir}")
        return Base(repo, prefix, _merge_base(repo, sha), ref)
    for candidate in default_branch_candidates(environ):
        sha = _commit_of(repo, candidate)
        if sha is not None:
            return Base(repo, prefix, _merge_base(repo, sha), candidate)
    raise GitChangesError("cannot find the default branch (no origin/HEAD, main or master); name the base, "
                          "e.g. `sre-docs diff origin/main`")


def changed_since(root: Path, ref: str) -> Changes:
    """Files changed between the merge base of ``ref`` and HEAD, and the working tree.

    Like ``git diff REF...``: on a pull request branch, ``--since origin/main`` lists what the
    branch changed, not what landed on main meanwhile. Staged, unstaged and untracked files
    count as changed too.
    """
    validate_ref(ref)
    repo, prefix = open_repo(root)
    try:
        base = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
    except git.GitCommandError:
        raise GitChangesError(f"--since {ref!r}: no such commit in {repo.working_tree_dir}") from None
    try:
        bases = repo.merge_base(base, "HEAD")
    except git.GitCommandError:
        bases = []
    start = bases[0] if bases else repo.commit(base)
    # Names only, no rename detection (a rename is a deletion and an addition: both paths count).
    tracked = repo.git.diff("--name-only", "-z", "--no-renames", start.hexsha, "--")
    untracked = repo.git.ls_files("--others", "--exclude-standard", "-z")
    paths = {name for name in (tracked + "\0" + untracked).split("\0") if name}
    relative = {r for r in (_relative(p, prefix) for p in paths) if r is not None}
    return Changes(base=start.hexsha, paths=frozenset(relative))


_SYMLINK_MODE = 0o120000


def files_at(repo: git.Repo, sha: str, prefix: str, max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> list[tuple[str, bytes]]:
    """(path under the root, bytes) of every regular YAML file under services/ and org/ at commit ``sha``.

    Read from git objects, with no checkout. Links are skipped (as ``discover`` skips them
    on disk), and at most ``max_bytes + 1`` bytes of a file are read, so that the loader
    still sees that it is too large. ``sha`` is a commit id this code found.
    """
    tree = repo.commit(sha).tree
    if prefix:
        try:
            tree = tree / prefix
        except KeyError:
            return []
    files = []
    for top in ("services", "org"):
        try:
            sub = tree / top
        except KeyError:
            continue
        if sub.type != "tree":
            continue
        for item in sub.traverse():
            if not isinstance(item, git.Blob) or item.mode == _SYMLINK_MODE:
                continue
            path = f"{top}/{str(item.path)[len(str(sub.path)) + 1:]}"
            if not path.endswith((".yaml", ".yml")):
                continue
            files.append((path, item.data_stream.read(max_bytes + 1)))
    return files


def yaml_paths_at(repo: git.Repo, sha: str, prefix: str) -> dict[str, str]:
    """{path under the root: blob id} of the regular YAML files under services/ and org/ at commit ``sha``.

    The same files as :func:`files_at`, from one ``git ls-tree`` without reading any blob.
    """
    where = [f"{prefix}/{top}" if prefix else top for top in ("services", "org")]
    try:
        output = repo.git.ls_tree("-r", "-z", "--full-tree", sha, "--", *where)
    except git.GitCommandError:
        return {}
    found: dict[str, str] = {}
    for entry in output.split("\0"):
        meta, _, name = entry.partition("\t")
        fields = meta.split()
        if len(fields) != 3 or fields[1] != "blob" or int(fields[0], 8) == _SYMLINK_MODE:
            continue
        relative = _relative(name, prefix)
        if relative and relative.endswith((".yaml", ".yml")):
            found[relative] = fields[2]
    return found


def read_blobs(repo: git.Repo, blobs: dict[str, str], max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> dict[str, bytes]:
    """{path: at most ``max_bytes + 1`` bytes} of the given {path: blob id}, from git's objects."""
    found = {}
    for path, blob in blobs.items():
        stream = repo.odb.stream(bytes.fromhex(blob))
        found[path] = stream.read(max_bytes + 1)
    return found


def file_dates(repo: git.Repo, prefix: str, rev: str | None = None) -> dict[str, dt.date]:
    """When each file under ``prefix`` last changed in the history of ``rev`` (HEAD when None).

    One ``git log`` pass, newest commit first; paths come back relative to ``prefix``.
    ``rev`` is a commit id this code found, never text from a document or the command line.
    """
    try:
        output = repo.git.log(*([rev] if rev else []), "--format=format:%x01%ct", "--name-only", "-z", "--no-renames",
                              "--", prefix or ".")
    except git.GitCommandError:
        return {}
    dates: dict[str, dt.date] = {}
    for chunk in output.split("\x01"):
        stamp, _, names = chunk.partition("\n")
        if not stamp.strip().isdigit():
            continue
        day = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date()
        for name in names.split("\0"):
            name = name.strip("\n")
            relative = _relative(name, prefix) if name else None
            if relative:
                dates.setdefault(relative, day)  # newest commit first: keep the first seen
    return dates


def last_changed_dates(root: Path, today: dt.date) -> dict[str, dt.date]:
    """The date each tracked file under ``root`` last changed in git, from one ``git log`` pass.

    Files with uncommitted changes count as changed ``today``. Untracked files and files git
    does not know are absent (callers fall back to dates written in the documents). Returns
    an empty mapping when ``root`` is not in a git repository or has no commits.
    """
    try:
        repo, prefix = open_repo(root)
    except GitChangesError:
        return {}
    dates = file_dates(repo, prefix)
    if not dates:
        return {}
    try:
        dirty = {d.a_path for d in repo.index.diff(None)} | {d.a_path for d in repo.index.diff("HEAD")}
    except (git.GitCommandError, ValueError):
        dirty = set()
    for name in dirty:
        relative = _relative(name, prefix) if name else None
        if relative and relative in dates:
            dates[relative] = today
    return dates


_SYMLINK_MODE = 0o120000


def commit_on(repo: git.Repo, day: dt.date) -> str | None:
    """The newest commit on HEAD committed by the end of ``day`` (23:59:59 UTC), or None."""
    try:
        sha = repo.git.rev_list("-1", f"--before={day.isoformat()}T23:59:59Z", "HEAD").strip()
    except git.GitCommandError:
        return None
    return sha or None
