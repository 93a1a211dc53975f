/**
 * The whole review: two snapshots in, every change a reviewer cares about out, in a stable
 * order and with nothing for what did not change. Pure.
 */
import { diffLines } from "diff";
import { byText, pairs, type ThresholdChange } from "./changes.ts";
import { compareDashboards, type DashboardChange } from "./dashboards.ts";
import { compareRules, type RuleChange } from "./rules.ts";
import type { Snapshot, SnapshotMetric } from "./snapshot.ts";

export interface MetricChange {
  name: string;
  file: string;
  status: "added" | "removed" | "retyped" | "changed";
  before?: Omit<SnapshotMetric, "name">;
  after?: Omit<SnapshotMetric, "name">;
}

export interface OutputChange {
  path: string;
  status: "added" | "removed" | "changed";
  /** Lines added and removed. */
  added: number;
  removed: number;
}

export interface Review {
  dashboards: DashboardChange[];
  rules: RuleChange[];
  thresholds: ThresholdChange[];
  metrics: MetricChange[];
  outputs: OutputChange[];
}

function compareThresholds(
  b: Snapshot["thresholds"],
  a: Snapshot["thresholds"],
): ThresholdChange[] {
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(byText);
  return keys
    .filter((k) => b[k] !== a[k])
    .map((key) => ({
      key,
      ...(key in b ? { before: b[key] } : {}),
      ...(key in a ? { after: a[key] } : {}),
    }));
}

function compareMetrics(before: SnapshotMetric[], after: SnapshotMetric[]): MetricChange[] {
  const rest = ({ name: _name, ...m }: SnapshotMetric) => m;
  return pairs(before, after, (m) => m.name)
    .flatMap(([b, a]): MetricChange[] => {
      const name = (a ?? b)!.name;
      const file = (a ?? b)!.file;
      if (!b) return [{ name, file, status: "added", after: rest(a!) }];
      if (!a) return [{ name, file, status: "removed", before: rest(b) }];
      if (JSON.stringify(rest(b)) === JSON.stringify(rest(a))) return [];
      const status = b.type !== a.type ? "retyped" : "changed";
      return [{ name, file, status, before: rest(b), after: rest(a) }];
    })
    .sort((x, y) => byText(x.name, y.name));
}

function lineCounts(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const c of diffLines(before, after)) {
    if (c.added) added += c.count ?? 0;
    if (c.removed) removed += c.count ?? 0;
  }
  return { added, removed };
}

function compareOutputs(b: Snapshot["outputs"], a: Snapshot["outputs"]): OutputChange[] {
  const paths = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(byText);
  return paths.flatMap((path): OutputChange[] => {
    const before = b[path];
    const after = a[path];
    if (before === after) return [];
    const status = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    return [{ path, status, ...lineCounts(before ?? "", after ?? "") }];
  });
}

export function review(before: Snapshot, after: Snapshot): Review {
  const thresholds = compareThresholds(before.thresholds, after.thresholds);
  return {
    dashboards: compareDashboards(before.dashboards, after.dashboards, thresholds),
    rules: compareRules(before.rules, after.rules, thresholds),
    thresholds,
    metrics: compareMetrics(before.metrics, after.metrics),
    outputs: compareOutputs(before.outputs, after.outputs),
  };
}
