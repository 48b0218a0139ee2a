"""Raw bytes and random YAML, one hostile file beside good ones, through the whole pipeline.

Whatever a file holds, loading, linting, rendering and exporting the repo around it yields
findings with honest positions and pages without live markup -- never an exception.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from sre_docs.loader import SourceFile, load_bytes
from sre_docs.schemas import KINDS

from fuzz_checks import check_findings, run_pipeline, write_repo
from fuzz_strategies import raw_bytes, yaml_text
from fuzz_support import fuzz_settings, scratch

#: Good neighbours: the hostile file must not cost them their documents.
GOOD_FILES = {
    "services/checkout/service.yaml": KINDS["service"].example.encode(),
    "services/checkout/slos.yaml": KINDS["slo"].example.encode(),
    "org/teams.yaml": KINDS["team"].example.encode(),
}
PLACES = st.sampled_from([
    SourceFile("services/checkout/hostile.yaml", "checkout"),
    SourceFile("services/checkout/runbooks/hostile.yaml", "checkout"),
    SourceFile("org/hostile.yaml", None),
    SourceFile("org/oncall/hostile.yaml", None),
])


def _load_alone(data: bytes, place: SourceFile) -> None:
    """One file through the loader on its own: findings only, each inside the file."""
    loaded = load_bytes(data, place)
    with scratch() as root:
        write_repo(root, {place.path: data})
        check_findings(root, loaded.findings)
    for finding in loaded.findings:
        assert finding.path == place.path and finding.service == place.service


def _through_the_pipeline(data: bytes, place: SourceFile) -> None:
    with scratch() as root:
        write_repo(root, {**GOOD_FILES, place.path: data})
        result, _ = run_pipeline(root)
        checkout = result.repo.services["checkout"]
        kept = {(d.kind, d.path) for d in result.repo.documents}
        assert {("service", "services/checkout/service.yaml"), ("slo", "services/checkout/slos.yaml"),
                ("team", "org/teams.yaml")} <= kept
        assert checkout.catalog is not None


@fuzz_settings()
@given(data=raw_bytes(), place=PLACES)
@example(data="slo:\u2028  target: 1\u2028  x: [\n".encode(), place=SourceFile("org/hostile.yaml", None))
@example(data=b"slo:\r  target: 5\r  x: [\r", place=SourceFile("services/checkout/hostile.yaml", "checkout"))
def test_arbitrary_bytes(data: bytes, place: SourceFile) -> None:
    _load_alone(data, place)
    _through_the_pipeline(data, place)


@fuzz_settings()
@given(text=yaml_text(), place=PLACES)
def test_random_yaml(text: str, place: SourceFile) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    _load_alone(data, place)
    _through_the_pipeline(data, place)
