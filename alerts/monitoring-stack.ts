import { formatDuration, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { prometheus, alertmanager } = platform.monitoring.stackJobs;
const { window, for: lasting } = thresholds.stackHealth;
const over = formatDuration(lasting);

/**
 * The monitoring stack watching itself, on the prometheus-community chart only (`stack`:
 * kube-prometheus-stack ships Watchdog and its Prometheus and Alertmanager rules). Tickets, not
 * pages: a page would travel the very path that is failing; the dead man's switch pages when
 * nothing gets through at all.
 */
export const group: RuleGroup = {
  name: "monitoring-stack",
  stack: true,
  rules: [
    alert({
      alert: "Watchdog",
      // Always firing: its notifications are the heartbeat platform.alerting.heartbeat routes
      // to the dead man's switch. The `for` only delays the first beat after a restart.
      expr: "vector(1)",
      for: "1m",
      severity: "info",
      summary: "The alerting pipeline works: this alert always fires",
      description:
        "Watchdog always fires while Prometheus evaluates its rules and reaches Alertmanager. The dead man's switch pages when its notifications stop.",
      runbook: [
        "If the dead man's switch paged: is Prometheus up and evaluating rules (its Rules page)?",
        "Does Prometheus reach Alertmanager (Status > Runtime, Alertmanagers), and Alertmanager the switch (its logs)?",
      ],
    }),
    alert({
      alert: "PrometheusRuleEvaluationFailures",
      expr: `sum by (job, instance, rule_group) (increase(prometheus_rule_evaluation_failures_total{job="${prometheus}"}[${window}])) > 0`,
      for: lasting,
      severity: "warning",
      summary: "Prometheus fails to evaluate rules of {{ $labels.rule_group }}",
      description: `Rule evaluations of {{ $labels.rule_group }} have failed for ${over}: its alerts cannot fire and its recorded series have gaps.`,
      runbook: [
        "Prometheus' Rules page shows the failing rule and its error (many-to-many matching, a query timeout).",
        "Fix the rule in alerts/, rebuild and apply the prometheus-alerts ConfigMap.",
      ],
    }),
    alert({
      alert: "PrometheusNotificationsFailing",
      expr: `sum by (job, instance, alertmanager) (rate(prometheus_notifications_errors_total{job="${prometheus}"}[${window}])) > 0`,
      for: lasting,
      severity: "warning",
      summary: "Prometheus fails to send alerts to {{ $labels.alertmanager }}",
      description: `Prometheus has failed to send alert batches to the Alertmanager at {{ $labels.alertmanager }} for ${over}: alerts may reach no one.`,
      runbook: [
        `kubectl -n ${platform.monitoring.namespace} get pods -l app.kubernetes.io/name=alertmanager: is that Alertmanager running?`,
        "Prometheus' logs name the error (connection refused, timeout, 4xx).",
      ],
    }),
    alert({
      alert: "PrometheusNotificationsDropped",
      expr: `sum by (job, instance) (rate(prometheus_notifications_dropped_total{job="${prometheus}"}[${window}])) > 0`,
      for: lasting,
      severity: "warning",
      summary: "Prometheus drops alerts before they reach Alertmanager",
      description: `Prometheus has dropped alerts for ${over}: its queue to Alertmanager is full or it finds no Alertmanager. Those alerts reach no one.`,
      runbook: [
        "Status > Runtime, Alertmanagers: an empty list means discovery finds no Alertmanager pod.",
        "A full queue: Alertmanager answers too slowly, or far more alerts fire than usual.",
      ],
    }),
    alert({
      alert: "AlertmanagerNotificationsFailing",
      expr: `sum by (job, instance, integration) (rate(alertmanager_notifications_failed_total{job="${alertmanager}"}[${window}])) > 0`,
      for: lasting,
      severity: "warning",
      summary:
        "Alertmanager {{ $labels.instance }} fails to notify through {{ $labels.integration }}",
      description: `Notifications through {{ $labels.integration }} have failed for ${over}: pages or tickets of that kind do not arrive.`,
      runbook: [
        "Alertmanager's logs name the receiver and the error (401: a wrong key in the alertmanager-receivers Secret; timeouts: egress).",
        "Check the receivers' Secret keys against platform.alerting in config/platform.ts.",
      ],
    }),
  ],
};
