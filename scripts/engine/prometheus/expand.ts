import { isObject, str, variablesOf } from "../model/walk.ts";
import { escapeRegex } from "../promql/escape.ts";
import {
  intervalMacros,
  numericMacros,
  substitute,
  type VariableRef,
} from "../promql/variables.ts";

/**
 * Grafana variables and macros expanded to concrete values, the way Grafana's Prometheus
 * datasource does before it sends a query: what a real server can run.
 */
export interface VariableDef {
  name: string;
  /** Grafana variable type: query, custom, constant, textbox, datasource, interval... */
  type: string;
  /** The query (query variables), the comma-separated options (custom) or the value. */
  query: string;
  /** A multi-value variable offering "All": it stands for every value. */
  all: boolean;
  allValue?: string;
  /** Datasource type of a query variable, when set. */
  datasourceType?: string;
  pointer: string;
}

export interface VariableValue {
  values: string[];
  /** "All" selected: a regex matcher gets `allValue` (or every value), others the first value. */
  all: boolean;
  allValue?: string;
}

export interface Intervals {
  /** `$__rate_interval`. */
  rateIntervalSeconds: number;
  /** `$__interval` and `$__auto`: the query step. */
  intervalSeconds: number;
  /** `$__range`: the dashboard's time range. */
  rangeSeconds: number;
}

/** The template variables of a dashboard, in the order Grafana resolves them. */
export function dashboardVariables(dashboard: unknown): VariableDef[] {
  return variablesOf(dashboard).map(({ variable: v, pointer, name }) => {
    const query = isObject(v.query) ? (str(v.query.query) ?? "") : (str(v.query) ?? "");
    return {
      name,
      type: str(v.type) ?? "",
      query,
      all: v.multi === true && v.includeAll === true,
      allValue: str(v.allValue) || undefined,
      datasourceType: isObject(v.datasource) ? str(v.datasource.type) : undefined,
      pointer,
    };
  });
}

const seconds = (s: number): string => (s % 60 === 0 ? `${s / 60}m` : `${s}s`);

function macroValue(name: string, iv: Intervals): string | undefined {
  if (name === "__rate_interval") return seconds(iv.rateIntervalSeconds);
  if (name === "__range") return seconds(iv.rangeSeconds);
  if (intervalMacros.has(name)) return seconds(iv.intervalSeconds);
  if (!numericMacros.has(name)) return undefined;
  if (name === "__range_s") return String(iv.rangeSeconds);
  if (name === "__range_ms") return String(iv.rangeSeconds * 1000);
  if (name === "__rate_interval_ms") return String(iv.rateIntervalSeconds * 1000);
  return String(iv.intervalSeconds * 1000);
}

const escapeString = (v: string): string => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

function valueFor(ref: VariableRef, v: VariableValue): string {
  if (ref.context !== "string") return v.values[0] ?? "";
  if (!ref.inRegex) return escapeString(v.values[0] ?? "");
  if (v.all && v.allValue) return escapeString(v.allValue);
  const alternatives = v.values.map(escapeRegex);
  return escapeString(alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join("|")})`);
}

/**
 * `expr` with every variable and macro replaced by a concrete value. `unresolved` names the
 * references nothing gave a value to (they are left as written).
 */
export function expandQuery(
  expr: string,
  values: ReadonlyMap<string, VariableValue>,
  intervals: Intervals,
): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const { text } = substitute(expr, (ref) => {
    const macro = macroValue(ref.name, intervals);
    if (macro !== undefined) return macro;
    const value = values.get(ref.name);
    if (value && value.values.length > 0) return valueFor(ref, value);
    unresolved.push(ref.name);
    return expr.slice(ref.start, ref.end);
  });
  return { text, unresolved: [...new Set(unresolved)] };
}
