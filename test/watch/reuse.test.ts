/**
 * What the watch keeps between rebuilds (watch/reuse.ts) is handed back only while what it read
 * is unchanged: after each edit below, checking and rendering with the rebuilds' memo gives
 * exactly what a fresh run over the edited model gives. Renders: a renderer that embeds
 * another's output (the Kubernetes ConfigMaps) read what that one read. Checks: the problems of
 * a dashboard's or a rule group's subjects are kept together, by their owner.
 */
import { describe, expect, it } from "vitest";
import { platformSettings, runChecks } from "../../scripts/engine/checks/check.ts";
import { modelChecks } from "../../scripts/engine/checks/index.ts";
import type { Model } from "../../scripts/engine/model/index.ts";
import type { RuleGroupSource } from "../../scripts/engine/model/rules.ts";
import { renderAll } from "../../scripts/engine/render/index.ts";
import { RebuildMemo } from "../../scripts/engine/watch/reuse.ts";
import { repoModel } from "../helpers/fixture-model.ts";

const base = await repoModel();
const baseFiles = renderAll(base).files;
const settings = platformSettings(base.platform);
const check = (model: Model, memo?: RebuildMemo) =>
  runChecks(modelChecks, model, { settings, ...(memo ? { reuse: memo } : {}) });

/** The first rule of the first group, its expression changed by `edit`. */
const firstRule = (groups: RuleGroupSource[], edit: (expr: string) => string) =>
  groups.map((g, i) =>
    i > 0
      ? g
      : {
          ...g,
          group: {
            ...g.group,
            rules: g.group.rules.map((r, j) => (j > 0 ? r : { ...r, expr: edit(r.expr) })),
          },
        },
  );

/** The api-gateway dashboard, its JSON changed by `edit`. */
const gateway = (m: Model, edit: (json: string) => string): Model => ({
  ...m,
  dashboards: m.dashboards.map((d) =>
    d.slug !== "api-gateway"
      ? d
      : { ...d, dashboard: JSON.parse(edit(JSON.stringify(d.dashboard))) as typeof d.dashboard },
  ),
});

/** [what is edited, the edit, a file it changes that the Kubernetes renderer writes]. */
const renderEdits: [string, (m: Model) => Model, string][] = [
  [
    "a Loki rule (the Kubernetes renderer reads it only through renderLokiRules)",
    (m) => ({ ...m, logRuleGroups: firstRule(m.logRuleGroups, (e) => `${e} # edited`) }),
    "config/kubernetes/loki-rules.yaml",
  ],
  [
    "a Prometheus rule",
    (m) => ({ ...m, ruleGroups: firstRule(m.ruleGroups, (e) => `${e} # edited`) }),
    "config/kubernetes/prometheus-community/prometheus-alerts.yaml",
  ],
  [
    "a dashboard's title",
    (m) => gateway(m, (json) => json.replace('"title":"', '"title":"(edited) ')),
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

/** [what is edited, the edit, a check it gives a finding]. */
const checkEdits: [string, (m: Model) => Model, string][] = [
  [
    "a dashboard query's metric",
    (m) => gateway(m, (json) => json.replace("input_received", "input_recieved")),
    "promql/unknown-metric",
  ],
  [
    "a rule's expression",
    (m) => ({ ...m, ruleGroups: firstRule(m.ruleGroups, () => "sum(rate(input_recieved[5m]))") }),
    "promql/unknown-metric",
  ],
];

describe("reuse across rebuilds", () => {
  it.each(renderEdits)("after an edit to %s, every output is a fresh render's", (_, edit, path) => {
    const memo = new RebuildMemo();
    renderAll(base, memo);
    memo.sweep();
    const edited = edit(base);
    const fresh = renderAll(edited);
    expect(fresh.files.get(path)).not.toBe(baseFiles.get(path));
    expect(renderAll(edited, memo)).toEqual(fresh);
  });

  it.each(checkEdits)("after an edit to %s, the findings are a fresh run's", (_, edit, rule) => {
    const memo = new RebuildMemo();
    expect(check(base, memo)).toEqual(check(base));
    memo.sweep();
    const edited = edit(base);
    const fresh = check(edited);
    expect(fresh.map((f) => f.rule)).toContain(rule);
    expect(check(edited, memo)).toEqual(fresh);
    // And back: the findings go with the edit.
    memo.sweep();
    expect(check(base, memo)).toEqual(check(base));
  });
});
