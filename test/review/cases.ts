/** Pairs of snapshots, each a kind of change a pull request makes. */
import { TextBoxVariableBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Snapshot } from "../../scripts/engine/review/snapshot.ts";
import { alert, dashboard, panel, snap } from "./fixtures.ts";

const rate = 'sum(rate(requests_total{job="$job"}[$__rate_interval]))';
const errors = 'sum(rate(requests_total{job="$job", code="500"}[$__rate_interval]))';

/** Dashboard "a" with a tier variable and its link pointing somewhere else. */
function withVariableAndLink(d: ReturnType<typeof dashboard>): ReturnType<typeof dashboard> {
  const links = (d.dashboard.links ?? []).map((l) => ({ ...l, tags: ["ml-platform", "gpu"] }));
  return { ...d, dashboard: { ...d.dashboard, links } };
}

export interface Case {
  name: string;
  before: Snapshot;
  after: Snapshot;
}

export const cases: Case[] = [
  {
    name: "nothing changed",
    before: snap({
      dashboards: [dashboard("a", [panel("Rate", rate)])],
      rules: [alert("A", "up == 0")],
    }),
    after: snap({
      dashboards: [dashboard("a", [panel("Rate", rate)])],
      rules: [alert("A", "up == 0")],
    }),
  },
  {
    name: "a query, a threshold and an alert",
    before: snap({
      dashboards: [dashboard("a", [panel("Errors", rate, { thresholds: { critical: 0.05 } })])],
      rules: [alert("HighErrors", `${rate} > 0.05`)],
      thresholds: { errors: { ratio: 0.05, for: "5m" } },
    }),
    after: snap({
      dashboards: [dashboard("a", [panel("Errors", errors, { thresholds: { critical: 0.1 } })])],
      rules: [alert("HighErrors", `${rate} > 0.1`, { for: "10m" })],
      thresholds: { errors: { ratio: 0.1, for: "10m" } },
    }),
  },
  {
    name: "panels added, removed, moved, resized and retitled",
    before: snap({
      dashboards: [
        dashboard("a", [
          panel("Rate", rate),
          panel("Old", errors),
          panel("Gone", "sum(up)", { kind: "stat", unit: "none" }),
        ]),
      ],
    }),
    after: snap({
      dashboards: [
        dashboard("a", [
          panel("Rate", rate, { width: 24 }),
          panel("New title", errors),
          panel("Added", "sum(queue_depth)"),
        ]),
      ],
    }),
  },
  {
    name: "dashboards added, removed and renamed; legend, unit, description, variables",
    before: snap({
      dashboards: [dashboard("a", [panel("Rate", rate)]), dashboard("b", [panel("Rate", rate)])],
    }),
    after: snap({
      dashboards: [
        withVariableAndLink(
          dashboard(
            "a",
            [
              {
                ...panel("Rate", rate, { unit: "reqps", description: "Requests per second." }),
                queries: [{ expr: rate, legend: "{{job}}" }],
              },
            ],
            {
              title: "Fixture a, renamed",
              tags: ["new"],
              variables: [new TextBoxVariableBuilder("tier").label("Tier").defaultValue("free")],
            },
          ),
        ),
        dashboard("c", [panel("Latency", "sum(latency_seconds_count)")]),
      ],
    }),
  },
  {
    name: "rules added, removed and changed; the catalogue; deploy outputs",
    before: snap({
      rules: [alert("Kept", "up == 0"), alert("Removed", "up == 0")],
      logRules: [alert("LogErrors", 'sum(count_over_time({app="x"} |= "error" [5m])) > 10')],
      metrics: [
        { name: "requests_total" },
        { name: "queue_depth", type: "counter", unit: "messages" },
        { name: "old_metric" },
      ],
      outputs: { "config/prometheus/alerts.yml": "a\nb\n", "config/runbook.md": "x\n" },
    }),
    after: snap({
      logRules: [alert("LogErrors", 'sum(count_over_time({app="x"} |= "error" [5m])) > 20')],
      rules: [
        alert("Kept", "up == 0", {
          labels: { severity: "critical", team: "ml" },
          annotations: {
            summary: "Kept summary, reworded",
            description: "d",
            runbook_url: "https://r/#x",
          },
        } as never),
        { kind: "record", record: "job:up:sum", expr: "sum by (job) (up)" },
      ],
      metrics: [
        { name: "requests_total" },
        { name: "queue_depth", type: "gauge", unit: "messages" },
        { name: "new_metric", type: "gauge", unit: "bytes" },
      ],
      outputs: { "config/prometheus/alerts.yml": "a\nc\nd\n", "config/new.yaml": "n\n" },
    }),
  },
];
