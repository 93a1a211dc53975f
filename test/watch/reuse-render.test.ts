/**
 * The watch's render reuse (watch/reuse.ts) hands back an output only while what it read is
 * unchanged, and a renderer that embeds another's output (the Kubernetes ConfigMaps) read what
 * that one read: after each edit below, rendering with the rebuilds' memo gives exactly what a
 * fresh render of the edited model gives.
 */
import { describe, expect, it } from "vitest";
import type { Model } from "../../scripts/engine/model/index.ts";
import type { RuleGroupSource } from "../../scripts/engine/model/rules.ts";
import { renderAll } from "../../scripts/engine/render/index.ts";
import { RebuildMemo } from "../../scripts/engine/watch/reuse.ts";
import { repoModel } from "../helpers/fixture-model.ts";

const base = await repoModel();
const baseFiles = renderAll(base).files;

/** The first rule of the first group, its expression given a comment at its end. */
const commented = (groups: RuleGroupSource[]): RuleGroupSource[] =>
  groups.map((g, i) =>
    i > 0
      ? g
      : {
          ...g,
          group: {
            ...g.group,
            rules: g.group.rules.map((r, j) => (j > 0 ? r : { ...r, expr: `${r.expr} # edited` })),
          },
        },
  );

/** [what is edited, the edit, a file it changes that the Kubernetes renderer writes]. */
const edits: [string, (m: Model) => Model, string][] = [
  [
    "a Loki rule (the Kubernetes renderer reads it only through renderLokiRules)",
    (m) => ({ ...m, logRuleGroups: commented(m.logRuleGroups) }),
    "config/kubernetes/loki-rules.yaml",
  ],
  [
    "a Prometheus rule",
    (m) => ({ ...m, ruleGroups: commented(m.ruleGroups) }),
    "config/kubernetes/prometheus-community/prometheus-alerts.yaml",
  ],
  [
    "a dashboard's title",
    (m) => ({
      ...m,
      dashboards: m.dashboards.map((d) =>
        d.slug !== "api-gateway"
          ? d
          : { ...d, dashboard: { ...d.dashboard, title: `${d.dashboard.title} (edited)` } },
      ),
    }),
    "config/kubernetes/grafana-dashboard-api-gateway.yaml",
  ],
  [
    "the monitoring namespace",
    (m) => ({
      ...m,
      platform: { ...m.platform, monitoring: { ...m.platform.monitoring, namespace: "edited" } },
    }),
    "config/kubernetes/prometheus-operator/prometheus-rule.yaml",
  ],
];

describe("render reuse across rebuilds", () => {
  it.each(edits)("after an edit to %s, every output is as a fresh render's", (_, edit, changes) => {
    const memo = new RebuildMemo();
    renderAll(base, memo);
    memo.sweep();
    const edited = edit(base);
    const fresh = renderAll(edited);
    expect(fresh.files.get(changes)).not.toBe(baseFiles.get(changes));
    expect(renderAll(edited, memo)).toEqual(fresh);
  });
});
