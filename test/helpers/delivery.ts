/**
 * The path from a firing alert to a person, live: a real Prometheus (the generated rules,
 * scraping targets this module serves on 127.0.0.1) sends to a real Alertmanager (the
 * generated configuration, every receiver pointed at a webhook this module serves). The
 * scenario: the model server's only target and two of the API service's three go down, then
 * all come back. What reached which receiver is recorded; `deliveryProblems` says what is wrong
 * with it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Model } from "../../scripts/engine/model/index.ts";
import type { Platform, Receiver } from "../../scripts/engine/model/platform.ts";
import type { RuleGroupSource } from "../../scripts/engine/model/rules.ts";
import { startAlertmanager } from "../../scripts/engine/prometheus/alertmanager.ts";
import type { ServerProcess } from "../../scripts/engine/prometheus/process.ts";
import { startPrometheus } from "../../scripts/engine/prometheus/server.ts";
import {
  alertmanagerDocument,
  heartbeatReceiver,
  receiverName,
} from "../../scripts/engine/render/alertmanager.ts";
import { alertsDocument } from "../../scripts/engine/render/alerts.ts";

interface WebhookAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Alertmanager's webhook payload (version 4), as far as the scenario reads it. */
export interface Notification {
  receiver: string;
  status: "firing" | "resolved";
  groupKey: string;
  groupLabels: Record<string, string>;
  alerts: WebhookAlert[];
}

export interface Outcome {
  /** Every notification, in the order it arrived; `path` is the webhook path it was sent to. */
  notifications: (Notification & { path: string })[];
  /** Alertmanager's view of the model server's TargetDown while everything was down. */
  mlServiceTargetDown: { state: string; inhibitedBy: string[] }[];
  /** Fingerprint of the model server's JobDown, as Alertmanager knows it. */
  mlServiceJobDown?: string;
  /** The scratch directory the servers ran in (removed): their command lines name it. */
  dir: string;
}

/** The jobs and instances scraped; the scenario takes down the first ones. */
const instances = (job: string) => (job === "api-service" ? ["a", "b", "c"] : ["a"]);
const down = ["ml-service/a", "api-service/a", "api-service/b"];
/** The alerts the scenario makes fire: only these get `for: 0s`, every other keeps its own. */
const underTest = new Set(["JobDown", "TargetDown"]);

export const listen = (server: Server): Promise<string> =>
  new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `condition` until it holds; past the deadline, fail saying what was awaited and seen. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  seen: () => string,
) {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Seen: ${seen()}`);
    await sleep(100);
  }
}

/** A webhook that records every notification Alertmanager posts to it, with its path. */
export function recordingWebhook(): { webhook: Server; notifications: Outcome["notifications"] } {
  const notifications: Outcome["notifications"] = [];
  const webhook = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      notifications.push({ ...(JSON.parse(body) as Notification), path: req.url ?? "" });
      res.end();
    });
  });
  return { webhook, notifications };
}

/** The platform with every receiver a webhook at `host/<receiver name>`, and short timings. */
export function webhookPlatform(platform: Platform, host: string): Platform {
  const hook = (name: string): Receiver => ({ kind: "webhook", url: `http://${host}/${name}` });
  return {
    ...platform,
    alerting: {
      ...platform.alerting,
      groupWait: "1s",
      groupInterval: "1s",
      repeatInterval: "1h",
      heartbeat: { ...platform.alerting.heartbeat, receiver: hook(heartbeatReceiver) },
      teams: Object.fromEntries(
        Object.entries(platform.alerting.teams).map(([team, t]) => [
          team,
          {
            ...t,
            pager: hook(receiverName(team, "pager")),
            tickets: hook(receiverName(team, "tickets")),
          },
        ]),
      ),
    },
  };
}

const withoutFor = (groups: RuleGroupSource[]): RuleGroupSource[] =>
  groups.map((g) => ({
    ...g,
    group: {
      ...g.group,
      rules: g.group.rules.map((r) =>
        r.kind === "alert" && underTest.has(r.alert) ? { ...r, for: "0s" as const } : r,
      ),
    },
  }));

const labelsMatch = (have: Record<string, string>, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => have[k] === v);
const matches = (a: WebhookAlert, want: Record<string, string>) => labelsMatch(a.labels, want);

/**
 * Run the scenario with `vary` applied to the platform (after its receivers point at the
 * webhook): the generated rules and Alertmanager configuration of that platform. Every
 * process is stopped, whatever happens.
 */
export async function runDelivery(
  model: Model,
  vary: (p: Platform) => Platform = (p) => p,
): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-delivery-"));
  const { webhook, notifications } = recordingWebhook();
  const unreachable = new Set<string>();
  const targets = createServer((req, res) => {
    if (unreachable.has((req.url ?? "").slice(1))) res.writeHead(503).end();
    else res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end("");
  });
  const servers: ServerProcess[] = [];
  try {
    const [hookHost, targetHost] = await Promise.all([listen(webhook), listen(targets)]);
    const platform = vary(webhookPlatform(model.platform, hookHost));
    const rules = join(dir, "alerts.yml");
    writeFileSync(rules, alertsDocument({ ...model, ruleGroups: withoutFor(model.ruleGroups) }));
    const alertmanager = await startAlertmanager({
      dir,
      config: alertmanagerDocument(platform, model.slos),
      lifetimeSeconds: 120,
    });
    servers.push(alertmanager);
    const jobs = Object.values(platform.components).map((c) => c.job);
    const prometheus = await startPrometheus({
      dir,
      ruleFiles: [rules],
      evaluationInterval: "1s",
      alertmanagers: [alertmanager.url.replace("http://", "")],
      scrapeConfigs: jobs.map((job) => ({
        job_name: job,
        static_configs: instances(job).map((instance) => ({
          targets: [targetHost],
          labels: { instance, __metrics_path__: `/${job}/${instance}` },
        })),
      })),
      lifetimeSeconds: 120,
    });
    servers.push(prometheus);

    const query = async (q: string): Promise<number> => {
      const r = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(q)}`);
      const result = ((await r.json()) as { data: { result: { value: [number, string] }[] } }).data
        .result;
      return result.length > 0 ? Number(result[0]!.value[1]) : 0;
    };
    const amAlerts = async () =>
      (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as {
        labels: Record<string, string>;
        fingerprint: string;
        status: { state: string; inhibitedBy: string[] };
      }[];
    const seen = () =>
      JSON.stringify(notifications.map((n) => [n.path, n.status, n.alerts.map((a) => a.labels)]));
    const arrived = (status: "firing" | "resolved", labels: Record<string, string>) =>
      notifications.some((n) => n.alerts.some((a) => a.status === status && matches(a, labels)));

    // Every target scraped healthy first: before its first scrape a job has no `up`, and one
    // target scraped down before its healthy siblings would read as the whole job down.
    const total = jobs.reduce((n, job) => n + instances(job).length, 0);
    await waitFor(
      `all ${total} targets up`,
      async () => (await query("count(up == 1)")) === total,
      seen,
    );

    for (const t of down) unreachable.add(t);
    const jobDown = { alertname: "JobDown", job: "ml-service" };
    const apiDown = (instance: string) => ({
      alertname: "TargetDown",
      job: "api-service",
      instance,
    });
    await waitFor(
      "JobDown of ml-service and both TargetDowns of api-service in one notification",
      () =>
        arrived("firing", jobDown) &&
        notifications.some(
          (n) =>
            n.alerts.filter(
              (a) =>
                a.status === "firing" && (matches(a, apiDown("a")) || matches(a, apiDown("b"))),
            ).length === 2,
        ),
      seen,
    );
    // Alertmanager holds the model server's TargetDown too: what it decided about it.
    let mlServiceTargetDown: Outcome["mlServiceTargetDown"] = [];
    let mlServiceJobDown: string | undefined;
    await waitFor(
      "Alertmanager to hold TargetDown of ml-service",
      async () => {
        const alerts = await amAlerts();
        mlServiceJobDown = alerts.find((a) => labelsMatch(a.labels, jobDown))?.fingerprint;
        mlServiceTargetDown = alerts
          .filter((a) => a.labels.alertname === "TargetDown" && a.labels.job === "ml-service")
          .map((a) => a.status);
        return mlServiceTargetDown.length > 0;
      },
      seen,
    );

    unreachable.clear();
    await waitFor(
      "the resolutions of JobDown of ml-service and of api-service's TargetDowns",
      () =>
        arrived("resolved", jobDown) &&
        arrived("resolved", apiDown("a")) &&
        arrived("resolved", apiDown("b")),
      seen,
    );
    return { notifications, mlServiceTargetDown, mlServiceJobDown, dir };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    webhook.close();
    targets.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const describeAlert = (labels: Record<string, string>) =>
  `${labels.alertname}{${Object.entries(labels)
    .filter(([k]) => k !== "alertname")
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ")}}`;

/**
 * What is wrong with an outcome, as a person on call would notice it: empty when the page,
 * the ticket, their grouping, the inhibition and the resolutions are all as they must be.
 */
export function deliveryProblems(o: Outcome, runbookBaseUrl: string): string[] {
  const problems: string[] = [];
  const carrying = (labels: Record<string, string>, status: "firing" | "resolved") =>
    o.notifications.filter((n) => n.alerts.some((a) => a.status === status && matches(a, labels)));
  const expectOnly = (labels: Record<string, string>, receiver: string) => {
    for (const status of ["firing", "resolved"] as const) {
      const got = carrying(labels, status);
      if (got.length === 0)
        problems.push(`No ${status} notification of ${describeAlert(labels)} arrived.`);
      for (const n of got.filter((n) => n.path !== `/${receiver}`)) {
        problems.push(
          `${describeAlert(labels)} (${status}) reached ${n.path.slice(1)}; it must reach only ${receiver}.`,
        );
      }
    }
  };

  const jobDown = {
    alertname: "JobDown",
    job: "ml-service",
    severity: "critical",
    component: "ml-service",
  };
  expectOnly(jobDown, "serving-pager");
  const page = carrying(jobDown, "firing")[0];
  const alert = page?.alerts.find((a) => matches(a, jobDown));
  if (alert && alert.annotations.summary !== "Every target of ml-service is down") {
    problems.push(`The page's summary reads "${alert.annotations.summary}".`);
  }
  if (alert && alert.annotations.runbook_url !== `${runbookBaseUrl}#jobdown`) {
    problems.push(`The page's runbook_url is "${alert.annotations.runbook_url}".`);
  }
  if (
    page &&
    JSON.stringify(page.groupLabels) !== JSON.stringify({ alertname: "JobDown", job: "ml-service" })
  ) {
    problems.push(
      `The page is grouped by ${JSON.stringify(page.groupLabels)}, not by alertname and job.`,
    );
  }

  const apiDown = {
    alertname: "TargetDown",
    job: "api-service",
    severity: "warning",
    component: "api-service",
  };
  expectOnly(apiDown, "api-tickets");
  const grouped = carrying(apiDown, "firing").find(
    (n) => n.alerts.filter((a) => a.status === "firing" && matches(a, apiDown)).length === 2,
  );
  if (!grouped)
    problems.push("The API service's two TargetDowns never arrived together in one notification.");
  else if (
    JSON.stringify(grouped.groupLabels) !==
    JSON.stringify({ alertname: "TargetDown", job: "api-service" })
  ) {
    problems.push(
      `The ticket is grouped by ${JSON.stringify(grouped.groupLabels)}, not by alertname and job.`,
    );
  }

  // JobDown of the model server silences its TargetDown: it must never reach anyone.
  const inhibited = { alertname: "TargetDown", job: "ml-service" };
  for (const n of o.notifications.filter((n) => n.alerts.some((a) => matches(a, inhibited)))) {
    problems.push(
      `${describeAlert(inhibited)} reached ${n.path.slice(1)} although JobDown of ml-service inhibits it.`,
    );
  }
  for (const s of o.mlServiceTargetDown) {
    if (
      s.state !== "suppressed" ||
      !o.mlServiceJobDown ||
      !s.inhibitedBy.includes(o.mlServiceJobDown)
    ) {
      problems.push(
        `Alertmanager holds ${describeAlert(inhibited)} as ${s.state}, not inhibited by JobDown.`,
      );
    }
  }

  const expected = [jobDown, apiDown, inhibited];
  for (const n of o.notifications) {
    for (const a of n.alerts.filter((a) => !expected.some((e) => matches(a, e)))) {
      problems.push(
        `Unexpected ${a.status} ${describeAlert(a.labels)} reached ${n.path.slice(1)}.`,
      );
    }
  }
  return problems;
}
