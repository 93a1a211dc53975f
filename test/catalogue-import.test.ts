import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalogue } from "../scripts/engine/catalogue/build.ts";
import { parseExposition } from "../scripts/engine/catalogue/exposition.ts";
import { fromPrometheus } from "../scripts/engine/catalogue/from-prometheus.ts";
import { fileCovers, type CatalogueFile } from "../scripts/engine/model/catalogue.ts";
import type { Model } from "../scripts/engine/model/index.ts";
import { PrometheusApi } from "../scripts/engine/prometheus/api.ts";
import type { PrometheusServer } from "../scripts/engine/prometheus/server.ts";
import { startSyntheticPrometheus } from "../scripts/engine/prometheus/synthetic-server.ts";
import {
  syntheticFamilies,
  toOpenMetrics,
} from "../scripts/engine/prometheus/synthetic/openmetrics.ts";
import { syntheticTargets } from "../scripts/engine/prometheus/synthetic/targets.ts";
import { parseCatalogueFile } from "../scripts/engine/sources/catalogue.ts";
import { requireBinaries } from "./helpers/binaries.ts";
import { repoModel } from "./helpers/fixture-model.ts";
import { repoRoot, runCli } from "./helpers/repo.ts";

const model = await repoModel();
const jobs = [...new Set(model.catalogue.files.flatMap((f) => f.jobs))].sort();

/** Parse an imported file the way check --catalogue does; it must be a valid catalogue. */
function parsed(text: string): CatalogueFile {
  const r = parseCatalogueFile("imported.yaml", text);
  expect(r.findings).toEqual([]);
  return r.value!;
}

/**
 * Every metric our catalogue says `job` exposes is in the imported file, as we describe it.
 * `stored`: read back from a Prometheus, which keeps no label whose value is empty (Benthos'
 * `label=""`).
 */
function expectOurs(imported: CatalogueFile, job: string, stored = false) {
  const byName = new Map(imported.metrics.map((m) => [m.name, m]));
  const ours = model.catalogue.files
    .filter((f) => fileCovers(f, new Set([job])))
    .flatMap((f) => f.metrics);
  expect(ours.length).toBeGreaterThan(5);
  for (const m of ours) {
    const got = byName.get(m.name);
    expect(got, `${job}: ${m.name}`).toBeDefined();
    const labels = stored
      ? m.labels.filter((l) => m.labelValues[l]!.some((v) => v !== ""))
      : m.labels;
    expect(
      { type: got!.type, labels: got!.labels, buckets: got!.buckets },
      `${job}: ${m.name}`,
    ).toEqual({ type: m.type, labels, buckets: m.buckets });
  }
  expect(imported.jobs).toEqual([job]);
  expect(imported.targetLabels).toEqual(["namespace", "pod"]);
}

describe("catalogue import from an exposition", () => {
  const o = { end: 1_700_000_000, hours: 1, stepSeconds: 60, seed: 7 };
  const synthetic = toOpenMetrics(
    syntheticFamilies(model.catalogue, syntheticTargets(model.catalogue, model.platform), o),
    o,
  );
  const exposition = parseExposition(synthetic);

  it.each(jobs)(
    "gives back what our catalogue says of job %s, from its synthetic exposition",
    (job) => {
      const text = buildCatalogue(
        { meta: exposition.meta, series: exposition.series.values() },
        { from: "synthetic.om", component: job, jobs: [job] },
      );
      expectOurs(parsed(text), job);
    },
  );

  it("reads what an exporter writes: HELP, TYPE, UNIT, escapes, timestamps, exemplars", () => {
    const text = [
      "# HELP http_requests_total Requests \\\\ served.\\nBy handler.",
      "# TYPE http_requests_total counter",
      'http_requests_total{handler="/a\\"b",code="200"} 3 1700000000000',
      'http_requests_total{handler="/",code="500"} 1 # {trace_id="abc"} 1.0',
      "# TYPE request_seconds histogram",
      "# UNIT request_seconds seconds",
      'request_seconds_bucket{le="0.5"} 1',
      'request_seconds_bucket{le="+Inf"} 2',
      "request_seconds_sum 0.7",
      "request_seconds_count 2",
      "# TYPE rpc_duration summary",
      'rpc_duration{quantile="0.99"} 0.2',
      "rpc_duration_sum 1",
      "rpc_duration_count 5",
      "queue_depth 7",
      "this is not a sample",
    ].join("\n");
    const e = parseExposition(text);
    expect(e.problems).toEqual([{ line: 16, message: "not a sample: this is not a sample" }]);
    const file = parsed(
      buildCatalogue(
        { meta: e.meta, series: e.series.values() },
        { from: "x.txt", component: "api", jobs: ["api"] },
      ),
    );
    expect(file.metrics.map((m) => [m.name, m.type, m.unit, m.labels, m.buckets])).toEqual([
      ["http_requests_total", "counter", "none", ["code", "handler"], undefined],
      ["queue_depth", "gauge", "none", [], undefined],
      ["request_seconds", "histogram", "seconds", [], [0.5]],
      ["rpc_duration", "summary", "none", [], undefined],
    ]);
    expect(file.metrics[0]).toMatchObject({
      help: "Requests \\ served.\nBy handler.",
      labelValues: { handler: ["/", '/a"b'] },
    });
  });
});

describe("npm run catalogue -- import, and check --catalogue with what it wrote", () => {
  const tmp = mkdtempSync(join(tmpdir(), "catalogue-import-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("writes a file check reads, facts scoped to the file's job", () => {
    const exposition = join(tmp, "metrics.txt");
    writeFileSync(
      exposition,
      "# TYPE worker_jobs_total counter\nworker_jobs_total 1\n# TYPE worker_queue_bytes gauge\nworker_queue_bytes 5\n",
    );
    const out = join(tmp, "worker.yaml");
    const r = runCli(repoRoot, "catalogue", [
      "import",
      exposition,
      "--job",
      "worker",
      "--out",
      out,
    ]);
    expect(r.stderr).toContain("worker.yaml: 2 metric(s)");
    expect(r.status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("jobs: [worker]");
    const rules = join(tmp, "rules.yml");
    writeFileSync(
      rules,
      [
        "groups:",
        "  - name: worker",
        "    rules:",
        "      - record: job:worker_queue:rate5m",
        '        expr: rate(worker_queue_bytes{job="worker"}[5m])',
        "      - record: job:worker_jobs:total",
        '        expr: worker_jobs_totl{job="worker"}',
        "      - record: other:jobs:total",
        '        expr: worker_jobs_totl{job="another"}',
      ].join("\n"),
    );
    const checked = runCli(repoRoot, "check", [rules, "--catalogue", out, "--format", "json"]);
    const findings = JSON.parse(checked.stdout) as {
      rule: string;
      severity: string;
      message: string;
    }[];
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ["promql/rate-on-gauge", "error"],
      ["promql/unknown-metric", "error"],
    ]);
    expect(findings[1]!.message).toContain('Did you mean "worker_jobs_total"?');
  });

  it("writes whole or not at all: an --out it cannot write is a finding, and nothing is left", () => {
    const exposition = join(tmp, "one.txt");
    writeFileSync(exposition, "# TYPE worker_jobs_total counter\nworker_jobs_total 1\n");
    const folder = join(tmp, "taken.yaml");
    mkdirSync(folder);
    const r = runCli(repoRoot, "catalogue", ["import", exposition, "--job", "w", "--out", folder]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Cannot write it (EISDIR)");
    expect(readdirSync(tmp).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("needs a job when the exposition names none", () => {
    const exposition = join(tmp, "nojob.txt");
    writeFileSync(exposition, "up 1\n");
    const r = runCli(repoRoot, "catalogue", ["import", exposition]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("name the job the file is for with --job");
  });
});

const need = requireBinaries(["promtool", "prometheus"]);

describe.skipIf(need.skip)(need.title("catalogue import from a real Prometheus"), () => {
  let dir: string;
  let server: PrometheusServer | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "catalogue-prometheus-"));
    server = await startSyntheticPrometheus({
      model: model as Model,
      dir,
      hours: 2,
      stepSeconds: 60,
      seed: 3,
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(jobs)(
    "gives back what our catalogue says of job %s, from the series and query APIs",
    async (job) => {
      const source = await fromPrometheus(new PrometheusApi(server!.url), {
        jobs: [job],
        windowSeconds: 3600,
        now: Math.floor(Date.now() / 1000),
      });
      expectOurs(
        parsed(buildCatalogue(source, { from: server!.url, component: job, jobs: [job] })),
        job,
        true,
      );
    },
  );
});
