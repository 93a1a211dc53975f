/**
 * Alerts and recording rules compared field by field (expr, for, severity, labels,
 * annotations, runbook), each change named by the thresholds that explain it.
 */
import { byText, compareFields, explain, pairs, statusOf } from "./changes.ts";
import type { FieldChange, Fields, Status, ThresholdChange } from "./changes.ts";
import type { SnapshotRule } from "./snapshot.ts";

export interface RuleChange {
  group: string;
  name: string;
  kind: "alert" | "record";
  file: string;
  status: Status;
  fields: FieldChange[];
  /** Every threshold key behind the changes, once. */
  thresholds: string[];
}

function ruleFields(r: SnapshotRule): Fields {
  const out: Fields = new Map();
  out.set("expr", [r.expr, "code"]);
  if (r.for !== undefined) out.set("for", [r.for, "value"]);
  if (r.keepFiringFor !== undefined) out.set("keep_firing_for", [r.keepFiringFor, "value"]);
  const labels = Object.keys(r.labels).sort(byText);
  for (const k of labels)
    out.set(k === "severity" ? "severity" : `label ${k}`, [r.labels[k]!, "value"]);
  for (const k of Object.keys(r.annotations).sort(byText)) {
    out.set(`annotation ${k}`, [r.annotations[k]!, "text"]);
  }
  if (r.runbook) out.set("runbook", [r.runbook.map((s, i) => `${i + 1}. ${s}`).join("\n"), "text"]);
  return out;
}

export function compareRules(
  before: readonly SnapshotRule[],
  after: readonly SnapshotRule[],
  thresholds: ThresholdChange[],
): RuleChange[] {
  const key = (r: SnapshotRule) => `${r.group}\u0000${r.kind}\u0000${r.name}`;
  return pairs(before, after, key)
    .map(([b, a]): RuleChange => {
      const { status, shown }: { status: Status; shown: SnapshotRule } = statusOf(b, a);
      const fields =
        status === "removed"
          ? []
          : explain(compareFields(b && ruleFields(b), a && ruleFields(a)), thresholds).filter(
              (f) => status === "changed" || f.kind !== "text",
            );
      const keys = [...new Set(fields.flatMap((f) => f.thresholds ?? []))].sort(byText);
      return {
        group: shown.group,
        name: shown.name,
        kind: shown.kind,
        file: shown.file,
        status,
        fields,
        thresholds: keys,
      };
    })
    .filter((r) => r.status !== "changed" || r.fields.length > 0)
    .sort((x, y) => byText(x.group, y.group) || byText(x.name, y.name));
}
