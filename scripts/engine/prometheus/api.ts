/**
 * A small client of Prometheus' HTTP API (v1): the calls the smoke test and the benchmark make.
 * PromQL errors come back as values (`error`), network failures throw.
 */
export interface QueryStats {
  /** Samples Prometheus read to answer (the cost of the query). */
  totalQueryableSamples: number;
  /** Most samples held in memory at once. */
  peakSamples: number;
}

export interface QueryAnswer {
  /** Number of series (or, for a scalar result, 1). */
  series: number;
  resultType?: string;
  warnings: string[];
  error?: string;
  stats?: QueryStats;
  /** The result as Prometheus sent it (a matrix, a vector, a scalar), for who draws it. */
  result?: unknown;
}

export interface RuleState {
  name: string;
  health: string;
  lastError?: string;
}

export interface RuleGroupState {
  name: string;
  /** When the group last finished an evaluation (its results are stored by then). */
  lastEvaluation: string;
  rules: RuleState[];
}

interface Envelope<T> {
  status: "success" | "error";
  data?: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

interface QueryData {
  resultType: string;
  result: unknown;
  stats?: { samples?: QueryStats };
}

export class PrometheusApi {
  constructor(readonly url: string) {}

  private async get<T>(path: string, params: [string, string][]): Promise<Envelope<T>> {
    const query = new URLSearchParams(params).toString();
    const r = await fetch(`${this.url}${path}?${query}`, { signal: AbortSignal.timeout(30_000) });
    const text = await r.text();
    try {
      return JSON.parse(text) as Envelope<T>;
    } catch {
      throw new Error(`${path}: HTTP ${r.status}, not JSON: ${text.slice(0, 200)}`);
    }
  }

  /** The data of an answer; an error answer throws, named by `what`. */
  private async data<T>(
    path: string,
    params: [string, string][],
    what = path,
  ): Promise<T | undefined> {
    const r = await this.get<T>(path, params);
    if (r.status !== "success") throw new Error(`${what}: ${r.errorType}: ${r.error}`);
    return r.data;
  }

  private async query(path: string, params: [string, string][]): Promise<QueryAnswer> {
    const r = await this.get<QueryData>(path, [...params, ["stats", "all"]]);
    const warnings = r.warnings ?? [];
    if (r.status !== "success" || !r.data) {
      return { series: 0, warnings, error: `${r.errorType ?? "error"}: ${r.error ?? "no data"}` };
    }
    const { resultType, result, stats } = r.data;
    const series = Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
    return { series, resultType, warnings, stats: stats?.samples, result };
  }

  /** An instant query at `time` (Unix seconds). */
  instant(expr: string, time: number): Promise<QueryAnswer> {
    return this.query("/api/v1/query", [
      ["query", expr],
      ["time", String(time)],
    ]);
  }

  /** A range query, as a Grafana time-series panel runs it. */
  range(expr: string, start: number, end: number, stepSeconds: number): Promise<QueryAnswer> {
    return this.query("/api/v1/query_range", [
      ["query", expr],
      ["start", String(start)],
      ["end", String(end)],
      ["step", String(stepSeconds)],
    ]);
  }

  /** Values of `label` on the series matching `match`: what Grafana's `label_values()` asks. */
  async labelValues(
    label: string,
    match: string,
    start: number,
    end: number,
  ): Promise<{ values: string[]; warnings: string[]; error?: string }> {
    const r = await this.get<string[]>(`/api/v1/label/${encodeURIComponent(label)}/values`, [
      ["match[]", match],
      ["start", String(start)],
      ["end", String(end)],
    ]);
    if (r.status !== "success") {
      return { values: [], warnings: r.warnings ?? [], error: `${r.errorType}: ${r.error}` };
    }
    return { values: r.data ?? [], warnings: r.warnings ?? [] };
  }

  /** Metric metadata (type, help, unit) by name, from the targets Prometheus scrapes. */
  async metadata(): Promise<Record<string, { type: string; help: string; unit: string }[]>> {
    const data = await this.data<Record<string, { type: string; help: string; unit: string }[]>>(
      "/api/v1/metadata",
      [],
    );
    return data ?? {};
  }

  /** The label sets of the series matching `match` between `start` and `end` (Unix seconds). */
  async series(match: string, start: number, end: number): Promise<Record<string, string>[]> {
    const data = await this.data<Record<string, string>[]>("/api/v1/series", [
      ["match[]", match],
      ["start", String(start)],
      ["end", String(end)],
    ]);
    return data ?? [];
  }

  /** An instant query's vector result: each series' labels and value. */
  async vector(
    expr: string,
    time: number,
  ): Promise<{ metric: Record<string, string>; value: number }[]> {
    const what = `/api/v1/query ${expr}`;
    const data = await this.data<{
      resultType: string;
      result: { metric: Record<string, string>; value: [number, string] }[];
    }>(
      "/api/v1/query",
      [
        ["query", expr],
        ["time", String(time)],
      ],
      what,
    );
    if (data?.resultType !== "vector")
      throw new Error(`${what}: ${data?.resultType}: not a vector`);
    return data.result.map((x) => ({ metric: x.metric, value: Number(x.value[1]) }));
  }

  /** Every loaded rule group with the health of its rules. */
  async rules(): Promise<RuleGroupState[]> {
    const r = await this.get<{ groups: RuleGroupState[] }>("/api/v1/rules", []);
    if (r.status !== "success" || !r.data) throw new Error(`/api/v1/rules: ${r.error}`);
    return r.data.groups.map((g) => ({
      name: g.name,
      lastEvaluation: g.lastEvaluation,
      rules: g.rules.map((rule) => ({
        name: rule.name,
        health: rule.health,
        lastError: rule.lastError || undefined,
      })),
    }));
  }
}
