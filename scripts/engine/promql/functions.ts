/**
 * Prometheus' PromQL functions, as its parser declares them (promql/parser/functions.go of
 * Prometheus 3.14): argument types, how many more of the last one may follow, the result type,
 * the first release that has the function, and whether it needs
 * --enable-feature=promql-experimental-functions. A test keeps the names and types in step with
 * @prometheus-io/codemirror-promql's list and with the grammar.
 */
export type ValueType = "scalar" | "instant" | "range" | "string";

export interface FunctionSpec {
  args: ValueType[];
  /**
   * As Prometheus counts it: 0, exactly `args`; n > 0, the last argument optional and up to n
   * more; -1, the last argument optional and any number more.
   */
  variadic?: number;
  returns: ValueType;
  /** The first Prometheus release with the function (`major.minor`). */
  since: string;
  /** Behind --enable-feature=promql-experimental-functions. */
  experimental?: true;
  /** Experimental from `since` until this release. */
  stableSince?: string;
  /** The release that dropped it, and what replaced it. */
  removedIn?: { version: string; instead: string };
}

const v = "instant" as const;
const m = "range" as const;
const s = "scalar" as const;
const str = "string" as const;

export const functions: Record<string, FunctionSpec> = {
  abs: { args: [v], returns: v, since: "2.0" },
  absent: { args: [v], returns: v, since: "2.0" },
  absent_over_time: { args: [m], returns: v, since: "2.16" },
  acos: { args: [v], returns: v, since: "2.31" },
  acosh: { args: [v], returns: v, since: "2.31" },
  asin: { args: [v], returns: v, since: "2.31" },
  asinh: { args: [v], returns: v, since: "2.31" },
  atan: { args: [v], returns: v, since: "2.31" },
  atanh: { args: [v], returns: v, since: "2.31" },
  avg_over_time: { args: [m], returns: v, since: "2.0" },
  ceil: { args: [v], returns: v, since: "2.0" },
  changes: { args: [m], returns: v, since: "2.0" },
  clamp: { args: [v, s, s], returns: v, since: "2.26" },
  clamp_max: { args: [v, s], returns: v, since: "2.0" },
  clamp_min: { args: [v, s], returns: v, since: "2.0" },
  cos: { args: [v], returns: v, since: "2.31" },
  cosh: { args: [v], returns: v, since: "2.31" },
  count_over_time: { args: [m], returns: v, since: "2.0" },
  days_in_month: { args: [v], variadic: 1, returns: v, since: "2.0" },
  day_of_month: { args: [v], variadic: 1, returns: v, since: "2.0" },
  day_of_week: { args: [v], variadic: 1, returns: v, since: "2.0" },
  day_of_year: { args: [v], variadic: 1, returns: v, since: "2.36" },
  deg: { args: [v], returns: v, since: "2.31" },
  end: { args: [], returns: s, since: "3.12", experimental: true },
  delta: { args: [m], returns: v, since: "2.0" },
  deriv: { args: [m], returns: v, since: "2.0" },
  exp: { args: [v], returns: v, since: "2.0" },
  first_over_time: { args: [m], returns: v, since: "3.7", stableSince: "3.14" },
  floor: { args: [v], returns: v, since: "2.0" },
  histogram_avg: { args: [v], returns: v, since: "2.51" },
  histogram_count: { args: [v], returns: v, since: "2.40" },
  histogram_sum: { args: [v], returns: v, since: "2.40" },
  histogram_stddev: { args: [v], returns: v, since: "2.47" },
  histogram_stdvar: { args: [v], returns: v, since: "2.47" },
  histogram_fraction: { args: [s, s, v], returns: v, since: "2.40" },
  histogram_quantile: { args: [s, v], returns: v, since: "2.0" },
  histogram_quantiles: {
    args: [v, str, s, s],
    variadic: 9,
    returns: v,
    since: "3.11",
    experimental: true,
  },
  double_exponential_smoothing: { args: [m, s, s], returns: v, since: "3.0", experimental: true },
  hour: { args: [v], variadic: 1, returns: v, since: "2.0" },
  idelta: { args: [m], returns: v, since: "2.0" },
  increase: { args: [m], returns: v, since: "2.0" },
  info: { args: [v, v], variadic: 1, returns: v, since: "2.55", experimental: true },
  irate: { args: [m], returns: v, since: "2.0" },
  label_replace: { args: [v, str, str, str, str], returns: v, since: "2.0" },
  label_join: { args: [v, str, str, str], variadic: -1, returns: v, since: "2.0" },
  max_of: { args: [s, s], returns: s, since: "3.13", experimental: true },
  last_over_time: { args: [m], returns: v, since: "2.26" },
  min_of: { args: [s, s], returns: s, since: "3.13", experimental: true },
  ln: { args: [v], returns: v, since: "2.0" },
  log10: { args: [v], returns: v, since: "2.0" },
  log2: { args: [v], returns: v, since: "2.0" },
  mad_over_time: { args: [m], returns: v, since: "2.49", experimental: true },
  max_over_time: { args: [m], returns: v, since: "2.0" },
  min_over_time: { args: [m], returns: v, since: "2.0" },
  ts_of_first_over_time: { args: [m], returns: v, since: "3.7", experimental: true },
  ts_of_max_over_time: { args: [m], returns: v, since: "3.5", experimental: true },
  ts_of_min_over_time: { args: [m], returns: v, since: "3.5", experimental: true },
  ts_of_last_over_time: { args: [m], returns: v, since: "3.5", experimental: true },
  minute: { args: [v], variadic: 1, returns: v, since: "2.0" },
  month: { args: [v], variadic: 1, returns: v, since: "2.0" },
  pi: { args: [], returns: s, since: "2.31" },
  predict_linear: { args: [m, s], returns: v, since: "2.0" },
  present_over_time: { args: [m], returns: v, since: "2.29" },
  quantile_over_time: { args: [s, m], returns: v, since: "2.0" },
  rad: { args: [v], returns: v, since: "2.31" },
  range: { args: [], returns: s, since: "3.12", experimental: true },
  rate: { args: [m], returns: v, since: "2.0" },
  resets: { args: [m], returns: v, since: "2.0" },
  round: { args: [v, s], variadic: 1, returns: v, since: "2.0" },
  scalar: { args: [v], returns: s, since: "2.0" },
  sgn: { args: [v], returns: v, since: "2.26" },
  sin: { args: [v], returns: v, since: "2.31" },
  sinh: { args: [v], returns: v, since: "2.31" },
  sort: { args: [v], returns: v, since: "2.0" },
  sort_desc: { args: [v], returns: v, since: "2.0" },
  sort_by_label: { args: [v, str], variadic: -1, returns: v, since: "2.49", experimental: true },
  sort_by_label_desc: {
    args: [v, str],
    variadic: -1,
    returns: v,
    since: "2.49",
    experimental: true,
  },
  sqrt: { args: [v], returns: v, since: "2.0" },
  start: { args: [], returns: s, since: "3.12", experimental: true },
  start_timestamp: { args: [v], returns: v, since: "3.14", experimental: true },
  step: { args: [], returns: s, since: "3.12", experimental: true },
  stddev_over_time: { args: [m], returns: v, since: "2.0" },
  stdvar_over_time: { args: [m], returns: v, since: "2.0" },
  sum_over_time: { args: [m], returns: v, since: "2.0" },
  tan: { args: [v], returns: v, since: "2.31" },
  tanh: { args: [v], returns: v, since: "2.31" },
  time: { args: [], returns: s, since: "2.0" },
  timestamp: { args: [v], returns: v, since: "2.0" },
  vector: { args: [s], returns: v, since: "2.0" },
  year: { args: [v], variadic: 1, returns: v, since: "2.0" },
  holt_winters: {
    args: [m, s, s],
    returns: v,
    since: "2.0",
    removedIn: { version: "3.0", instead: "double_exponential_smoothing" },
  },
};

/** Aggregation operators that came later than the rest, or behind the experimental flag. */
export const aggregations: Record<string, Pick<FunctionSpec, "since" | "experimental">> = {
  group: { since: "2.20" },
  limitk: { since: "2.54", experimental: true },
  limit_ratio: { since: "2.54", experimental: true },
};

/** Whether release `a` (`major.minor[.patch]`) comes before `b`. */
export function olderThan(a: string, b: string): boolean {
  const [x, y] = [a, b].map((ver) => ver.split(".").map(Number));
  for (let i = 0; i < 3; i++) {
    const d = (x![i] ?? 0) - (y![i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}
