import {
  defined,
  runbookAnchor,
  type AlertSeverity,
  type AlertingRule,
  type Duration,
  type RecordingRule,
  type Suppression,
} from "../../scripts/authoring/index.ts";
import { platform } from "../../config/platform.ts";

export const runbookUrl = (alert: string): string =>
  `${platform.runbookBaseUrl}#${runbookAnchor(alert)}`;

export interface AlertSpec {
  alert: string;
  expr: string;
  for: Duration;
  severity: AlertSeverity;
  /**
   * The component the alert is about; routed on by Alertmanager. Only the stack's own alerts
   * (a RuleGroup with `stack`) have none: they go to the fallback team.
   */
  component?: string;
  summary: string;
  description: string;
  /** First steps for the runbook section. */
  runbook: string[];
  /** Findings accepted on this alert, each with the reason (`npm run build` reports the rest). */
  disable?: Suppression[];
}

/** An alerting rule with the labels and annotations every alert carries. */
export function alert(spec: AlertSpec): AlertingRule {
  return defined({
    kind: "alert",
    alert: spec.alert,
    expr: spec.expr,
    for: spec.for,
    labels: {
      severity: spec.severity,
      ...(spec.component !== undefined ? { component: spec.component } : {}),
    },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook_url: runbookUrl(spec.alert),
    },
    runbook: spec.runbook,
    ...(spec.disable ? { disable: spec.disable } : {}),
  });
}

export const record = (
  name: string,
  expr: string,
  labels?: Record<string, string>,
): RecordingRule => defined({ kind: "record", record: name, expr, ...(labels ? { labels } : {}) });
