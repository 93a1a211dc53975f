/**
 * A small typed model of Prometheus rule files (the SDK has none). Groups are plain data; the
 * renderer turns them into the `groups:` YAML Prometheus and promtool load.
 */
import type { SourceSite } from "./site.ts";
import type { Suppression } from "./suppressions.ts";

export type Duration = `${number}${"ms" | "s" | "m" | "h" | "d" | "w" | "y"}`;

export const severities = ["critical", "warning", "info"] as const;
export type AlertSeverity = (typeof severities)[number];

export interface AlertingRule {
  kind: "alert";
  alert: string;
  expr: string;
  for: Duration;
  keepFiringFor?: Duration;
  labels: { severity: AlertSeverity } & Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string } & Record<
    string,
    string
  >;
  /** First steps for on-call; rendered into the runbook, not into the rule file. */
  runbook?: string[];
  /** Findings accepted on this alert, each with its reason; not rendered. */
  disable?: Suppression[];
}

export interface RecordingRule {
  kind: "record";
  record: string;
  expr: string;
  labels?: Record<string, string>;
  /** Findings accepted on this rule, each with its reason; not rendered. */
  disable?: Suppression[];
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  name: string;
  interval?: Duration;
  rules: Rule[];
  /**
   * Rules on the monitoring stack itself (its heartbeat, Prometheus' and Alertmanager's health):
   * written to their own file, config/prometheus/monitoring.yml, for the prometheus-community
   * chart, and left out of the PrometheusRule, whose kube-prometheus-stack ships its own.
   */
  stack?: boolean;
  /** Findings accepted on every rule of the group, each with its reason; not rendered. */
  disable?: Suppression[];
}

/** A rule group with the source file it came from, for findings. */
export interface RuleGroupSource {
  file: string;
  group: RuleGroup;
  /** Where each rule (by name) was written, filled in by the sources layer. */
  sites?: Record<string, SourceSite>;
}

export const ruleName = (r: Rule): string => (r.kind === "alert" ? r.alert : r.record);

/** The runbook section of an alert: a heading named after the alert, GitHub-style anchor. */
export const runbookAnchor = (alert: string): string => alert.toLowerCase();
