/**
 * Which jobs a selector reads, so catalogue facts are only borrowed where they hold: a
 * `job="x"` (or `=~"a|b"`) matcher, or a dashboard variable whose values can be told (a custom
 * or constant list, `label_values(up{job="x"}, job)`). Anything else is unknown.
 */
import type { SyntaxNode } from "@lezer/common";
import type { JobScope } from "../model/catalogue.ts";
import type { DashboardSource } from "../model/dashboard.ts";
import { isObject, str, variableQuery, variablesOf } from "../model/walk.ts";
import { alternatives } from "../promql/escape.ts";
import type { SeriesLabels } from "../promql/labels.ts";
import { parsePromql, type ParsedQuery } from "../promql/parse.ts";
import { vectorSelectors, type Selector } from "../promql/selectors.ts";
import { memoByText } from "../text/memo.ts";
import type { CheckContext } from "./check.ts";
import type { Known, SeriesIndex } from "./known-series.ts";
import type { PromQuery } from "./queries.ts";
import { seriesType, type TypedSeries } from "./series-type.ts";

/** The values of a dashboard variable, when they can be told. */
type VariableValues = (name: string) => string[] | undefined;

/** A matcher value that is one variable reference: `$job`, `${job}`, `${job:regex}`, `[[job]]`. */
const wholeVariable = /^(?:\$(\w+)|\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\])$/;

/**
 * One set per list of job names: the series index keys a scope by its set (sorting its names
 * once), and a thousand files' selectors name the same few jobs millions of times.
 */
const scopeOf = memoByText(
  (names) => new Set(JSON.parse(names) as string[]) as ReadonlySet<string>,
  10_000,
);

/** The jobs a selector's job matcher names, resolving a variable with `values`. */
export function selectorScope(s: Selector, values?: VariableValues): JobScope {
  const m = s.matchers.find((x) => x.label === "job" && (x.op === "=" || x.op === "=~"));
  if (!m) return undefined;
  let names: string[] | undefined;
  if (m.templated) {
    const ref = wholeVariable.exec(m.raw);
    const name = ref && (ref[1] ?? ref[2] ?? ref[3]);
    names = name ? values?.(name) : undefined;
  } else names = m.op === "=" ? [m.value] : alternatives(m.value);
  return names && names.length > 0 ? scopeOf(JSON.stringify(names)) : undefined;
}

/** What a dashboard's variables can take; `depth` stops variables that refer to each other. */
export function dashboardValues(d: DashboardSource, depth = 0): VariableValues {
  const vars = new Map(variablesOf(d.dashboard).map((v) => [v.name, v.variable]));
  return (name) => {
    const v = vars.get(name);
    if (!v || depth > 3) return undefined;
    const query = isObject(v.query) ? str(v.query.query) : str(v.query);
    switch (v.type) {
      case "custom":
        return query
          ?.split(/(?<!\\),/)
          .map((x) => x.trim())
          .filter(Boolean);
      case "constant":
      case "textbox":
        return query ? [query] : undefined;
      case "query": {
        const lv = query ? variableQuery(query) : undefined;
        if (!lv || lv.label !== "job") return undefined;
        const parsed = parsePromql(lv.expr);
        const [s, ...more] = parsed.errors.length === 0 ? vectorSelectors(parsed) : [];
        const scope =
          s && more.length === 0 ? selectorScope(s, dashboardValues(d, depth + 1)) : undefined;
        return scope && [...scope];
      }
    }
    return undefined;
  };
}

/**
 * Labels of the series a rule expression's selectors read: a rule names its jobs with plain
 * matchers (no variables in a rule file), and a recording rule of its own file wins.
 */
export function ruleLabels(index: SeriesIndex, parsed: ParsedQuery, file: string): SeriesLabels {
  const selectors = new Map(vectorSelectors(parsed).map((s) => [s.node.from, s]));
  return (metric, node) => {
    const s = selectors.get(node.from);
    return index.labels(metric, s ? selectorScope(s) : undefined, file);
  };
}

/** What the index knows about each selector of one query, with its jobs resolved. */
export interface QueryFacts {
  scope(s: Selector): JobScope;
  lookup(s: Selector, name?: string): Known | undefined;
  type(s: Selector): TypedSeries | undefined;
  /** Labels of a selector's series, for outputLabels(). */
  labels: SeriesLabels;
}

const factsCache = new WeakMap<ParsedQuery, WeakMap<PromQuery, QueryFacts>>();

/** A dashboard's variables read once for all its queries. */
const dashboardsValues = new WeakMap<DashboardSource, VariableValues>();
function valuesOf(d: DashboardSource): VariableValues {
  const values = dashboardsValues.get(d) ?? dashboardValues(d);
  dashboardsValues.set(d, values);
  return values;
}

export function queryFacts(ctx: CheckContext, query: PromQuery, parsed: ParsedQuery): QueryFacts {
  let perQuery = factsCache.get(parsed);
  if (!perQuery) factsCache.set(parsed, (perQuery = new WeakMap()));
  const hit = perQuery.get(query);
  if (hit) return hit;
  const { index } = ctx;
  const values = query.dashboard ? valuesOf(query.dashboard) : undefined;
  const selectors = new Map(vectorSelectors(parsed).map((s) => [s.node.from, s]));
  const family = new Set([...selectors.values()].flatMap((s) => (s.metric ? [s.metric] : [])));
  const scopes = new Map<Selector, JobScope>();
  const scope = (s: Selector) => {
    if (!scopes.has(s)) scopes.set(s, selectorScope(s, values));
    return scopes.get(s);
  };
  const facts: QueryFacts = {
    scope,
    lookup: (s, name = s.metric) =>
      name === undefined ? undefined : index.lookup(name, scope(s), query.where.file),
    // A name whose catalogue entry is broken is not typed by its suffix either: what it is
    // follows from that entry, which the catalogue/cascade finding points at.
    type: (s) =>
      s.metric === undefined || ctx.model.catalogue.broken?.has(s.metric)
        ? undefined
        : seriesType(index, s.metric, scope(s), family),
    labels: (metric: string, node: SyntaxNode) => {
      const s = selectors.get(node.from);
      return index.labels(metric, s ? scope(s) : undefined, query.where.file);
    },
  };
  perQuery.set(query, facts);
  return facts;
}
