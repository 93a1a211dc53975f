import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../config/platform.ts";
import { defineDashboard } from "../../dashboards/lib/dashboard.ts";
import type { Model } from "../../scripts/engine/model/index.ts";
import { PrometheusApi } from "../../scripts/engine/prometheus/api.ts";
import type { PrometheusServer } from "../../scripts/engine/prometheus/server.ts";
import { startSyntheticPrometheus } from "../../scripts/engine/prometheus/synthetic-server.ts";
import { platformGroups } from "../../scripts/engine/render/alerts.ts";
import {
  awaitRuleEvaluation,
  evaluatedBy,
  formatReport,
  smokeDashboard,
  smokeRules,
  type SmokeResult,
  type Window,
} from "../../scripts/engine/prometheus/smoke.ts";
import { repoModel } from "../helpers/fixture-model.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { panelSpec } from "../helpers/fixture-model.ts";
import { listeningAddresses, processesMentioning, procSupported } from "../helpers/processes.ts";

const need = requireBinaries(["promtool", "prometheus"]);
/** One sample a minute over 4 hours: a 3-hour dashboard range plus room for the rate windows. */
const stepSeconds = 60;
const hours = 4;

const problems = (results: SmokeResult[]) => results.filter((r) => r.problem);

describe.skipIf(need.skip)(need.title("live Prometheus on synthetic series"), () => {
  let dir: string;
  let model: Model;
  let server: PrometheusServer | undefined;
  let api: PrometheusApi;
  /** When every rule group has been evaluated: recorded series have samples up to here. */
  let evaluated: number;
  const window = (): Window => ({
    end: evaluated,
    rangeSeconds: 3 * 3600,
    intervalSeconds: stepSeconds,
    rateIntervalSeconds: 300,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mlmon-prometheus-"));
    model = await repoModel();
    server = await startSyntheticPrometheus({ model, dir, hours, stepSeconds, seed: 1 });
    api = new PrometheusApi(server.url);
    // Recording rules have series only once the server has evaluated them; dashboards read
    // them, so every query window ends after the first evaluation of every group.
    evaluated = evaluatedBy(await awaitRuleEvaluation(api));
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(procSupported)("listens on 127.0.0.1 only", () => {
    const addresses = processesMentioning(dir).flatMap(listeningAddresses);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((a) => !a.startsWith("127.0.0.1:"))).toEqual([]);
  });

  it("every dashboard variable and panel query returns data", async () => {
    const results: SmokeResult[] = [];
    for (const d of model.dashboards) results.push(...(await smokeDashboard(api, d, window())));
    console.log(formatReport(results));
    expect(results.length).toBeGreaterThan(model.dashboards.length);
    expect(problems(results), formatReport(problems(results))).toEqual([]);
  });

  it("every rule loads and evaluates on the server, and every operand of its expression returns data", async () => {
    // The platform's rules, on the platform's series: the stack's own (monitoring.yml) read
    // Prometheus' and Alertmanager's metrics, which their promtool tests feed.
    const groups = platformGroups(model);
    const results = await smokeRules(api, groups, evaluated);
    console.log(formatReport(results));
    const ruleCount = groups.reduce((n, g) => n + g.group.rules.length, 0);
    expect(new Set(results.map((r) => r.where)).size).toBe(ruleCount);
    expect(problems(results), formatReport(problems(results))).toEqual([]);
  });

  it("fails a panel on a metric the data has no series for, naming dashboard, panel and query", async () => {
    const ghost = defineDashboard({
      slug: "fixture-ghost",
      title: "Fixture",
      description: "A panel on a metric nothing exposes.",
      tags: [],
      component: platform.components.apiGateway,
      rows: [
        {
          title: "Row",
          panels: [
            {
              ...panelSpec([
                'sum(rate(input_received{job="$job", instance=~"$instance"}[$__rate_interval]))',
                'sum(rate(ghost_requests_total{job="$job", instance=~"$instance"}[$__rate_interval]))',
              ]),
              title: "Ghost panel",
            },
          ],
        },
      ],
    });
    const found = problems(await smokeDashboard(api, ghost, window()));
    expect(
      found.map(({ scope, where, query, problem }) => ({ scope, where, query, problem })),
    ).toEqual([
      {
        scope: "fixture-ghost",
        where: expect.stringMatching(/^panel "Ghost panel" \(id \d+\) target B$/),
        query: 'sum(rate(ghost_requests_total{job="api-gateway", instance=~".+"}[5m]))',
        problem: "no data: no series returned",
      },
    ]);
    expect(formatReport(found)).toContain('dashboard fixture-ghost: panel "Ghost panel"');
  });

  it.runIf(procSupported)("stops without leaving a process behind", async () => {
    expect(processesMentioning(dir).length).toBeGreaterThan(0);
    await server!.stop();
    expect(processesMentioning(dir)).toEqual([]);
  });
});
