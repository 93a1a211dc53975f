import { describe, expect, it } from "vitest";
import type { Check, CheckSettings } from "../../scripts/engine/checks/check.ts";
import type { Severity } from "../../scripts/engine/findings.ts";
import type { Files, Model } from "../../scripts/engine/model/index.ts";
import { findingsOf } from "./fixture-model.ts";

export interface CheckCase {
  name: string;
  model: Model;
  /** Rendered files, for output checks. */
  files?: Files;
  /** What the files run on (a Prometheus version, a scrape interval): the defaults otherwise. */
  settings?: CheckSettings;
  /** Expected findings in order (severity error unless said): [] for a passing fixture. */
  expect: { where?: Record<string, unknown>; message: RegExp | string; severity?: Severity }[];
}

/** Table-driven check test: each case's findings match the expectations, rule id included. */
export function checkTable(check: Check, cases: CheckCase[]): void {
  describe(check.id, () => {
    it.each(cases)("$name", ({ model, files, settings, expect: expected }) => {
      const findings = findingsOf(check, model, files, settings);
      expect(findings.length, findings.map((f) => f.message).join("\n---\n")).toBe(expected.length);
      findings.forEach((f, i) => {
        const want = expected[i]!;
        expect(f.rule).toBe(check.id);
        expect(f.severity).toBe(want.severity ?? "error");
        if (want.where) expect(f.where).toMatchObject(want.where);
        if (typeof want.message === "string") expect(f.message).toContain(want.message);
        else expect(f.message).toMatch(want.message);
      });
    });
  });
}
