"""A service's catalog entry: who owns it, how critical it is and what it depends on.

Every service folder holds exactly one. The tier drives what the other documents must
provide (a critical service needs more than an experimental one), and the owner team and
on-call rotation tell a responder who to call.
"""

from sre_docs.schemas.fields import (
    enum, flag, formatted, identifier, identifiers, list_of, mapping, number, record, text, texts,
)
from sre_docs.schemas.vocabulary import (
    ARCHITECTURES, DATA_CLASSIFICATIONS, DEPLOYMENT_FREQUENCIES, INFRASTRUCTURES,
    MONITORING_METHODS, MULTI_REGION_STRATEGIES, SERVICE_TYPES, TIERS, TRAFFIC_PATTERNS,
)

KIND = "service"
SCOPE = "service"
SCHEMA = {
    "name": identifier("The service's name; it must equal its folder name.", required=True),
    "tier": enum(TIERS, "How much the business depends on it; sets the bar for everything else.", required=True),
    "owner_team": identifier("The team (an org `team` document) that owns the service.", required=True),
    "oncall_rotation": identifier("The on-call rotation (an org `oncall_rotation`) that answers its pages."),
    "service_type": enum(SERVICE_TYPES, "What kind of service it is (api, web, data-pipeline, storage, streaming, "
                         "batch, ml): `sre-docs new sli` suggests the guide's SLIs for it."),
    "description": text("What the service does, in a sentence or two."),
    "launch_date": formatted("date", "The day it first took (or will take) production traffic; a service is new for "
                             "90 days after it, and a new service needs a readiness review (PRR003)."),
    "system": identifier("The larger system it belongs to (as in a Backstage catalog)."),
    "dependencies": mapping({
        "upstream": identifiers("Services this one calls."),
        "downstream": identifiers("Services that call this one."),
        "events_from": identifiers(
            "Of the upstream services, those whose events this one consumes (a queue or a stream) rather than calls; "
            "the dependency map draws them as \"consumes events from\"."),
    }, "Who it calls and who calls it."),
    "data_classification": enum(DATA_CLASSIFICATIONS, "The most sensitive data it handles."),
    "deployment_frequency": enum(DEPLOYMENT_FREQUENCIES, "How often it usually ships."),
    "architecture": enum(ARCHITECTURES, "Its overall shape."),
    "language": text("Main programming language."),
    "infra": enum(INFRASTRUCTURES, "Where it runs."),
    "traffic_pattern": enum(TRAFFIC_PATTERNS, "How its load varies over time."),
    "peak_rps": number("Peak requests per second.", min=0),
    "storage_gb": number("Data stored, in gigabytes.", min=0),
    "monthly_cost_usd": number("Running cost per month, in US dollars.", min=0),
    "multi_region": mapping({
        "strategy": enum(MULTI_REGION_STRATEGIES, "How it survives the loss of a region."),
        "regions": texts("Regions it runs in."),
    }, "Its multi-region set-up."),
    "links": list_of(record({
        "title": text("What the link leads to.", required=True),
        "url": text("Where it leads.", required=True),
    }), "Useful links: repository, dashboards, design documents."),
    "observability": mapping({
        "dashboards": texts("Dashboard URLs."),
        "tracing": flag("Distributed tracing is enabled."),
        "structured_logging": flag("Logs are structured (JSON with trace ids)."),
        "log_fields": texts("The fields every log line carries (the guide's structured log standard; LOG001)."),
        "monitoring_methods": list_of(enum(MONITORING_METHODS, "A monitoring method."),
                                      "How it is monitored: RED for the requests it serves, USE for the resources it "
                                      "runs on (LOG002)."),
        "anomaly_detection": flag("Anomaly detection watches its signals."),
    }, "What can be seen of it in production."),
    "automation": mapping({
        "ci_cd": flag("Builds and deploys go through a CI/CD pipeline."),
        "gitops": flag("Deployed state is declared in git and reconciled."),
        "auto_rollback": flag("Bad deploys roll back without a human."),
        "feature_flags": flag("Risky features ship behind flags."),
    }, "How much of its operation is automated."),
}
EXAMPLE = """\
service:
  name: checkout
  tier: critical
  owner_team: payments
  oncall_rotation: payments-primary
  service_type: api
  description: Takes a basket to a paid order.
  system: commerce
  dependencies:
    upstream: [payment-gateway, inventory]
    downstream: [web-frontend]
  data_classification: confidential
  deployment_frequency: daily
  architecture: microservice
  language: Go
  infra: k8s
  traffic_pattern: diurnal
  peak_rps: 1200
  storage_gb: 80
  monthly_cost_usd: 14500
  multi_region:
    strategy: active-passive
    regions: [eu-west-1, eu-central-1]
  links:
    - title: Source
      url: https://git.example.com/commerce/checkout
  observability:
    dashboards: [https://grafana.example.com/d/checkout]
    tracing: true
    structured_logging: true
    log_fields: [timestamp, level, service, trace_id, span_id, message, error_type, error_message, http_method,
                 http_path, http_status, duration_ms, environment, host, region]
    monitoring_methods: [RED, USE]
    anomaly_detection: false
  automation:
    ci_cd: true
    gitops: true
    auto_rollback: true
    feature_flags: true
"""
