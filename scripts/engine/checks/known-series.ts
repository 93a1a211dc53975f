import type { SyntaxNode } from "@lezer/common";
import {
  allSeriesNames,
  derivedNames,
  resolveSeries,
  type ResolvedSeries,
} from "../model/series.ts";
import { fileCovers, targetLabels, type JobScope } from "../model/catalogue.ts";
import type { Model } from "../model/index.ts";
import { outputLabels, type LabelSet } from "../promql/labels.ts";
import { parsePromql } from "../promql/parse.ts";
import { vectorSelectors } from "../promql/selectors.ts";
import type { RecordingRule } from "../model/rules.ts";
import { selectorScope } from "./scope.ts";

/**
 * Series Prometheus itself writes: for alerting rules, and for every scrape target (so they
 * exist for any job, whatever its exporter).
 */
const builtinSeries = new Set([
  "ALERTS",
  "ALERTS_FOR_STATE",
  "up",
  "scrape_duration_seconds",
  "scrape_samples_scraped",
  "scrape_samples_post_metric_relabeling",
  "scrape_series_added",
]);

/** Labels every series of our scrape config carries besides job and instance. */
const defaultTargetLabels = targetLabels.filter((l) => l !== "job" && l !== "instance");

export type Known =
  | { kind: "catalogue"; series: ResolvedSeries }
  | {
      kind: "recording";
      /** The first rule recording the name. */
      rule: RecordingRule;
      /** Every rule recording it: SLOs share names (slo:sli_error:ratio_rate5m) by label. */
      rules: readonly RecordingRule[];
    }
  | { kind: "builtin" };

/** Where a series is looked up: the selector's jobs, or "any" to ignore them. */
export type Scope = JobScope | "any";

export interface SeriesIndex {
  /**
   * What is known about a series name for selectors of `scope`, in a query of file `from`: a
   * recording rule of that file wins over one of the same name elsewhere.
   */
  lookup(name: string, scope: Scope, from?: string): Known | undefined;
  /** Labels a series carries, including target labels; undefined when unknown. */
  labels(name: string, scope: Scope, from?: string): LabelSet;
  /** Every name known for `scope`, for "did you mean". */
  names(scope: Scope): string[];
  /**
   * Whether the catalogue describes every series of `scope`: only there is a name it does not
   * know an unknown metric. A job no catalogue file lists is nobody's to judge.
   */
  covers(scope: JobScope): boolean;
}

const indexes = new WeakMap<Model, SeriesIndex>();

/** What the catalogue and the recording rules say about a series name. Memoised per model. */
export function seriesIndex(model: Model): SeriesIndex {
  const cached = indexes.get(model);
  if (cached) return cached;
  const recording = new Map<string, RecordingRule[]>();
  /** The rules of each name in each file (`name\0file`), and the file of each rule. */
  const recordingIn = new Map<string, RecordingRule[]>();
  const fileOf = new Map<RecordingRule, string>();
  const add = (map: Map<string, RecordingRule[]>, key: string, r: RecordingRule) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const g of model.ruleGroups) {
    for (const r of g.group.rules) {
      if (r.kind !== "record") continue;
      add(recording, r.record, r);
      add(recordingIn, `${r.record}\u0000${g.file}`, r);
      if (!fileOf.has(r)) fileOf.set(r, g.file);
    }
  }
  const files = new Map(model.catalogue.files.map((f) => [f.file, f]));
  const labelCache = new Map<string, LabelSet>();
  /**
   * `from` when that file records the name, else undefined: what is known of a name is the same
   * from every file that does not record it, so it is worked out once for all of them (1,000
   * dashboards reading the rules of 100 rule files would otherwise each go through all of them).
   */
  const owner = (name: string, from?: string) =>
    from !== undefined && recordingIn.has(`${name}\u0000${from}`) ? from : undefined;
  /** Every rule recording the name: those of file `from` when it has some. */
  const recordedAll = (name: string, from?: string): readonly RecordingRule[] =>
    (from !== undefined ? recordingIn.get(`${name}\u0000${from}`) : undefined) ??
    recording.get(name) ??
    [];
  // A selector's scope is one set however often it is asked about: its jobs sorted once.
  const jobsKeys = new WeakMap<ReadonlySet<string>, string>();
  const jobsKey = (scope: ReadonlySet<string>) => {
    const key = jobsKeys.get(scope) ?? [...scope].sort().join(",");
    jobsKeys.set(scope, key);
    return key;
  };
  const keyOf = (name: string, scope: Scope, from?: string) => {
    const jobs = scope === "any" ? "*" : scope ? jobsKey(scope) : "";
    return `${name}\u0000${jobs}\u0000${from ?? ""}`;
  };
  // Every query asks again for the same few names: each answer is worked out once.
  const lookups = new Map<string, Known | undefined>();
  const lookup = (name: string, scope: Scope, from?: string): Known | undefined => {
    const own = owner(name, from);
    const key = keyOf(name, scope, own);
    if (lookups.has(key)) return lookups.get(key);
    const series = resolveSeries(model.catalogue, name, scope);
    const rules = series ? [] : recordedAll(name, own);
    const known: Known | undefined = series
      ? { kind: "catalogue", series }
      : rules.length > 0
        ? { kind: "recording", rule: rules[0]!, rules }
        : builtinSeries.has(name)
          ? { kind: "builtin" }
          : undefined;
    lookups.set(key, known);
    return known;
  };
  const labels = (name: string, scope: Scope, from?: string): LabelSet => {
    const key = keyOf(name, scope, owner(name, from));
    if (labelCache.has(key)) return labelCache.get(key);
    labelCache.set(key, undefined); // recursion guard for self-referencing rules
    const known = lookup(name, scope, from);
    let result: LabelSet;
    if (known?.kind === "catalogue") {
      const { metric, kind } = known.series;
      const extra =
        kind === "bucket"
          ? ["le"]
          : kind === "self" && metric.type === "summary"
            ? ["quantile"]
            : [];
      const target = files.get(metric.file)?.targetLabels ?? defaultTargetLabels;
      result = new Set([...metric.labels, "job", "instance", ...target, ...extra]);
    } else if (known?.kind === "recording") {
      // The labels of any of the rules that record the name (SLOs share names by label).
      const sets = known.rules.map((rule) => {
        const q = parsePromql(rule.expr);
        const top = q.tree.topNode.firstChild;
        // A rule's selectors name their jobs with plain matchers: no variables in a rule file.
        const selectors = new Map(vectorSelectors(q).map((s) => [s.node.from, s]));
        const file = fileOf.get(rule)!;
        const inRule = (metric: string, node: SyntaxNode) => {
          const s = selectors.get(node.from);
          return labels(metric, s ? selectorScope(s) : undefined, file);
        };
        const out = top && q.errors.length === 0 ? outputLabels(q, top, inRule) : undefined;
        return out ? new Set([...out, ...Object.keys(rule.labels ?? {})]) : undefined;
      });
      result = sets.some((x) => x === undefined)
        ? undefined
        : new Set(sets.flatMap((x) => [...x!]));
    }
    labelCache.set(key, result);
    return result;
  };
  const index: SeriesIndex = {
    lookup,
    labels,
    names: (scope) => [
      ...(scope === "any"
        ? allSeriesNames(model.catalogue)
        : model.catalogue.files
            .filter((f) => fileCovers(f, scope))
            .flatMap((f) => f.metrics.flatMap((m) => [m.name, ...derivedNames(m)]))),
      ...recording.keys(),
    ],
    covers: (scope) =>
      scope === undefined
        ? model.catalogue.files.some((f) => f.anyJob)
        : [...scope].every((job) => model.catalogue.files.some((f) => f.jobs.includes(job))),
  };
  indexes.set(model, index);
  return index;
}

/**
 * The rules recording a name that a selector can read: those whose own labels agree with the
 * selector's equality matchers (`slo="api-availability"` reads that SLO's rule, not another's).
 */
export function rulesSelected(
  rules: readonly RecordingRule[],
  matchers: readonly { label: string; op: string; value: string }[],
): RecordingRule[] {
  return rules.filter((r) =>
    matchers.every(
      (m) => m.op !== "=" || r.labels?.[m.label] === undefined || r.labels[m.label] === m.value,
    ),
  );
}
