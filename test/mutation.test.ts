import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { copyRepo, repoRoot, runCli, snapshot } from "./helpers/repo.ts";

/**
 * The mutation suite: break the generated dashboards and rule file the ways people break them,
 * and show that `npm run check` names each break with the right rule. Every mutant is its own
 * file (with its own uid and title, so mutants do not collide), all checked in one run.
 */
type Dash = Record<string, any>;
type Rules = { groups: { name: string; rules: Record<string, any>[] }[] };

const dashboard = (slug: string): Dash =>
  JSON.parse(
    readFileSync(join(repoRoot, `config/grafana/dashboards/ml-platform/${slug}.json`), "utf8"),
  );
const rules = (): Rules =>
  parse(readFileSync(join(repoRoot, "config/prometheus/alerts.yml"), "utf8"));

const panel = (d: Dash, title: string) => d.panels.find((p: Dash) => p.title === title);
const firstTarget = (d: Dash, title: string) => panel(d, title).targets[0];
const alertRule = (r: Rules, name: string) =>
  r.groups.flatMap((g) => g.rules).find((rule) => rule.alert === name)!;

const dashboardMutants: {
  name: string;
  slug: string;
  rule: string;
  also?: string[];
  mutate(d: Dash): void;
}[] = [
  {
    name: "rename a metric",
    slug: "api-gateway",
    rule: "promql/unknown-metric",
    mutate: (d) =>
      (firstTarget(d, "Request rate").expr = firstTarget(d, "Request rate").expr.replace(
        "input_received",
        "input_recieved",
      )),
  },
  {
    name: "misspell a label",
    slug: "ml-worker",
    rule: "promql/unknown-label",
    mutate: (d) =>
      (firstTarget(d, "Queue lag by partition").expr =
        'max by (topic, partition) (redpanda_lag{job="$job", partiton="0"})'),
  },
  {
    name: "break a parenthesis",
    slug: "ml-service",
    rule: "promql/syntax",
    mutate: (d) => (firstTarget(d, "Running requests").expr += ")"),
  },
  {
    name: "add an unknown property",
    slug: "api-gateway",
    rule: "schema/dashboard",
    mutate: (d) => (panel(d, "Error ratio").options.colourMode = "background"),
  },
  {
    name: "drop a variable",
    slug: "ml-service",
    rule: "dashboard/undefined-variable",
    mutate: (d) =>
      (d.templating.list = d.templating.list.filter((v: Dash) => v.name !== "model_name")),
  },
  {
    name: "use rate on a gauge",
    slug: "ml-service",
    rule: "promql/rate-on-gauge",
    mutate: (d) =>
      (firstTarget(d, "Waiting requests").expr =
        'sum(rate(vllm:num_requests_waiting{job="$job"}[$__rate_interval]))'),
  },
  {
    name: "show a seconds histogram in ns",
    slug: "api-gateway",
    rule: "panel/unit-mismatch",
    mutate: (d) => (panel(d, "Request latency").fieldConfig.defaults.unit = "ns"),
  },
  {
    name: "sum a counter without rate",
    slug: "ml-worker",
    rule: "promql/counter-rate",
    // The panel's unit (messages per second) no longer fits a raw count either.
    also: ["panel/unit-mismatch"],
    mutate: (d) => (firstTarget(d, "Consumption rate").expr = 'sum(input_received{job="$job"})'),
  },
  {
    name: "drop le before histogram_quantile",
    slug: "ml-worker",
    rule: "promql/histogram-quantile",
    mutate: (d) =>
      (firstTarget(d, "Model-call p95 latency").expr =
        'histogram_quantile(0.95, sum(rate(http_request_latency_ns_bucket{job="$job"}[$__rate_interval])))'),
  },
  {
    name: "hard-code a datasource uid",
    slug: "api-gateway",
    rule: "panel/datasource",
    mutate: (d) =>
      (panel(d, "Quota exceeded by tier").datasource = {
        type: "prometheus",
        uid: "PBFA97CFB590B2093",
      }),
  },
  {
    name: "overlap two panels",
    slug: "ml-worker",
    rule: "dashboard/layout",
    mutate: (d) => (panel(d, "Time to drain now").gridPos.x = 3),
  },
  {
    name: "fix a rate window",
    slug: "api-gateway",
    rule: "promql/rate-interval",
    mutate: (d) =>
      (firstTarget(d, "Request rate").expr = firstTarget(d, "Request rate").expr.replace(
        "$__rate_interval",
        "1m",
      )),
  },
  {
    name: "give two panels one id",
    slug: "ml-service",
    rule: "dashboard/unique-panel-ids",
    mutate: (d) => (panel(d, "Queue time").id = panel(d, "Inter-token latency").id),
  },
];

const ruleMutants: { name: string; rule: string; mutate(r: Rules): void }[] = [
  {
    name: "raise a histogram threshold above the top bucket",
    rule: "alerts/histogram-threshold",
    mutate: (r) =>
      (alertRule(r, "HighRequestLatency").expr = alertRule(r, "HighRequestLatency").expr.replace(
        ">= 1",
        "> 1",
      )),
  },
  {
    name: "rename a metric in a rule",
    rule: "promql/unknown-metric",
    mutate: (r) =>
      (alertRule(r, "InferenceQueueBacklog").expr = alertRule(
        r,
        "InferenceQueueBacklog",
      ).expr.replace("num_requests_waiting", "num_request_waiting")),
  },
  {
    name: "drop for",
    rule: "alerts/for",
    mutate: (r) => delete alertRule(r, "TargetDown").for,
  },
  {
    name: "aggregate away a templated label",
    rule: "alerts/template-labels",
    mutate: (r) =>
      (alertRule(r, "QuotaExceeded").expr = alertRule(r, "QuotaExceeded").expr.replace(
        "by (job, tier)",
        "by (job)",
      )),
  },
  {
    name: "break a template",
    rule: "alerts/template",
    mutate: (r) =>
      (alertRule(r, "JobDown").annotations.summary = "Every target of {{ $labels.job } is down"),
  },
  {
    name: "name two alerts alike",
    rule: "alerts/unique-names",
    mutate: (r) => (alertRule(r, "JobDown").alert = "TargetDown"),
  },
];

const dir = mkdtempSync(join(tmpdir(), "mlmon-mutants-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

dashboardMutants.forEach((m, i) => {
  const d = dashboard(m.slug);
  m.mutate(d);
  d.uid = `${d.uid}-mutant-${i}`;
  d.title = `${d.title} (mutant ${i})`;
  writeFileSync(join(dir, `dashboard-${i}.json`), JSON.stringify(d, null, 2));
});
ruleMutants.forEach((m, i) => {
  const r = rules();
  m.mutate(r);
  writeFileSync(join(dir, `rules-${i}.yml`), stringify(r));
});
// Two copies of one dashboard under one uid: the duplicate-uid mutant.
for (const copy of ["a", "b"]) {
  const d = dashboard("api-gateway");
  d.title = `Copy ${copy}`;
  writeFileSync(join(dir, `duplicate-uid-${copy}.json`), JSON.stringify(d));
}

// Our own generated files, held to our house rules.
const run = runCli(repoRoot, "check", [dir, "--profile", "platform", "--format", "json"]);
const findings = JSON.parse(run.stdout || "[]") as {
  rule: string;
  severity: string;
  where: { file: string };
}[];
const rulesIn = (file: string) =>
  [
    ...new Set(
      findings
        .filter((f) => f.where.file.endsWith(file) && f.severity === "error")
        .map((f) => f.rule),
    ),
  ].sort();

describe("mutation suite: every break of the generated files is caught", () => {
  it("exits non-zero", () => expect(run.status, run.stderr).toBe(1));

  it.each(dashboardMutants.map((m, i) => [m.name, m.rule, i] as const))(
    "dashboard: %s -> %s, and nothing else",
    (_n, rule, i) => {
      const expected = [rule, ...(dashboardMutants[i]!.also ?? [])].sort();
      expect(rulesIn(`dashboard-${i}.json`)).toEqual(expected);
    },
  );

  it.each(ruleMutants.map((m, i) => [m.name, m.rule, `rules-${i}.yml`]))(
    "rules: %s -> %s",
    (_n, rule, file) => {
      expect(rulesIn(file)).toContain(rule);
    },
  );

  it("duplicate uid -> dashboard/unique-uid", () => {
    expect(rulesIn("duplicate-uid-b.json")).toEqual(["dashboard/unique-uid"]);
  });

  it("the unmutated generated files pass the same checks", () => {
    const clean = runCli(repoRoot, "check", [
      "config/grafana/dashboards",
      "config/prometheus/alerts.yml",
      "--strict",
    ]);
    expect(clean.stderr).toContain("no findings");
    expect(clean.status).toBe(0);
  });
});

describe("mutated sources: the build refuses and writes nothing", () => {
  it("reports every mutation at once and leaves config/ byte-identical", () => {
    const copy = copyRepo();
    try {
      const edit = (file: string, from: string, to: string) => {
        const text = readFileSync(join(copy, file), "utf8");
        expect(text).toContain(from);
        writeFileSync(join(copy, file), text.replace(from, to));
      };
      edit("dashboards/ml-worker.ts", "(redpanda_lag{", "(redpanda_lagg{");
      edit("alerts/ml-service.ts", "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc");
      edit("config/platform.ts", 'ratio: 0.98, for: "15m"', 'ratio: 0.98, for: ""');
      const before = snapshot(copy);
      const r = runCli(copy, "build", ["--format", "json"]);
      expect(r.status).toBe(1);
      const rules = (JSON.parse(r.stdout) as { rule: string; where: { file: string } }[]).map(
        (f) => `${f.where.file} ${f.rule}`,
      );
      expect(rules).toEqual(
        expect.arrayContaining([
          "dashboards/ml-worker.ts promql/unknown-metric",
          "alerts/ml-service.ts promql/unknown-metric",
          "alerts/ml-service.ts alerts/for",
        ]),
      );
      expect(snapshot(copy)).toEqual(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
