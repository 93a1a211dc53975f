/**
 * Source sites: every dashboard, every rule and every panel whose title is written as a literal
 * knows the line of the .ts source that defined it, and findings about them land there.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { panelsOf } from "../scripts/engine/model/walk.ts";
import { atSource } from "../scripts/engine/model/where.ts";
import { ruleName } from "../scripts/engine/model/rules.ts";
import { repoModel } from "./helpers/fixture-model.ts";
import { repoRoot } from "./helpers/repo.ts";

const model = await repoModel();
const lineOf = (file: string, line: number) =>
  readFileSync(join(repoRoot, file), "utf8").split("\n")[line - 1] ?? "";
const linesFrom = (file: string, line: number, n: number) =>
  readFileSync(join(repoRoot, file), "utf8")
    .split("\n")
    .slice(line - 1, line - 1 + n)
    .join("\n");

describe("source sites", () => {
  it("every dashboard: the defineDashboard( call of its module", () => {
    for (const d of model.dashboards) {
      const site = d.sites?.dashboard;
      expect(site?.file, d.slug).toBe(d.file);
      expect(lineOf(site!.file, site!.line).slice(site!.column - 1)).toMatch(/^defineDashboard\(/);
    }
  });

  it("every alert and recording rule: the alert(...) or record(...) call, or its object literal", () => {
    for (const g of [...model.ruleGroups, ...model.logRuleGroups]) {
      const slo = model.slos.find((s) => `slo-${s.slo.name}` === g.group.name);
      for (const rule of g.group.rules) {
        const site = g.sites?.[ruleName(rule)];
        if (slo) {
          // Generated from an SLO spec: its findings land on the defineSlo( call of the spec.
          expect(site, ruleName(rule)).toEqual(slo.site);
          expect(lineOf(site!.file, site!.line).slice(site!.column - 1)).toMatch(/^defineSlo\(/);
          expect(linesFrom(site!.file, site!.line, 2)).toContain(`name: "${slo.slo.name}"`);
          continue;
        }
        expect(site?.file, ruleName(rule)).toBe(g.file);
        const at = lineOf(site!.file, site!.line).slice(site!.column - 1);
        // The helper's call, or the object literal of a rule written as plain data.
        expect(at).toMatch(rule.kind === "alert" ? /^(alert\(\{|\{)/ : /^(record\(|\{)/);
        if (rule.kind === "alert") {
          expect(linesFrom(site!.file, site!.line, 2)).toContain(`alert: "${rule.alert}"`);
        }
      }
    }
  });

  it("panels: the object literal with the panel's title, in its dashboard or in dashboards/lib", () => {
    let found = 0;
    let total = 0;
    for (const d of model.dashboards) {
      for (const ref of panelsOf(d.dashboard)) {
        if (ref.type === "row") continue;
        total++;
        const site = d.sites?.panels[ref.title];
        if (!site) continue;
        found++;
        expect(lineOf(site.file, site.line).slice(site.column - 1)).toBe("{");
        expect(linesFrom(site.file, site.line, 4)).toContain(`title: "${ref.title}"`);
      }
    }
    // Panels with computed titles (the shared Benthos and process panels) stay at their dashboard.
    expect(found / total).toBeGreaterThan(0.7);
  });

  it("atSource: a finding on a panel moves to the panel's line; one on an unknown panel to its dashboard's", () => {
    const d = model.dashboards.find((x) => x.slug === "api-gateway")!;
    const where = { file: d.file, dashboard: "api-gateway", panel: { title: "Request rate" } };
    expect(atSource(model, where)).toEqual({ ...where, ...d.sites!.panels["Request rate"] });
    const other = { ...where, panel: { title: "no such panel" } };
    expect(atSource(model, other)).toEqual({ ...other, ...d.sites!.dashboard });
    // A foreign file of the same name is not ours: left alone.
    const foreign = { ...where, file: "exports/api-gateway.json" };
    expect(atSource(model, foreign)).toEqual(foreign);
  });
});
