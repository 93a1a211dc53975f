/**
 * What a running Prometheus knows of its metrics, as an import source: the metadata API (type,
 * help, unit, from what it scrapes), the series API (names and labels) and, for series the
 * metadata does not type (a server fed from blocks, untyped exporters), how their samples moved
 * over the window: resets() and changes() tell a counter from a gauge.
 */
import type { PrometheusApi } from "../prometheus/api.ts";
import { escapeRegex } from "../promql/escape.ts";
import type { ImportSource } from "./build.ts";
import type { FamilyMeta, SeriesSeen } from "./exposition.ts";

/** More series than this is no catalogue: narrow the import with --job. */
export const maxSeries = 200_000;

export async function fromPrometheus(
  api: PrometheusApi,
  opts: { jobs?: string[]; windowSeconds: number; now: number },
): Promise<ImportSource> {
  const meta = new Map<string, FamilyMeta>();
  for (const [name, entries] of Object.entries(await api.metadata())) {
    const [first] = entries;
    if (first) meta.set(name, { type: first.type, help: first.help, unit: first.unit });
  }
  const jobs = opts.jobs?.length ? `job=~"${opts.jobs.map(escapeRegex).join("|")}"` : undefined;
  const match = jobs ? `{${jobs}}` : '{__name__=~".+"}';
  const start = opts.now - opts.windowSeconds;
  // What the server's own rules record is no exporter's: rule files say what it is.
  const recorded = new Set([
    "ALERTS",
    "ALERTS_FOR_STATE",
    ...(await api.rules()).flatMap((g) => g.rules.map((r) => r.name)),
  ]);
  const found = (await api.series(match, start, opts.now)).filter(
    (l) => !recorded.has(l.__name__ ?? ""),
  );
  if (found.length > maxSeries) {
    throw new Error(
      `${found.length} series match ${match}, more than ${maxSeries}: import one job at a time (--job).`,
    );
  }
  const names = [...new Set(found.map((l) => l.__name__!))].filter(
    (n) => !["counter", "gauge", "histogram", "summary"].includes(meta.get(n)?.type ?? ""),
  );
  // How untyped series moved: any decrease (resets) marks a gauge, growth alone a counter.
  const moved = new Map<string, { resets: number; changes: number }>();
  // The functions drop __name__: it is copied to a label first, over a subquery (a minute apart).
  const range = `[${opts.windowSeconds}s:60s]`;
  for (let i = 0; i < names.length; i += 100) {
    const byName = `__name__=~"${names
      .slice(i, i + 100)
      .map(escapeRegex)
      .join("|")}"`;
    const selector = `{${[jobs, byName].filter(Boolean).join(", ")}}`;
    const named = `label_replace(${selector}, "name", "$1", "__name__", "(.+)")`;
    for (const fn of ["resets", "changes"] as const) {
      for (const r of await api.vector(`sum by (name) (${fn}(${named}${range}))`, opts.now)) {
        const entry = moved.get(r.metric.name!) ?? { resets: 0, changes: 0 };
        entry[fn] = r.value;
        moved.set(r.metric.name!, entry);
      }
    }
  }
  const series = found.map((labels): SeriesSeen => {
    const { __name__: name, ...rest } = labels;
    const m = moved.get(name!);
    return {
      name: name!,
      labels: rest,
      samples: m ? 2 : 1,
      last: 0,
      decreased: (m?.resets ?? 0) > 0,
      increased: (m?.changes ?? 0) > 0,
    };
  });
  return { meta, series };
}
