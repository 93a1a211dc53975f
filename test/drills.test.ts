/**
 * The outage drills on the real promtool: each passes against the rules the sources render,
 * and each alert defect of issue #8 makes its drill fail when the old expression comes back.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { formatText } from "../scripts/engine/findings.ts";
import { drillName, type DrillSource } from "../scripts/engine/model/drills.ts";
import type { Model } from "../scripts/engine/model/index.ts";
import { drillCoverage } from "../scripts/engine/prometheus/drill-coverage.ts";
import {
  formatDrillResult,
  runDrill,
  runDrills,
  type DrillResult,
  type DrillRun,
} from "../scripts/engine/prometheus/drills.ts";
import { alertsDocument } from "../scripts/engine/render/alerts.ts";
import { toYaml } from "../scripts/engine/render/yaml.ts";
import { repoModel } from "./helpers/fixture-model.ts";
import { requireBinaries } from "./helpers/binaries.ts";
import { repoRoot, runCli } from "./helpers/repo.ts";

const model = await repoModel();
const rules = alertsDocument(model);
const need = requireBinaries(["promtool"]);
const drill = (name: string): DrillSource => model.drills.find((d) => drillName(d) === name)!;
/** promtool's own bound on a drill (scripts/engine/prometheus/drills.ts): a loaded machine is slow. */
const drillTimeout = 5 * 60_000;
/** All of them, two promtool processes at a time. */
const allDrillsTimeout = 20 * 60_000;

/** The rules with alerts put back as they were before issue #8 (or removed: they did not exist). */
function withOldAlerts(
  old: readonly (readonly [string, string, string, Old | undefined])[],
): string {
  const was = new Map(old.map(([, alert, , o]) => [alert, o]));
  const ruleGroups = model.ruleGroups.map((g) => ({
    ...g,
    group: {
      ...g.group,
      rules: g.group.rules.flatMap((r) => {
        if (r.kind !== "alert" || !was.has(r.alert)) return [r];
        const o = was.get(r.alert);
        return o ? [{ ...r, expr: o.expr, for: o.for as typeof r.for }] : [];
      }),
    },
  }));
  return alertsDocument({ ...model, ruleGroups } as Model);
}

interface Old {
  expr: string;
  for: string;
}

const withOldAlert = (alert: string, old?: Old): string => withOldAlerts([["", alert, "", old]]);

/** [defect, alert, the drill that catches it, its expression before the fix (none: it did not exist)]. */
const defects: [string, string, string, Old | undefined][] = [
  [
    "1: lag summed over the replicas that each report the whole group",
    "WorkerBacklogNotDraining",
    "worker-busy-replicated-lag",
    {
      expr: 'sum by (job) (redpanda_lag{job="ml-worker"}) > 1000 and on (job) deriv(sum by (job) (redpanda_lag{job="ml-worker"})[15m:1m]) >= 0',
      for: "10m",
    },
  ],
  [
    "2: only 5xx counted, refused calls have no status",
    "ModelCallErrorRatio",
    "model-server-refusing",
    {
      expr: 'sum by (job) (rate(http_request_code_5xx{job="ml-worker"}[5m])) / sum by (job) (rate(http_request_latency_ns_count{job="ml-worker"}[5m])) > 0.05 and sum by (job) (rate(http_request_latency_ns_count{job="ml-worker"}[5m])) > 0.5',
      for: "5m",
    },
  ],
  [
    "3: processor errors only, output failures unseen",
    "GatewayHighErrorRatio",
    "gateway-output-failing",
    {
      expr: 'sum by (job) (rate(processor_error{job="api-gateway", label!="quota"}[5m])) / sum by (job) (rate(input_received{job="api-gateway"}[5m])) > 0.05 and sum by (job) (rate(input_received{job="api-gateway"}[5m])) > 1',
      for: "5m",
    },
  ],
  [
    "4: waiting requests summed over replicas",
    "InferenceQueueBacklog",
    "model-server-busy-replicas",
    {
      expr: 'sum by (job, model_name) (avg_over_time(vllm:num_requests_waiting{job="ml-service"}[2m])) > 20',
      for: "5m",
    },
  ],
  [
    "5: a quantile threshold between bucket bounds",
    "SlowTimeToFirstToken",
    "model-server-first-tokens-under-threshold",
    {
      expr: 'histogram_quantile(0.95, sum by (le, job, model_name) (rate(vllm:time_to_first_token_seconds_bucket{job="ml-service"}[5m]))) > 2',
      for: "10m",
    },
  ],
  [
    "6: KV cache and preemptions of different replicas",
    "KVCacheSaturated",
    "kv-cache-full-elsewhere",
    {
      expr: 'max by (job, model_name) (vllm:kv_cache_usage_perc{job="ml-service"}) > 0.9 and on (job, model_name) sum by (job, model_name) (rate(vllm:num_preemptions_total{job="ml-service"}[5m])) > 0',
      for: "10m",
    },
  ],
  [
    "7: GPU memory read as vLLM's preallocation",
    "GpuMemoryNearlyFull",
    "gpu-busy-preallocated",
    {
      expr: 'sum by (job, Hostname, gpu) (DCGM_FI_DEV_FB_USED{job="dcgm-exporter"}) / (sum by (job, Hostname, gpu) (DCGM_FI_DEV_FB_USED{job="dcgm-exporter"}) + sum by (job, Hostname, gpu) (DCGM_FI_DEV_FB_FREE{job="dcgm-exporter"})) > 0.95',
      for: "15m",
    },
  ],
  ["7: no GPU health signal (XID)", "GpuXidError", "gpu-xid", undefined],
  [
    "8: QuotaExceeded firing forever on steady refusals",
    "QuotaExceeded",
    "quota-steady-refusals",
    {
      expr: 'sum by (job, tier) (rate(quota_exceeded_total{job="api-gateway"}[5m])) > 0',
      for: "5m",
    },
  ],
  [
    "review 1: every request failing under the 1 request/s floor",
    "GatewayHighErrorRatio",
    "gateway-quiet-night-output-down",
    {
      expr: '(clamp_min(sum by (job) (rate(input_received{job="api-gateway"}[5m])) - (sum by (job) (rate(input_latency_ns_count{job="api-gateway"}[5m])) or 0 * sum by (job) (rate(input_received{job="api-gateway"}[5m]))), 0) + (sum by (job) (rate(processor_error{job="api-gateway", label!="quota"}[5m])) or 0 * sum by (job) (rate(input_received{job="api-gateway"}[5m])))) / sum by (job) (rate(input_received{job="api-gateway"}[5m])) > 0.05 and sum by (job) (rate(input_received{job="api-gateway"}[5m])) > 1',
      for: "5m",
    },
  ],
  [
    "review 2: a worker cut off from the broker, its lag frozen",
    "WorkerNotConsuming",
    "worker-broker-unreachable",
    undefined,
  ],
  [
    "review: no 2xx series after a restart read as no answer at all",
    "ModelCallErrorRatio",
    "model-server-refusing-worker-restarted",
    {
      expr: '((sum by (job) (rate(http_request_latency_ns_count{job="ml-worker", label="call_model"}[5m])) - sum by (job) (rate(http_request_code_2xx{job="ml-worker", label="call_model"}[5m]))) / sum by (job) (rate(http_request_latency_ns_count{job="ml-worker", label="call_model"}[5m])) > 0.05 and sum by (job) (rate(http_request_latency_ns_count{job="ml-worker", label="call_model"}[5m])) > 0.5) or ((sum by (job) (rate(http_request_latency_ns_count{job="ml-worker", label="call_model"}[5m])) - sum by (job) (rate(http_request_code_2xx{job="ml-worker", label="call_model"}[5m]))) / sum by (job) (rate(http_request_latency_ns_count{job="ml-worker", label="call_model"}[5m])) >= 1 and sum by (job) (rate(http_request_latency_ns_count{job="ml-worker", label="call_model"}[5m])) > 0.02)',
      for: "5m",
    },
  ],
  [
    "review 3: a stalled replica judged by the lag's size, not its growth",
    "WorkerReplicaStalled",
    "worker-more-replicas-than-partitions",
    {
      expr: 'sum by (job, instance) (rate(input_received{job="ml-worker"}[10m])) == 0 and on (job) sum by (job) (max by (job, topic, partition) (redpanda_lag{job="ml-worker"})) > 100',
      for: "2m",
    },
  ],
];

describe("drill coverage", () => {
  it("drills every critical alert, at its severity, on existing panels and catalogue series", () => {
    const findings = drillCoverage(model);
    expect(findings, formatText(findings)).toEqual([]);
  });

  it("has a drill for every defect of issue #8", () => {
    for (const [, , name] of defects) expect(drill(name), name).toBeDefined();
  });
});

/** Two alerts broken in two parts: an expected alert gone, and TargetDown firing on every target. */
const twoBroken = withOldAlerts([
  ["", "QuotaExceeded", "", undefined],
  ["", "TargetDown", "", { expr: "up == 1", for: "2m" }],
]);

describe.skipIf(need.skip)(need.title("outage drills on promtool"), () => {
  // Every drill, every defect's drill and the parts-as-whole cases below in one run: the parts
  // they share run once.
  let results: DrillResult[] = [];
  beforeAll(async () => {
    results = await runDrills([
      ...model.drills.map((source) => ({ source, rules })),
      ...defects.map(([, alert, name, old]) => ({
        source: drill(name),
        rules: withOldAlert(alert, old),
      })),
      { source: drill("quota-surge"), rules: twoBroken },
    ]);
  }, allDrillsTimeout);

  it.each(model.drills.map((d, i) => [drillName(d), i] as const))(
    "%s passes against the rendered rules",
    (_name, i) => {
      const r = results[i]!;
      expect(r.passed, formatDrillResult(r)).toBe(true);
    },
  );

  it.each(defects.map((d, i) => [...d, model.drills.length + i] as const))(
    "defect %s: %s as it was fails drill %s",
    (_defect, alert, _name, _old, i) => {
      const r = results[i]!;
      expect(r.passed).toBe(false);
      // The failure names the old alert: firing where nothing may, or missing where it must.
      expect(formatDrillResult(r)).toContain(`alertname="${alert}"`);
    },
  );

  // The parts give what the whole run gives (drill-parts.ts says why): a passing drill, a
  // defect's failure (one part fails), two alerts broken in two parts (the drill runs whole).
  // Each is a run of the beforeAll's, against its drill run whole here.
  const quota = defects.findIndex(([, alert]) => alert === "QuotaExceeded");
  it.concurrent.each([
    ["passing", "worker-dead", rules, () => results[model.drills.indexOf(drill("worker-dead"))]],
    [
      "one old alert",
      "quota-steady-refusals",
      withOldAlert("QuotaExceeded", defects[quota]![3]),
      () => results[model.drills.length + quota],
    ],
    ["two alerts broken", "quota-surge", twoBroken, () => results.at(-1)],
  ] as const)(
    "in parts as whole: %s (%s)",
    async (_case, name, ruleText, ran) => {
      const inParts = ran()!;
      const whole = await runDrill(drill(name), ruleText);
      const { output: _p, ...parts } = inParts;
      const { output: _w, ...asWhole } = whole;
      expect(parts).toEqual(asWhole);
      expect(formatDrillResult(inParts)).toBe(formatDrillResult(whole));
    },
    drillTimeout,
  );
});

describe.skipIf(need.skip)(need.title("quiet parts a longer drill proves"), () => {
  const rules = toYaml({
    groups: [{ name: "g", rules: [{ alert: "Big", expr: "x > 10", for: "1m" }] }],
  });
  /** A drill of one series, `x`, sampled every minute; nothing may fire. */
  const drillOf = (name: string, x: number[]): DrillRun => ({
    rules,
    source: {
      file: `test/fixtures/drills/${name}.ts`,
      drill: {
        summary: name,
        step: "1m",
        duration: `${x.length - 1}m`,
        series: [{ name: "x", labels: { job: "j" }, values: x }],
        expect: [],
        panels: [{ dashboard: "d", panel: "p" }],
      },
    },
  });
  const passed = (runs: DrillRun[]) => runDrills(runs).then((r) => r.map((d) => d.passed));
  const short = drillOf("short", [1, 2, 3]);

  it("passes a drill that a passing longer one proves, fails one it does not", async () => {
    const long = drillOf("long", [1, 2, 3, 4, 5, 6]);
    const other = drillOf("other", [1, 50, 50, 50]);
    expect(await passed([long, short, other])).toEqual([true, true, false]);
  });

  it("runs the shorter drill when the longer one fails after its end", async () => {
    expect(await passed([drillOf("late", [1, 2, 3, 50, 50, 50]), short])).toEqual([false, true]);
  });
});

describe.skipIf(need.skip)(need.title("npm run drills"), () => {
  it(
    "runs the drills it is given and says they passed",
    () => {
      const r = runCli(repoRoot, "drills", ["worker-dead"]);
      expect(r.stderr).toContain("PASS worker-dead\n1 of 1 drills passed.");
      expect(r.status, r.stderr).toBe(0);
    },
    drillTimeout,
  );

  it(
    "runs them against another rule file, and fails naming what fired",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "mlmon-drills-"));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, "old-alerts.yml");
      const old = defects.find(([, alert]) => alert === "QuotaExceeded")![3];
      writeFileSync(file, withOldAlert("QuotaExceeded", old));
      const r = runCli(repoRoot, "drills", ["quota-steady-refusals", "--rules", file]);
      expect(r.stderr).toContain(
        "FAIL quota-steady-refusals (alerts/drills/quota-steady-refusals.ts)",
      );
      expect(r.stderr).toContain('alertname="QuotaExceeded"');
      expect(r.stderr).toContain("0 of 1 drills passed.");
      expect(r.status).toBe(1);
    },
    drillTimeout,
  );
});

// Usage errors come before promtool is needed: they run without it.
describe("npm run drills, usage errors", () => {
  it("refuses a rule file it cannot read, naming it", () => {
    const r = runCli(repoRoot, "drills", ["worker-dead", "--rules", "no/such/alerts.yml"]);
    expect(r.stderr).toMatch(/drills: --rules \S*no\/such\/alerts\.yml: cannot read it \(ENOENT\)/);
    expect(r.status).toBe(2);
  });

  it("refuses a drill that does not exist, with the closest names", () => {
    const r = runCli(repoRoot, "drills", ["worker-ded"]);
    expect(r.stderr).toContain('drills: no drill "worker-ded". Did you mean "worker-dead"?');
    expect(r.status).toBe(2);
  });
});
