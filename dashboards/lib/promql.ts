/** Small PromQL fragments the dashboards repeat. Each returns a plain expression string. */

/** `rate(metric{selector}[$__rate_interval])` summed, optionally by labels. */
export function sumRate(metric: string, selector: string, by: string[] = []): string {
  const sum = by.length > 0 ? `sum by (${by.join(", ")}) ` : "sum";
  return `${sum}(rate(${metric}{${selector}}[$__rate_interval]))`;
}

/** The q-quantile of a histogram, aggregated with `le` (and any extra labels) kept. */
export function quantile(
  q: number,
  histogram: string,
  selector: string,
  by: string[] = [],
): string {
  return `histogram_quantile(${q}, ${sumRate(`${histogram}_bucket`, selector, ["le", ...by])})`;
}

/** p50, p95 and p99 of a histogram, as panel queries with legends. */
export function quantiles(
  histogram: string,
  selector: string,
  by: string[] = [],
): { expr: string; legend: string }[] {
  const suffix = by.map((l) => ` {{${l}}}`).join("");
  return [0.5, 0.95, 0.99].map((q) => ({
    expr: quantile(q, histogram, selector, by),
    legend: `p${Math.round(q * 100)}${suffix}`,
  }));
}
