/**
 * What the review compares: one revision's dashboards, rules, catalogue, thresholds and deploy
 * outputs as plain JSON (the base revision's comes from a child process).
 */
import type { Files, Model } from "../model/index.ts";
import { dashboardUid } from "../model/dashboard.ts";
import { ruleName } from "../model/rules.ts";
import type { Json } from "../model/walk.ts";

export interface SnapshotDashboard {
  uid: string;
  title: string;
  file: string;
  dashboard: Json;
}

export interface SnapshotRule {
  group: string;
  file: string;
  kind: "alert" | "record";
  name: string;
  expr: string;
  for?: string;
  keepFiringFor?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runbook?: string[];
}

export interface SnapshotMetric {
  name: string;
  type: string;
  unit: string;
  labels: string[];
  file: string;
}

export type Scalar = string | number | boolean | null;

export interface Snapshot {
  dashboards: SnapshotDashboard[];
  rules: SnapshotRule[];
  metrics: SnapshotMetric[];
  /** config/platform.ts `thresholds`, flattened: `thresholds.gatewayErrorRatio.ratio` -> 0.05. */
  thresholds: Record<string, Scalar>;
  /** Generated files: path -> content. */
  outputs: Record<string, string>;
}

function flatten(value: unknown, prefix: string, out: Record<string, Scalar>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}.${k}`, out);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  } else if (["string", "number", "boolean"].includes(typeof value) || value === null) {
    out[prefix] = value as Scalar;
  }
}

export function snapshotOf(model: Model, thresholds: unknown, outputs: Files): Snapshot {
  const flat: Record<string, Scalar> = {};
  flatten(thresholds, "thresholds", flat);
  return {
    dashboards: model.dashboards.map((d) => ({
      uid: dashboardUid(d),
      title: typeof d.dashboard.title === "string" ? d.dashboard.title : d.slug,
      file: d.file,
      dashboard: d.dashboard as unknown as Json,
    })),
    // Loki ruler groups are named loki/<group>: the two rulers' groups may share names.
    rules: [
      ...model.ruleGroups.map((g) => ({ g, group: g.group.name })),
      ...model.logRuleGroups.map((g) => ({ g, group: `loki/${g.group.name}` })),
    ].flatMap(({ g, group }) =>
      g.group.rules.map((r): SnapshotRule =>
        r.kind === "alert"
          ? {
              group,
              file: g.file,
              kind: "alert",
              name: ruleName(r),
              expr: r.expr,
              for: r.for,
              ...(r.keepFiringFor ? { keepFiringFor: r.keepFiringFor } : {}),
              labels: { ...r.labels },
              annotations: { ...r.annotations },
              ...(r.runbook ? { runbook: r.runbook } : {}),
            }
          : {
              group,
              file: g.file,
              kind: "record",
              name: ruleName(r),
              expr: r.expr,
              labels: { ...(r.labels ?? {}) },
              annotations: {},
            },
      ),
    ),
    metrics: [...model.catalogue.metrics.values()].flat().map((m) => ({
      name: m.name,
      type: m.type,
      unit: m.unit,
      labels: [...m.labels],
      file: m.file,
    })),
    thresholds: flat,
    outputs: Object.fromEntries(outputs),
  };
}
