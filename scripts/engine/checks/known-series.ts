import { allSeriesNames, resolveSeries, type ResolvedSeries } from "../model/series.ts";
import { targetLabels } from "../model/catalogue.ts";
import type { Model } from "../model/index.ts";
import { outputLabels, type LabelSet } from "../promql/labels.ts";
import { parsePromql } from "../promql/parse.ts";
import type { RecordingRule } from "../model/rules.ts";

/** Series Prometheus itself writes for alerting rules. */
const builtinSeries = new Set(["ALERTS", "ALERTS_FOR_STATE"]);

export type Known =
  | { kind: "catalogue"; series: ResolvedSeries }
  | { kind: "recording"; rule: RecordingRule }
  | { kind: "builtin" };

export interface SeriesIndex {
  lookup(name: string): Known | undefined;
  /** Labels a series carries, including target labels; undefined when unknown. */
  labels(name: string): LabelSet;
  /** Every known name, for "did you mean". */
  names(): string[];
}

const indexes = new WeakMap<Model, SeriesIndex>();

/** What the catalogue and the recording rules say about a series name. Memoised per model. */
export function seriesIndex(model: Model): SeriesIndex {
  const cached = indexes.get(model);
  if (cached) return cached;
  const recording = new Map<string, RecordingRule>();
  for (const g of model.ruleGroups) {
    for (const r of g.group.rules) if (r.kind === "record") recording.set(r.record, r);
  }
  const labelCache = new Map<string, LabelSet>();
  const lookup = (name: string): Known | undefined => {
    const series = resolveSeries(model.catalogue, name);
    if (series) return { kind: "catalogue", series };
    const rule = recording.get(name);
    if (rule) return { kind: "recording", rule };
    return builtinSeries.has(name) ? { kind: "builtin" } : undefined;
  };
  const labels = (name: string): LabelSet => {
    if (labelCache.has(name)) return labelCache.get(name);
    labelCache.set(name, undefined); // recursion guard for self-referencing rules
    const known = lookup(name);
    let result: LabelSet;
    if (known?.kind === "catalogue") {
      const { metric, kind } = known.series;
      const extra =
        kind === "bucket"
          ? ["le"]
          : kind === "self" && metric.type === "summary"
            ? ["quantile"]
            : [];
      result = new Set([...metric.labels, ...targetLabels, ...extra]);
    } else if (known?.kind === "recording") {
      const q = parsePromql(known.rule.expr);
      const top = q.tree.topNode.firstChild;
      const out = top && q.errors.length === 0 ? outputLabels(q, top, labels) : undefined;
      result = out ? new Set([...out, ...Object.keys(known.rule.labels ?? {})]) : undefined;
    }
    labelCache.set(name, result);
    return result;
  };
  const index: SeriesIndex = {
    lookup,
    labels,
    names: () => [...allSeriesNames(model.catalogue), ...recording.keys()],
  };
  indexes.set(model, index);
  return index;
}
