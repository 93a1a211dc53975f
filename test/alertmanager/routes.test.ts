import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { modelLabelSets } from "../../scripts/engine/alerting/labelsets.ts";
import { renderAll } from "../../scripts/engine/render/index.ts";
import { repoModel } from "../helpers/fixture-model.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { amtool } from "../helpers/promtool.ts";
import { alertmanagerConfigPath, helmValuesPath } from "../../scripts/engine/outputs.ts";

const model = await repoModel();
const files = renderAll(model).files;
const need = requireBinaries(["amtool"]);
const dir = mkdtempSync(join(tmpdir(), "mlmon-amtool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const configFile = join(dir, "alertmanager.yml");
writeFileSync(configFile, files.get(alertmanagerConfigPath)!);

/** Who owns which job, written out here so the test does not read the config it tests. */
const team: Record<string, string> = {
  "api-gateway": "api",
  "api-service": "api",
  "ml-worker": "serving",
  "ml-service": "serving",
  "dcgm-exporter": "serving",
};
const pager = (component: string) => `${team[component]}-pager`;
const tickets = (component: string) => `${team[component]}-tickets`;

/** alert -> the receiver its notification must reach, from its component (severity decides which). */
const expected: Record<string, (component: string) => string> = {
  TargetDown: tickets,
  JobDown: pager,
  TargetsMissing: pager,
  QuotaExceeded: () => "null",
  GatewayHighErrorRatio: pager,
  GatewayRateLimitSaturated: tickets,
  WorkerPipelineErrors: tickets,
  WorkerBacklogNotDraining: pager,
  WorkerReplicaStalled: pager,
  WorkerNotConsuming: pager,
  ModelCallErrorRatio: pager,
  InferenceQueueBacklog: tickets,
  SlowTimeToFirstToken: tickets,
  SlowModelRequests: tickets,
  KVCacheSaturated: tickets,
  GpuMemoryNearlyFull: tickets,
  GpuXidError: pager,
  GpuRowRemapFailure: tickets,
  GpuThrottled: tickets,
  HistogramBucketsMissing: tickets,
  ModelServerMetricsMissing: tickets,
  HighRequestLatency: tickets,
  // The SLOs' burn-rate tiers: two that page, two that open a ticket.
  ApiAvailabilityBudgetBurn1h: pager,
  ApiAvailabilityBudgetBurn6h: pager,
  ApiAvailabilityBudgetBurn1d: tickets,
  ApiAvailabilityBudgetBurn3d: tickets,
  ApiLatencyBudgetBurn1h: pager,
  ApiLatencyBudgetBurn6h: pager,
  ApiLatencyBudgetBurn1d: tickets,
  ApiLatencyBudgetBurn3d: tickets,
  GatewayAvailabilityBudgetBurn1h: pager,
  GatewayAvailabilityBudgetBurn6h: pager,
  GatewayAvailabilityBudgetBurn1d: tickets,
  GatewayAvailabilityBudgetBurn3d: tickets,
  ModelCallAvailabilityBudgetBurn1h: pager,
  ModelCallAvailabilityBudgetBurn6h: pager,
  ModelCallAvailabilityBudgetBurn1d: tickets,
  ModelCallAvailabilityBudgetBurn3d: tickets,
  TimeToFirstTokenBudgetBurn1h: pager,
  TimeToFirstTokenBudgetBurn6h: pager,
  TimeToFirstTokenBudgetBurn1d: tickets,
  TimeToFirstTokenBudgetBurn3d: tickets,
  // The monitoring stack's own (prometheus-community chart): the heartbeat, and tickets of the
  // fallback team, since they belong to no platform component.
  Watchdog: () => "heartbeat",
  PrometheusRuleEvaluationFailures: () => "serving-tickets",
  PrometheusNotificationsFailing: () => "serving-tickets",
  PrometheusNotificationsDropped: () => "serving-tickets",
  AlertmanagerNotificationsFailing: () => "serving-tickets",
  ModelEngineDead: pager,
  CudaOutOfMemory: tickets,
  ErrorLogRate: tickets,
};

const sets = modelLabelSets(model);

describe("Alertmanager configuration", () => {
  it("the route table names every alert of the model, and nothing else", () => {
    expect(Object.keys(expected).sort()).toEqual([...new Set(sets.map((s) => s.alert))].sort());
  });

  it("each Helm values file carries exactly config/alertmanager/alertmanager.yml", () => {
    const config = parse(files.get(alertmanagerConfigPath)!);
    const prometheus = parse(files.get(helmValuesPath("prometheus-community", "prometheus"))!);
    const stack = parse(
      files.get(helmValuesPath("kube-prometheus-stack", "kube-prometheus-stack"))!,
    );
    expect(prometheus.alertmanager.config).toEqual(config);
    expect(stack.alertmanager.config).toEqual(config);
  });

  it("keeps every secret out of the file: receivers read them from the mounted Secret", () => {
    const text = files.get(alertmanagerConfigPath)!;
    expect(text).not.toMatch(/routing_key:|service_key:|api_url:|auth_password:|credentials:/);
    const { mountPath } = model.platform.alerting.secret;
    for (const [, path] of text.matchAll(/_file: (\S+)/g)) expect(path).toMatch(`${mountPath}/`);
  });
});

describe.skipIf(need.skip)(need.title("Alertmanager configuration with amtool"), () => {
  it("passes `amtool check-config`", async () => {
    const r = await amtool(["check-config", configFile]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("SUCCESS");
    expect(r.output).toMatch(/2 inhibit rules/);
  });

  it.concurrent.each(
    sets.map((s) => [s.alert, JSON.stringify(s.labels), s.labels, expected[s.alert]] as const),
  )(
    "%s %s reaches the receiver the table names (amtool config routes test)",
    async (_a, _l, labels, want) => {
      const receiver = want!(labels.component!);
      const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
      const r = await amtool([
        "config",
        "routes",
        "test",
        `--config.file=${configFile}`,
        `--verify.receivers=${receiver}`,
        ...args,
      ]);
      expect(r.status, r.output).toBe(0);
      expect(r.stdout.trim()).toBe(receiver);
    },
  );

  it("fails a route that goes elsewhere: the table has teeth", async () => {
    const r = await amtool([
      "config",
      "routes",
      "test",
      `--config.file=${configFile}`,
      "--verify.receivers=api-pager",
      "alertname=JobDown",
      "severity=critical",
      "component=ml-service",
      "job=ml-service",
    ]);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("serving-pager");
  });

  it("sends alerts of no platform component (the stack's own rules) to the fallback team", async () => {
    const route = async (...labels: string[]) =>
      (
        await amtool(["config", "routes", "test", `--config.file=${configFile}`, ...labels])
      ).stdout.trim();
    expect(await route("alertname=KubePodCrashLooping", "severity=critical")).toBe("serving-pager");
    expect(await route("alertname=KubeletDown", "severity=warning")).toBe("serving-tickets");
    expect(await route("alertname=InfoInhibitor", "severity=none")).toBe("null");
    // The heartbeat, the stack's Watchdog or ours, reaches the dead man's switch only.
    expect(await route("alertname=Watchdog", "severity=none")).toBe("heartbeat");
  });
});
