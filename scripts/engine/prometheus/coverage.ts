import { isSeq, parseDocument } from "yaml";
import type { Finding } from "../findings.ts";
import { ruleWhere } from "../model/where.ts";
import { parseDuration } from "../model/duration.ts";
import { parsePromql } from "../promql/parse.ts";
import { vectorSelectors } from "../promql/selectors.ts";
import type { RuleGroupSource } from "../model/rules.ts";

/**
 * Coverage of the promtool unit tests (alerts/tests/*.test.yml): every alert needs a scenario
 * where it fires and one where it stays quiet once its `for` has elapsed (before that it is
 * quiet whatever the series), every recording rule a `promql_expr_test` that reads its series. promtool itself cannot tell: an alert nobody tests passes, and a quiet
 * scenario naming a misspelled alert passes too.
 */
export interface RuleTestFile {
  file: string;
  tests: {
    name?: string;
    alert_rule_test?: { eval_time?: string; alertname?: string; exp_alerts?: unknown[] | null }[];
    promql_expr_test?: { expr?: string }[];
  }[];
}

/** Parse a promtool test file; a file that is not one is a finding naming it. */
export function parseRuleTestFile(
  file: string,
  text: string,
): { value?: RuleTestFile; findings: Finding[] } {
  const doc = parseDocument(text);
  const tests: unknown = doc.errors.length > 0 ? undefined : doc.get("tests", false);
  if (!isSeq(tests)) {
    const why = doc.errors[0]?.message ?? 'no "tests:" list';
    return {
      findings: [
        {
          rule: "tests/file",
          severity: "error",
          where: { file },
          message: `Not a promtool test file (${why}): it needs a top-level "tests:" list.`,
        },
      ],
    };
  }
  return { value: { file, tests: tests.toJSON() as RuleTestFile["tests"] }, findings: [] };
}

const testsDir = "alerts/tests";

/** A duration in seconds; NaN (never long enough) for one that is none. */
function seconds(d: string | undefined): number {
  return d === undefined ? 0 : (parseDuration(d) ?? NaN);
}

/** Alerts and recording rules that no scenario exercises, and scenarios naming no rule. */
export function ruleTestCoverage(
  groups: readonly RuleGroupSource[],
  files: readonly RuleTestFile[],
): Finding[] {
  const firing = new Set<string>();
  const quiet = new Set<string>();
  const read = new Set<string>();
  const findings: Finding[] = [];
  /** Each alert's `for`, in seconds. */
  const alerts = new Map(
    groups.flatMap((g) =>
      g.group.rules.flatMap((r) =>
        r.kind === "alert" ? [[r.alert, seconds(r.for)] as const] : [],
      ),
    ),
  );
  for (const f of files) {
    for (const t of f.tests) {
      for (const a of t.alert_rule_test ?? []) {
        const name = a.alertname ?? "";
        if (a.exp_alerts?.length) firing.add(name);
        else if (seconds(a.eval_time ?? "0s") >= (alerts.get(name) ?? 0)) quiet.add(name);
        if (!alerts.has(name)) {
          findings.push({
            rule: "tests/unknown-alert",
            severity: "error",
            where: { file: f.file, alert: name },
            message: `Scenario "${t.name ?? ""}" tests alert "${name}", which no rule group defines: it passes without testing anything. Fix the alertname.`,
          });
        }
      }
      for (const e of t.promql_expr_test ?? []) {
        for (const s of vectorSelectors(parsePromql(e.expr ?? "")))
          if (s.metric) read.add(s.metric);
      }
    }
  }
  for (const g of groups) {
    const test = `${testsDir}/${g.group.name}.test.yml`;
    for (const r of g.group.rules) {
      const missing =
        r.kind === "record"
          ? read.has(r.record)
            ? []
            : ["promql_expr_test that reads it"]
          : [
              ...(firing.has(r.alert) ? [] : ["scenario where it fires"]),
              // An alert that reads no series (the heartbeat, vector(1)) is never quiet.
              ...(quiet.has(r.alert) || vectorSelectors(parsePromql(r.expr)).length === 0
                ? []
                : ["scenario where it stays quiet"]),
            ];
      const name = r.kind === "record" ? r.record : r.alert;
      for (const m of missing) {
        findings.push({
          rule: r.kind === "record" ? "tests/untested-recording-rule" : "tests/untested-alert",
          severity: "error",
          where: ruleWhere(g, name),
          message: `${name} has no ${m}. Add one to ${test}.`,
        });
      }
    }
  }
  return findings;
}
