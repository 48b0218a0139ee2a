"""INC006-INC009 (commander, verification, acknowledgement, update cadence) case by case.

Every incident starts with the same six lines, then its extra lines in the order given::

    1 incident:
    2   id: INC-2026-014
    3   title: Checkout errors after deploy
    4   services: [checkout]
    5   severity: SEV2          (value at column 13)
    6   status: resolve
    7 ...

The figures in the messages were worked out by hand from the timestamps in each case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

PATH = "services/checkout/incidents/INC-2026-014.yaml"
DAY = "2026-11-02T"


def incident(severity: str, *lines: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    text = ("incident:\n  id: INC-2026-014\n  title: Checkout errors after deploy\n  services: [checkout]\n"
            f"  severity: {severity}\n  status: resolve\n" + "".join(line + "\n" for line in lines))
    return {PATH: text, **(extra or {})}


def stamps(**moments: str) -> tuple[str, ...]:
    return ("  timestamps:", *(f"    {name}: {DAY}{moment}:00Z" for name, moment in moments.items()))


def updates(*times: str) -> tuple[str, ...]:
    lines = ["  updates:"]
    for moment in times:
        lines += [f"    - time: {DAY}{moment}:00Z", "      status: respond", "      message: Working on it."]
    return tuple(lines)


def found(code: str, line: int, column: int, level: str, message: str) -> Expected:
    return Expected(code, PATH, line, column, level, message)


NO_IC = ("SEV{n} incident INC-2026-014 has no incident commander (roles.incident_commander); name one with "
         "`sre-docs incident assign INC-2026-014 --ic NAME`")

INC006 = [
    Case("SEV1 without roles: at the severity", incident("SEV1", *stamps(started="14:05")),
         (found("INC006", 5, 13, "error", NO_IC.format(n=1)),)),
    Case("SEV2 with other roles but no IC: at roles", incident("SEV2", *stamps(started="14:05"), "  roles:",
                                                             "    scribe: noah"),
         (found("INC006", 9, 3, "error", NO_IC.format(n=2)),)),
    Case("a blank IC does not count", incident("SEV2", *stamps(started="14:05"), "  roles:",
                                              "    incident_commander: '  '"),
         (found("INC006", 9, 3, "error", NO_IC.format(n=2)),)),
    Case("SEV2 with an IC", incident("SEV2", *stamps(started="14:05"), "  roles:", "    incident_commander: amara")),
    Case("SEV3 needs none by default", incident("SEV3", *stamps(started="14:05"))),
    Case("SEV3 when configured", incident("SEV3", *stamps(started="14:05")),
         (found("INC006", 5, 13, "error", NO_IC.format(n=3)),),
         config="policies:\n  INC006: {options: {severities: [SEV1, SEV2, SEV3]}}\n"),
]


def early(waited: str, earliest: str) -> str:
    return (f"resolved {waited} minutes after mitigation; the guide waits for SLIs to be normal for 30 minutes "
            f"(resolve at {DAY}{earliest}:00Z at the earliest), or say why it was resolved sooner in early_resolution")


INC007 = [
    # 14:48 + 30 = 15:18.
    Case("resolved 2 minutes after mitigation", incident("SEV2", *stamps(started="14:05", mitigated="14:48", resolved="14:50")),
         (found("INC007", 10, 15, "error", early("2", "15:18")),)),
    Case("29 minutes is still short", incident("SEV2", *stamps(started="14:05", mitigated="14:48", resolved="15:17")),
         (found("INC007", 10, 15, "error", early("29", "15:18")),)),
    Case("exactly 30 minutes", incident("SEV2", *stamps(started="14:05", mitigated="14:48", resolved="15:18"))),
    Case("resolved at the moment of mitigation", incident("SEV4", *stamps(started="14:05", mitigated="14:48", resolved="14:48")),
         (found("INC007", 10, 15, "error", early("0", "15:18")),)),
    Case("a reason recorded", incident("SEV2", *stamps(started="14:05", mitigated="14:48", resolved="14:50"),
                                       "  early_resolution: The flag that caused it was deleted.")),
    Case("no mitigation recorded", incident("SEV2", *stamps(started="14:05", resolved="14:06"))),
    Case("resolved before mitigation is INC002's", incident("SEV2", *stamps(started="14:05", mitigated="14:48", resolved="14:40"))),
    # 10-minute period: 14:48 + 10 = 14:58; 14:50 is 2 minutes after.
    Case("a shorter period by option", incident("SEV2", *stamps(started="14:05", mitigated="14:48", resolved="14:50")),
         (found("INC007", 10, 15, "error",
                f"resolved 2 minutes after mitigation; the guide waits for SLIs to be normal for 10 minutes (resolve at "
                f"{DAY}14:58:00Z at the earliest), or say why it was resolved sooner in early_resolution"),),
         config="policies:\n  INC007: {options: {verification_minutes: 10}}\n"),
]

ALERTS = {
    "services/checkout/alerts.yaml": ("alert:\n  name: checkout-high-error-rate\n  service: checkout\n  severity: P1\n"
                                      "  signal: errors\n  condition: 5xx ratio above 2% for 10 minutes\n"
                                      "  runbook: runbooks/high-error-rate.yaml\n"),
    "services/checkout/runbooks/high-error-rate.yaml": ("runbook:\n  title: Checkout error rate is high\n"
                                                        "  alert_name: checkout-high-error-rate\n  last_updated: 2026-11-02\n"),
}
# Lines: 7 timestamps, 8 started, 9 detected, 10 acknowledged (value at column 19); with trigger_alert on line 7
# everything moves down one.
ACK = "acknowledged {late} minutes after detection; {what} is to be acknowledged within {target} minutes ({label})"

INC008 = [
    # 14:09 -> 14:15 = 6 minutes; SEV1 stands for P0 (5).
    Case("SEV1 without an alert: P0, 6 minutes is late",
         incident("SEV1", *stamps(started="14:05", detected="14:09", acknowledged="14:15")),
         (found("INC008", 10, 19, "warning", ACK.format(late="6", what="a SEV1 incident's page", target="5",
                                                        label="P0/Page")),)),
    Case("SEV2 acknowledged after exactly 5 minutes", incident("SEV2", *stamps(started="14:05", detected="14:09",
                                                                              acknowledged="14:14"))),
    # 14:09 -> 14:40 = 31 minutes; SEV3 stands for P1 (30).
    Case("SEV3 without an alert: P1, 31 minutes is late",
         incident("SEV3", *stamps(started="14:05", detected="14:09", acknowledged="14:40")),
         (found("INC008", 10, 19, "warning", ACK.format(late="31", what="a SEV3 incident's page", target="30",
                                                        label="P1/Urgent")),)),
    Case("SEV4: P2 has no minute target", incident("SEV4", *stamps(started="14:05", detected="14:09", acknowledged="18:00"))),
    # The trigger alert is P1: 14 minutes is within its 30 although SEV1 alone would be P0.
    Case("the trigger alert's severity decides", incident("SEV1", "  trigger_alert: checkout-high-error-rate",
                                                         *stamps(started="14:05", detected="14:09", acknowledged="14:23"),
                                                         extra=ALERTS)),
    Case("the trigger alert's P1: 35 minutes is late",
         incident("SEV3", "  trigger_alert: checkout-high-error-rate",
                  *stamps(started="14:05", detected="14:09", acknowledged="14:44"), extra=ALERTS),
         (found("INC008", 11, 19, "warning", ACK.format(late="35", what="a page from checkout-high-error-rate "
                                                        "(severity P1)", target="30", label="P1/Urgent")),)),
    Case("an unknown trigger alert falls back to the severity",
         incident("SEV2", "  trigger_alert: nowhere", *stamps(started="14:05", detected="14:09", acknowledged="14:20")),
         (found("INC008", 11, 19, "warning", ACK.format(late="11", what="a SEV2 incident's page", target="5",
                                                        label="P0/Page")),)),
    Case("no acknowledgement recorded", incident("SEV1", *stamps(started="14:05", detected="14:09"))),
    Case("SEV3 as P0 by option", incident("SEV3", *stamps(started="14:05", detected="14:09", acknowledged="14:15")),
         (found("INC008", 10, 19, "warning", ACK.format(late="6", what="a SEV3 incident's page", target="5",
                                                        label="P0/Page")),),
         config="policies:\n  INC008: {options: {by_severity: {SEV1: P0, SEV2: P0, SEV3: P0, SEV4: P2}}}\n"),
]

# Lines with stamps(started, detected, mitigated): 7-10, "updates:" 11, update times on 12, 15, 18, ... (column 13).
GAP = ("no status update for {minutes} minutes ({start} UTC to {end} UTC, until {until}); a {sev} incident posts one "
       "every {every} minutes until it is mitigated")
FIRST = ("first status update {minutes} minutes after detection ({start} UTC to {end} UTC); the guide posts it within 15 "
         "minutes, by the end of triage")

INC009 = [
    Case("SEV1 on cadence", incident("SEV1", *stamps(started="17:52", detected="17:57", mitigated="18:39"),
                                     *updates("18:02", "18:15", "18:30", "18:39"))),
    # 18:15 -> 18:39 = 24 > 15, ended by the mitigation (timestamps.mitigated, line 10, column 16).
    Case("SEV1: 24 minutes of silence before mitigation",
         incident("SEV1", *stamps(started="17:52", detected="17:57", mitigated="18:39"), *updates("18:02", "18:15")),
         (found("INC009", 10, 16, "warning", GAP.format(minutes="24", start="18:15", end="18:39", until="mitigation",
                                                        sev="SEV1", every="15")),)),
    # 17:57 -> 18:13 = 16 > 15 (first); 18:13 -> 18:44 = 31 > 30 (between, SEV2).
    Case("SEV2: first update late and a 31-minute gap",
         incident("SEV2", *stamps(started="17:52", detected="17:57", mitigated="18:50"), *updates("18:13", "18:44")),
         (found("INC009", 12, 13, "warning", FIRST.format(minutes="16", start="17:57", end="18:13")),
          found("INC009", 15, 13, "warning", GAP.format(minutes="31", start="18:13", end="18:44", until="the next update",
                                                        sev="SEV2", every="30")))),
    # No update at all, mitigated 40 minutes after detection.
    Case("no update before mitigation", incident("SEV2", *stamps(started="17:52", detected="17:57", mitigated="18:37")),
         (found("INC009", 10, 16, "warning", "no status update between detection and mitigation (17:57 UTC to 18:37 UTC, "
                                             "40 minutes); the first is due within 15 minutes"),)),
    Case("updates after mitigation are outside the cadence",
         incident("SEV1", *stamps(started="17:52", detected="17:57", mitigated="18:05"), *updates("18:00", "21:00"))),
    Case("SEV3 is not held to a cadence by default",
         incident("SEV3", *stamps(started="17:52", detected="17:57", mitigated="20:00"), *updates("18:30"))),
    # SEV3 listed: the tool's hour. 17:57 -> 18:10 first on time; 18:10 -> 19:20 = 70 > 60.
    Case("SEV3 when configured: every 60 minutes",
         incident("SEV3", *stamps(started="17:52", detected="17:57", mitigated="19:20"), *updates("18:10")),
         (found("INC009", 10, 16, "warning", GAP.format(minutes="70", start="18:10", end="19:20", until="mitigation",
                                                        sev="SEV3", every="60")),),
         config="policies:\n  INC009: {options: {severities: [SEV1, SEV2, SEV3]}}\n"),
]


@pytest.mark.parametrize("case", INC006, ids=str)
def test_inc006(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "INC006", case) == sorted(case.expected)


@pytest.mark.parametrize("case", INC007, ids=str)
def test_inc007(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "INC007", case) == sorted(case.expected)


@pytest.mark.parametrize("case", INC008, ids=str)
def test_inc008(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "INC008", case) == sorted(case.expected)


@pytest.mark.parametrize("case", INC009, ids=str)
def test_inc009(tmp_path: Path, case: Case) -> None:
    assert run_case(tmp_path, "INC009", case) == sorted(case.expected)
