import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  alertmanagerBinary,
  startAlertmanager,
} from "../../scripts/engine/prometheus/alertmanager.ts";
import { startPrometheus } from "../../scripts/engine/prometheus/server.ts";
import { alertmanagerDocument } from "../../scripts/engine/render/alertmanager.ts";
import { renderAlerts } from "../../scripts/engine/render/alerts.ts";
import { stackRulesPath } from "../../scripts/engine/outputs.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import {
  listen,
  recordingWebhook,
  waitFor,
  webhookPlatform,
  type Outcome,
} from "../helpers/delivery.ts";
import { repoModel } from "../helpers/fixture-model.ts";

const model = await repoModel();
const need = requireBinaries(["prometheus", alertmanagerBinary() ?? "prometheus-alertmanager"]);

type Labels = Record<string, string>;
interface AmAlert {
  labels: Labels;
  fingerprint: string;
  status: { state: string; inhibitedBy: string[] };
}

/**
 * A real Alertmanager with `config(webhook host)`, every receiver a webhook served here; `run`
 * posts alerts and reads back Alertmanager's view and the notifications. Everything is stopped
 * at the end, whatever happens.
 */
async function withAlertmanager<T>(
  config: (host: string) => string,
  run: (am: {
    url: string;
    dir: string;
    post(alerts: Labels[]): Promise<void>;
    alerts(): Promise<AmAlert[]>;
    notifications: Outcome["notifications"];
  }) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-am-"));
  const { webhook, notifications } = recordingWebhook();
  try {
    const host = await listen(webhook);
    const am = await startAlertmanager({ dir, config: config(host), lifetimeSeconds: 60 });
    try {
      return await run({
        url: am.url,
        dir,
        notifications,
        async post(alerts) {
          const endsAt = new Date(Date.now() + 3_600_000).toISOString();
          const r = await fetch(`${am.url}/api/v2/alerts`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(alerts.map((labels) => ({ labels, annotations: {}, endsAt }))),
          });
          if (!r.ok) throw new Error(`posting alerts: ${r.status} ${await r.text()}`);
        },
        alerts: async () => (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as AmAlert[],
      });
    } finally {
      await am.stop();
    }
  } finally {
    webhook.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const generated = (host: string) =>
  alertmanagerDocument(webhookPlatform(model.platform, host), model.slos);

/** A burn-rate tier's alert as the generator labels it (alerts/lib/slo.ts). */
const tier = (
  alertname: string,
  severity: string,
  slo: string,
  job: string,
  more: Labels = {},
) => ({
  alertname,
  severity,
  slo,
  job,
  component: job,
  ...more,
});
const ttft = (tierName: string, severity: string, model_name: string) =>
  tier(`TimeToFirstTokenBudgetBurn${tierName}`, severity, "time-to-first-token", "ml-service", {
    model_name,
  });
const firing = [
  tier("ApiAvailabilityBudgetBurn1h", "critical", "api-availability", "api-service"),
  tier("ApiAvailabilityBudgetBurn1d", "warning", "api-availability", "api-service"),
  tier("ApiAvailabilityBudgetBurn3d", "warning", "api-availability", "api-service"),
  // Another SLO of the same job burning slowly: its ticket is its own.
  tier("ApiLatencyBudgetBurn1d", "warning", "api-latency", "api-service"),
  ttft("6h", "critical", "llama"),
  ttft("1d", "warning", "llama"),
  // Another model's slow burn: not the page's.
  ttft("1d", "warning", "mistral"),
];

/** Both configurations silence a component's TargetDown under its JobDown: the control. */
const control = {
  alertname: "TargetDown",
  severity: "warning",
  job: "api-gateway",
  component: "api-gateway",
  instance: "a",
};
const controlSource = {
  alertname: "JobDown",
  severity: "critical",
  job: "api-gateway",
  component: "api-gateway",
};

/** Which of the firing alerts Alertmanager says are inhibited, by alertname and model. */
async function inhibited(config: (host: string) => string): Promise<string[]> {
  return withAlertmanager(config, async (am) => {
    await am.post([...firing, control]);
    // The inhibitor takes alerts in the order they came: once it knows the control's source,
    // posted last, it knows every page tier too.
    await am.post([controlSource]);
    let alerts: AmAlert[] = [];
    await waitFor(
      "the control TargetDown to be inhibited",
      async () =>
        (alerts = await am.alerts()).some(
          (a) => a.labels.alertname === "TargetDown" && a.status.inhibitedBy.length > 0,
        ),
      () => JSON.stringify(alerts.map((a) => [a.labels.alertname, a.status])),
    );
    return alerts
      .filter((a) => a.status.inhibitedBy.length > 0 && a.labels.alertname !== "TargetDown")
      .map((a) => `${a.labels.alertname}${a.labels.model_name ? `/${a.labels.model_name}` : ""}`)
      .sort();
  });
}

describe.skipIf(need.skip)(need.title("inhibition and heartbeat, live Alertmanager"), () => {
  const expected = [
    "ApiAvailabilityBudgetBurn1d",
    "ApiAvailabilityBudgetBurn3d",
    "TimeToFirstTokenBudgetBurn1d/llama",
  ];

  it("an SLO's page tier silences its ticket tiers of the same job and model, nothing else", async () => {
    expect(await inhibited(generated)).toEqual(expected);
  }, 60_000);

  it("fails with the rule it replaced: critical over warning of the same alertname inhibits no tier", async () => {
    const old = (host: string) => {
      const config = parse(generated(host));
      config.inhibit_rules = [
        ...config.inhibit_rules.filter((r: { equal: string[] }) => r.equal.includes("component")),
        {
          source_matchers: ['severity="critical"'],
          target_matchers: ['severity="warning"'],
          equal: ["alertname", "job"],
        },
      ];
      return stringify(config);
    };
    expect(await inhibited(old)).toEqual([]);
  }, 60_000);

  const fast = (host: string) => {
    const p = webhookPlatform(model.platform, host);
    const heartbeat = { ...p.alerting.heartbeat, groupInterval: "1s", repeatInterval: "1s" };
    return alertmanagerDocument({ ...p, alerting: { ...p.alerting, heartbeat } }, model.slos);
  };

  it("beats on the prometheus-community chart: Prometheus with monitoring.yml keeps Watchdog at the switch", async () => {
    // The generated stack rules, Watchdog's `for` (the first beat's delay) cut to none.
    const ruleGroups = model.ruleGroups.map((g) => ({
      ...g,
      group: {
        ...g.group,
        rules: g.group.rules.map((r) =>
          r.kind === "alert" && r.alert === "Watchdog" ? { ...r, for: "0s" as const } : r,
        ),
      },
    }));
    const paths = await withAlertmanager(fast, async (am) => {
      const rules = join(am.dir, "monitoring.yml");
      writeFileSync(rules, renderAlerts({ ...model, ruleGroups }).files.get(stackRulesPath)!);
      const prometheus = await startPrometheus({
        dir: am.dir,
        ruleFiles: [rules],
        alertmanagers: [am.url.replace("http://", "")],
        // An alert firing at the first evaluation can beat the notifier's discovery of
        // Alertmanager; it is then sent again only after the resend delay (1m by default).
        flags: ["--rules.alert.resend-delay=1s"],
        lifetimeSeconds: 60,
      });
      try {
        await waitFor(
          "two heartbeats from Prometheus",
          () => am.notifications.length >= 2,
          () => JSON.stringify(am.notifications.map((n) => n.path)),
        );
      } finally {
        await prometheus.stop();
      }
      return am.notifications.map((n) => `${n.path} ${n.alerts.map((a) => a.labels.alertname)}`);
    });
    expect(new Set(paths)).toEqual(new Set(["/heartbeat Watchdog"]));
  }, 60_000);

  it("sends Watchdog to the dead man's switch again and again, and never its resolution", async () => {
    const beats = await withAlertmanager(fast, async (am) => {
      await am.post([{ alertname: "Watchdog", severity: "none" }]);
      await waitFor(
        "three heartbeats",
        () => am.notifications.length >= 3,
        () => JSON.stringify(am.notifications.map((n) => n.path)),
      );
      return am.notifications.map((n) => [n.path, n.status, n.alerts.length]);
    });
    expect(new Set(beats.map((b) => JSON.stringify(b)))).toEqual(
      new Set([JSON.stringify(["/heartbeat", "firing", 1])]),
    );
  }, 60_000);
});
