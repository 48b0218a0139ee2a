"""Stage targets of the response, against values worked out by hand from the guide's figures."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sre_docs.calc.incident_response import (
    ACK_LEVEL_BY_SEVERITY,
    FIRST_UPDATE_WITHIN,
    SLI_VERIFICATION,
    UPDATE_CADENCE_MINUTES,
    UpdateGap,
    acknowledge_target,
    earliest_resolution,
    late_acknowledgement,
    update_gaps,
    verification_shortfall,
)

UTC = timezone.utc
MIN = timedelta(minutes=1)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 2, hour, minute, tzinfo=UTC)


def test_the_guides_figures() -> None:
    # Guide, Phase 5: "SLIs back to normal for 30+ minutes"; triage ends at 15 min; 15-minute check-ins for
    # SEV1, 30-min for SEV2.
    assert SLI_VERIFICATION == 30 * MIN
    assert FIRST_UPDATE_WITHIN == 15 * MIN
    assert UPDATE_CADENCE_MINUTES["SEV1"] == 15 and UPDATE_CADENCE_MINUTES["SEV2"] == 30
    assert dict(ACK_LEVEL_BY_SEVERITY) == {"SEV1": "P0", "SEV2": "P0", "SEV3": "P1", "SEV4": "P2"}


@pytest.mark.parametrize(("mitigated", "resolved", "short"), [
    (at(14, 48), at(14, 50), 28 * MIN),     # waited 2 min: 30 - 2 = 28 short
    (at(14, 48), at(15, 17), 1 * MIN),      # waited 29 min: 1 short
    (at(14, 48), at(15, 18), None),         # waited exactly 30: enough
    (at(14, 48), at(16, 20), None),         # waited 92 min
    (at(14, 48), at(14, 48), 30 * MIN),     # resolved at the moment of mitigation: the whole period
    (at(14, 48), at(14, 40), 38 * MIN),     # resolved 8 min before mitigation: 30 + 8
    (None, at(14, 50), None),               # no mitigation recorded: nothing to measure from
    (at(14, 48), None, None),               # not resolved yet
])
def test_verification_shortfall(mitigated, resolved, short) -> None:
    assert verification_shortfall(mitigated, resolved) == short


def test_verification_period_is_a_parameter() -> None:
    # 10-minute period, waited 4: 6 short.
    assert verification_shortfall(at(9), at(9, 4), period=10 * MIN) == 6 * MIN


def test_earliest_resolution() -> None:
    assert earliest_resolution(at(14, 48)) == at(15, 18)  # 14:48 + 30 min
    assert earliest_resolution(at(23, 50)) == datetime(2026, 11, 3, 0, 20, tzinfo=UTC)  # over midnight


@pytest.mark.parametrize(("alert", "severity", "level", "basis", "minutes"), [
    ("page", "SEV3", "P0", "alert", 5),       # a paging burn-rate alert is P0 whatever the incident's severity
    ("P1", "SEV1", "P1", "alert", 30),        # the page's own severity decides
    ("ticket", "SEV2", "P2", "alert", None),  # next business day: no minute target
    (None, "SEV1", "P0", "severity", 5),
    (None, "SEV2", "P0", "severity", 5),
    (None, "SEV3", "P1", "severity", 30),
    (None, "SEV4", "P2", "severity", None),
    ("bogus", "SEV3", "P1", "severity", 30),  # an unreadable alert severity falls back to the incident's
])
def test_acknowledge_target(alert, severity, level, basis, minutes) -> None:
    target = acknowledge_target(alert_severity_name=alert, incident_severity=severity)
    assert target is not None
    assert (target.level.id, target.basis) == (level, basis)
    assert target.within == (None if minutes is None else minutes * MIN)


def test_acknowledge_target_unknown() -> None:
    assert acknowledge_target(alert_severity_name=None, incident_severity=None) is None
    assert acknowledge_target(alert_severity_name=None, incident_severity="SEV3", by_severity={"SEV3": "P0"}).within == 5 * MIN


@pytest.mark.parametrize(("detected", "acknowledged", "within", "late"), [
    (at(6, 19), at(6, 31), 5 * MIN, 12 * MIN),   # 06:19 -> 06:31 is 12 min, over 5
    (at(6, 19), at(6, 24), 5 * MIN, None),       # exactly 5: on time
    (at(6, 19), at(6, 25), 5 * MIN, 6 * MIN),
    (at(6, 19), at(6, 49), 30 * MIN, None),      # 30 of 30
    (at(6, 19), at(6, 50), 30 * MIN, 31 * MIN),
    (at(6, 19), at(9, 0), None, None),           # P2: no minute target
    (None, at(6, 31), 5 * MIN, None),
    (at(6, 19), None, 5 * MIN, None),
])
def test_late_acknowledgement(detected, acknowledged, within, late) -> None:
    assert late_acknowledgement(detected, acknowledged, within) == late


def test_update_gaps_worked_example_sev1() -> None:
    # SEV1, every 15: detected 17:57, updates 18:02 (5 min: first on time), 18:15 (13 min), mitigated 18:39:
    # 18:15 -> 18:39 is 24 min > 15.
    gaps = update_gaps(detected=at(17, 57), updates=[at(18, 2), at(18, 15)], mitigated=at(18, 39), every=15 * MIN)
    assert gaps == (UpdateGap("until_mitigated", at(18, 15), at(18, 39), 15 * MIN, None),)
    assert gaps[0].length == 24 * MIN


def test_update_gaps_on_time_sev2() -> None:
    # SEV2, every 30: 18:08 detected, 18:13 (5), 18:20 (7), 18:26 (6) = mitigated: no gap.
    assert update_gaps(detected=at(18, 8), updates=[at(18, 13), at(18, 20), at(18, 26)], mitigated=at(18, 26),
                       every=30 * MIN) == ()


def test_update_gaps_first_late_and_between() -> None:
    # Detected 10:00, first 10:16 (16 > 15), next 10:47 (31 > 30), 11:17 (30: on time), mitigated 11:40 (23).
    gaps = update_gaps(detected=at(10), updates=[at(10, 47), at(10, 16), at(11, 17)], mitigated=at(11, 40),
                       every=30 * MIN)
    assert gaps == (UpdateGap("first", at(10), at(10, 16), 15 * MIN, 0),
                    UpdateGap("between", at(10, 16), at(10, 47), 30 * MIN, 1))


def test_update_gaps_without_any_update() -> None:
    # Mitigated 20 min after detection with no update at all: more than the 15 allowed for the first one.
    assert update_gaps(detected=at(10), updates=[], mitigated=at(10, 20), every=15 * MIN) == (
        UpdateGap("until_mitigated", at(10), at(10, 20), 15 * MIN, None),)
    # Mitigated within 15 minutes, no update: nothing was due yet.
    assert update_gaps(detected=at(10), updates=[], mitigated=at(10, 15), every=15 * MIN) == ()


def test_update_gaps_after_mitigation_and_open_incidents() -> None:
    # Updates after mitigation are outside the cadence: 10:05, then mitigated 10:10, then 14:00.
    assert update_gaps(detected=at(10), updates=[at(10, 5), at(14)], mitigated=at(10, 10), every=15 * MIN) == ()
    # Open (no mitigation): the gaps between recorded updates count, the time since the last does not.
    assert update_gaps(detected=at(10), updates=[at(10, 5), at(11)], mitigated=None, every=15 * MIN) == (
        UpdateGap("between", at(10, 5), at(11), 15 * MIN, 1),)
    assert update_gaps(detected=None, updates=[at(11)], mitigated=at(12), every=15 * MIN) == ()


def test_update_before_detection_counts_as_the_first() -> None:
    # An update posted at 09:58, before the 10:00 detection was recorded, then 10:10 and mitigation at 10:20.
    assert update_gaps(detected=at(10), updates=[at(9, 58), at(10, 10)], mitigated=at(10, 20), every=15 * MIN) == ()
