"""A hostile folder tree becomes findings: a chain of 1,100 folders, a folder that cannot be read.

Before the fix, discovery recursed once per folder level, so 1,100 nested folders ended in
"internal error: RecursionError" (exit 2), and an unreadable folder in a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sre_docs.loading import loader


@pytest.fixture
def chain(repo: Path):
    """services/checkout/d/d/…/d/x.yaml, 1,100 folders deep; removed again without recursion.

    The path is too long for one ``mkdir`` (and for pytest's own recursive clean-up), so it
    is made and removed one folder at a time through descriptors.
    """
    top = os.open(repo / "services" / "checkout", os.O_RDONLY)
    folders = [top]
    for _ in range(1100):
        os.mkdir("d", dir_fd=folders[-1])
        folders.append(os.open("d", os.O_RDONLY, dir_fd=folders[-1]))
    handle = os.open("x.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folders[-1])
    os.write(handle, b"x: 1\n")
    os.close(handle)
    yield
    os.unlink("x.yaml", dir_fd=folders[-1])
    for parent, child in zip(reversed(folders[:-1]), reversed(folders[1:]), strict=True):
        os.close(child)
        os.rmdir("d", dir_fd=parent)
    os.close(top)


def test_a_chain_of_1100_folders_is_one_finding(repo: Path, chain: None, cli) -> None:
    result = cli(repo, "lint", "--format", "text")
    assert result.code == 1
    # services/checkout/ then 33 levels of d/: the 33rd is past the limit of 32.
    assert result.out == ("services/checkout/" + "d/" * 32 + "d:1:1: error REPO003 folders nested more than 32 deep; "
                          "this one is not read\n1 finding(s): 1 error(s), 0 warning(s), 0 info in 1 file(s)\n")


def test_an_unreadable_folder_is_a_finding_and_the_rest_loads(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = repo / "services" / "checkout" / "runbooks"
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(loader.os, "scandir", scandir)
    sources, findings, services = loader.discover(repo)
    assert [(f.code, f.path, f.message) for f in findings] == [
        ("REPO002", "services/checkout/runbooks", "folder cannot be read: Permission denied")]
    assert services == ["checkout", "payments"]
    assert "services/checkout/slos.yaml" in [s.path for s in sources]
    assert not any(s.path.startswith("services/checkout/runbooks/") for s in sources)


def test_service_folders_that_differ_only_in_case_are_findings(repo: Path) -> None:
    # Before: services Search and search got colliding handbook URLs and the impostor's page won.
    (repo / "services" / "Checkout").mkdir()
    (repo / "services" / "Checkout" / "service.yaml").write_text(
        "service:\n  name: Checkout\n  tier: standard\n  owner_team: payments\n")
    _, findings, services = loader.discover(repo)
    assert [(f.code, f.path, f.message) for f in findings] == [
        ("REPO003", "services/Checkout",
         "service folder 'Checkout' differs from 'checkout' only in case; rename one (their pages would share a URL)"),
        ("REPO003", "services/checkout",
         "service folder 'checkout' differs from 'Checkout' only in case; rename one (their pages would share a URL)"),
    ]
    assert services == ["Checkout", "checkout", "payments"]
