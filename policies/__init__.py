"""The built-in policy pack: one module per policy, listed explicitly below.

The registry is explicit (no import side effects decide what runs), in the order the
policies are documented: catalog, SLOs, alerts, runbooks, incidents, postmortems, chaos,
toil, capacity, on-call, readiness, budgets. To add a policy to the pack, write the
module and list it here. An organisation that keeps its own policies can drop a module
into this folder without touching the list (it is loaded as a local policy), or keep a
folder of its own and name it in ``policy_paths:`` of ``sre-docs.yaml``. A module whose
name starts with ``_`` is a helper, not a policy.
"""

from __future__ import annotations

from sre_docs.policies import (
    alr001, alr002, alr003, alr004, alr005, alr006, alr007, alr008, alr010, alr011, alr012,
    bud001, bud002,
    cap001, cap002, cap003, cap004,
    cat001, cat002, cat003, cat004, cat005,
    chs001, chs002, chs003,
    inc001, inc002, inc003, inc004, inc005, inc006, inc007, inc008, inc009,
    log001, log002,
    onc001, onc002, onc003,
    pm001, pm002, pm003, pm004, pm005, pm006, pm007, pm008,
    pql001, pql002, pql003, pql004, pql005,
    prr001, prr002, prr003,
    rbk001, rbk002, rbk003, rbk004,
    slo001, slo002, slo003, slo004, slo005, slo006, slo007, slo008, slo009,
    todo001,
    tol001, tol002, tol003, tol004,
)

BUILTIN = (
    cat001, cat002, cat003, cat004, cat005,
    slo001, slo002, slo003, slo004, slo005, slo006, slo007, slo008, slo009,
    alr001, alr002, alr003, alr004, alr005, alr006, alr007, alr008, alr010, alr011, alr012,
    pql001, pql002, pql003, pql004, pql005,
    log001, log002,
    rbk001, rbk002, rbk003, rbk004,
    inc001, inc002, inc003, inc004, inc005, inc006, inc007, inc008, inc009,
    pm001, pm002, pm003, pm004, pm005, pm006, pm007, pm008,
    chs001, chs002, chs003,
    tol001, tol002, tol003, tol004,
    cap001, cap002, cap003, cap004,
    onc001, onc002, onc003,
    prr001, prr002, prr003,
    bud001, bud002,
    todo001,
)
