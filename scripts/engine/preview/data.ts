/**
 * The data a dashboard picture shows: each Prometheus target of each panel run as Grafana runs
 * it (variables resolved to their defaults, macros expanded) against a live Prometheus, and
 * for Loki targets sample log lines (there is no Loki here: see sample-logs.ts).
 */
import type { PrometheusApi } from "../prometheus/api.ts";
import { expandQuery } from "../prometheus/expand.ts";
import { resolveVariables, type Window } from "../prometheus/smoke.ts";
import { isObject, panelsOf, str, targetsOf, type PanelRef } from "../model/walk.ts";
import { sampleLogLines, sampleLogVolume, type LogLine } from "./sample-logs.ts";

export interface Series {
  name: string;
  /** One value per time of the panel's time axis; null where the series has no sample. */
  values: (number | null)[];
}

export interface PanelData {
  /** Unix seconds, shared by every series of the panel. */
  times: number[];
  series: Series[];
  logs?: LogLine[];
  /** A query that could not run (an error, an unresolved variable): shown on the panel. */
  errors: string[];
}

/** By panel pointer (`/panels/3`): what each panel draws. */
export type DashboardData = Record<string, PanelData>;

/** `{{label}}` replaced from the series' labels, as Grafana's legend format does. */
function legendName(
  format: string | undefined,
  labels: Record<string, string>,
  expr: string,
): string {
  if (format && format !== "__auto") {
    return format.replace(
      /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g,
      (_, l: string) => labels[l] ?? "",
    );
  }
  const { __name__: name, ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  if (!name && pairs.length === 0) return expr;
  return `${name ?? ""}${pairs.length > 0 ? `{${pairs.join(", ")}}` : ""}`;
}

const timeAxis = (w: Window): number[] => {
  const out: number[] = [];
  for (let t = w.end - w.rangeSeconds; t <= w.end; t += w.intervalSeconds) out.push(t);
  return out;
};

/** A Prometheus matrix laid on the panel's time axis. */
function matrixSeries(
  result: unknown,
  times: number[],
  format: string | undefined,
  expr: string,
): Series[] {
  if (!Array.isArray(result)) return [];
  const index = new Map(times.map((t, i) => [t, i]));
  return result.filter(isObject).map((s) => {
    const values: (number | null)[] = times.map(() => null);
    for (const point of Array.isArray(s.values) ? s.values : []) {
      const [t, v] = point as [number, string];
      const i = index.get(Math.round(t));
      if (i !== undefined && Number.isFinite(Number(v))) values[i] = Number(v);
    }
    const labels = (isObject(s.metric) ? s.metric : {}) as Record<string, string>;
    return { name: legendName(format, labels, expr), values };
  });
}

async function panelData(
  api: PrometheusApi,
  ref: PanelRef,
  values: Awaited<ReturnType<typeof resolveVariables>>["values"],
  w: Window,
  job: string,
): Promise<PanelData> {
  const times = timeAxis(w);
  const data: PanelData = { times, series: [], errors: [] };
  for (const t of targetsOf(ref)) {
    const format = str(t.target.legendFormat);
    if (t.datasourceType === "loki") {
      if (ref.type === "logs") data.logs = sampleLogLines(job, w);
      else data.series.push(...sampleLogVolume(job, format, times));
      continue;
    }
    if (!t.expr) continue;
    const { text, unresolved } = expandQuery(t.expr, values, w);
    if (unresolved.length > 0) {
      data.errors.push(`${t.refId}: no value for ${unresolved.map((n) => `$${n}`).join(", ")}`);
      continue;
    }
    const a = await api.range(text, times[0]!, w.end, w.intervalSeconds);
    if (a.error) data.errors.push(`${t.refId}: ${a.error}`);
    else data.series.push(...matrixSeries(a.result, times, format, text));
  }
  return data;
}

/** The job a dashboard is about: its `job` variable's default, for the sample log lines. */
const jobOf = (values: Map<string, { values: string[] }>): string =>
  values.get("job")?.values[0] ?? "app";

export async function dashboardData(
  api: PrometheusApi,
  dashboard: unknown,
  w: Window,
): Promise<DashboardData> {
  const uid = isObject(dashboard) ? (str(dashboard.uid) ?? "") : "";
  const { values } = await resolveVariables(api, uid, dashboard, w);
  const out: DashboardData = {};
  for (const ref of panelsOf(dashboard)) {
    if (ref.type === "row") continue;
    out[ref.pointer] = await panelData(api, ref, values, w, jobOf(values));
  }
  return out;
}
