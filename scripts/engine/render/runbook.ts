import { rendered, type Rendered } from "./rendered.ts";
import { runbookAnchor } from "../model/rules.ts";
import type { Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import { ruleWhere } from "../model/where.ts";
import { parsePromql, textOf } from "../promql/parse.ts";
import { comparisons } from "../promql/comparisons.ts";
import { binaryOperators, children, comparisonOperators } from "../promql/tree.ts";
import { parseLogql } from "../logql/parse.ts";
import type { AlertingRule, RecordingRule, RuleGroupSource } from "../model/rules.ts";
import { runbookPath } from "../outputs.ts";
import { burnThreshold, errorBudget, sloAlertName, sloSeries, type Slo } from "../model/slo.ts";
import { formatDuration, formatPercent } from "../text/humanize.ts";
import { fence, inlineCode, markdownCell, markdownText } from "./markdown.ts";

/** The comparisons against a number in a LogQL alert's expression (its grammar has no PromQL tree). */
function logqlThresholds(expr: string): string[] {
  const q = parseLogql(expr);
  const out: string[] = [];
  q.tree.iterate({
    enter(ref) {
      if (ref.name !== "BinOpExpr") return;
      const op = children(ref.node).find((c) => binaryOperators[c.name] !== undefined);
      const operator = op && binaryOperators[op.name];
      const rhs = children(ref.node).filter((c) => c.name === "Expr")[1];
      const value = rhs && textOf(q, rhs).trim();
      if (operator && comparisonOperators.has(operator) && value && /^[\d.]+$/.test(value)) {
        out.push(`${operator} ${value}`);
      }
    },
  });
  return [...new Set(out)];
}

/**
 * The comparisons against a constant in an alert's expression, e.g. `> 0.05`, read with the
 * expression on the left (`10 < x` is `> 10`): its thresholds.
 */
export function thresholdsOf(expr: string): string[] {
  const q = parsePromql(expr);
  return [...new Set(comparisons(q).map((c) => `${c.op} ${textOf(q, c.constant)}`))];
}

/** A rule with its group, and the language of its expression (Prometheus' or Loki's). */
interface Sourced<R> {
  rule: R;
  source: RuleGroupSource;
  language: "promql" | "logql";
}

function alertSection({ rule, source, language }: Sourced<AlertingRule>): string[] {
  const thresholds = language === "promql" ? thresholdsOf(rule.expr) : logqlThresholds(rule.expr);
  const steps = rule.runbook ?? [];
  return [
    `**${markdownText(rule.annotations.summary)}**`,
    "",
    `What it means: ${markdownText(rule.annotations.description)}`,
    "",
    `- Severity: ${inlineCode(rule.labels.severity)}`,
    `- Fires after: ${markdownText(rule.for)} (the condition holds that long)`,
    `- Threshold: ${thresholds.length > 0 ? thresholds.map(inlineCode).join(" and ") : "none (fires whenever the expression returns a series)"}`,
    `- Defined in: ${inlineCode(source.file)}, group ${inlineCode(source.group.name)}`,
    "",
    "Expression:",
    "",
    ...fence(language, rule.expr),
    "",
    "First steps:",
    "",
    ...(steps.length > 0
      ? steps.map((s, i) => `${i + 1}. ${markdownText(s)}`)
      : [
          `No first steps written yet: add \`runbook\` to the alert in ${inlineCode(source.file)}.`,
        ]),
    "",
  ];
}

/** An SLO's section: what it promises, how it is measured, its tiers and what to do first. */
function sloSection(slo: Slo): string[] {
  const sli = slo.sli;
  const measured =
    sli.kind === "latency"
      ? `the share of ${markdownText(slo.events)} at or under the ${sli.le}s bucket of ${inlineCode(sli.histogram)}`
      : `the share of ${markdownText(slo.events)} (${inlineCode(sli.valid.metric)}) that did not fail`;
  return [
    `### ${markdownText(slo.title)} SLO`,
    "",
    `${markdownText(`${formatPercent(slo.objective)} over ${formatDuration(slo.period)}`)}: ${measured}, job ${inlineCode(slo.component)}${slo.by?.length ? `, per ${slo.by.map(inlineCode).join(", ")}` : ""}. Error budget ${markdownText(formatPercent(errorBudget(slo)))}; left now: ${inlineCode(`${sloSeries.budgetRemaining}{slo="${slo.name}"}`)}. No tier fires on ${markdownText(String(slo.minFailedEvents))} failed events or fewer in its long window.`,
    "",
    "| Alert | Notifies | Burn rate | Error ratio over | Windows | For |",
    "| --- | --- | --- | --- | --- | --- |",
    ...slo.alerting.tiers.map((t) => {
      const name = sloAlertName(slo, t);
      return `| [${markdownCell(name)}](#${runbookAnchor(name)}) | ${t.notify} | ${t.factor}x | ${burnThreshold(slo, t)} | ${t.long} and ${t.short} | ${t.for} |`;
    }),
    "",
    "First steps:",
    "",
    ...slo.runbook.map((s, i) => `${i + 1}. ${markdownText(s)}`),
    "",
  ];
}

/**
 * The runbook page every alert's runbook_url points at: one `### <AlertName>` section per
 * alert name, whose GitHub anchor is the alert's runbookAnchor (alerts/lib/alert.ts). Rules
 * sharing a name (a warning and a critical variant) share the section.
 */
export function runbookDocument(model: Model): string {
  const byName = new Map<string, Sourced<AlertingRule>[]>();
  const records: Sourced<RecordingRule>[] = [];
  const groups = [
    ...model.ruleGroups.map((source) => ({ source, language: "promql" as const })),
    ...model.logRuleGroups.map((source) => ({ source, language: "logql" as const })),
  ];
  for (const { source, language } of groups) {
    for (const rule of source.group.rules) {
      if (rule.kind === "record") records.push({ rule, source, language });
      else byName.set(rule.alert, [...(byName.get(rule.alert) ?? []), { rule, source, language }]);
    }
  }
  const lines = [
    "<!-- Generated by `npm run build` from alerts/*.ts and alerts/loki/*.ts; do not edit. -->",
    "",
    "# ML platform alert runbook",
    "",
    "One section per alert of `config/prometheus/alerts.yml` and of the Loki ruler's",
    "`config/loki/rules.yml`: what it means, when it fires and",
    "what to do first. Every alert's `runbook_url` links to its section. Severity `critical`",
    "pages, `warning` opens a ticket, `info` informs. Thresholds are tuned in",
    "`config/platform.ts`.",
    "",
    "| Alert | Severity | Group |",
    "| --- | --- | --- |",
    ...[...byName].map(
      ([name, rules]) =>
        `| [${markdownCell(name)}](#${runbookAnchor(name)}) | ${markdownCell(rules.map((r) => r.rule.labels.severity).join(", "))} | ${markdownCell(rules[0]!.source.group.name)} |`,
    ),
    "",
    "## Alerts",
    "",
  ];
  for (const [name, rules] of byName) {
    lines.push(`### ${markdownText(name)}`, "");
    for (const sourced of rules) lines.push(...alertSection(sourced));
  }
  if (model.slos.length > 0) {
    lines.push(
      "## SLOs",
      "",
      "The service level objectives of `config/platform.ts` (`slos`), whose rule groups and burn-rate alerts above are generated from them.",
      "",
    );
    for (const { slo } of model.slos) lines.push(...sloSection(slo));
  }
  if (records.length > 0) {
    lines.push("## Recording rules", "", "Series the alerts above build on.", "");
    for (const { rule, source, language } of records) {
      lines.push(
        `- ${inlineCode(rule.record)} (${inlineCode(source.file)}):`,
        "",
        ...fence(language, rule.expr).map((l) => `  ${l}`),
        "",
      );
    }
  }
  return lines.join("\n").replace(/\n+$/, "\n");
}

/**
 * Alert names that differ only in case share one anchor (GitHub lower-cases headings): the
 * second one's runbook_url would open the first one's section.
 */
function sharedAnchors(model: Model): Finding[] {
  const first = new Map<string, string>();
  const findings: Finding[] = [];
  for (const source of [...model.ruleGroups, ...model.logRuleGroups]) {
    for (const rule of source.group.rules) {
      if (rule.kind !== "alert") continue;
      const anchor = runbookAnchor(rule.alert);
      const seen = first.get(anchor);
      if (seen === undefined) first.set(anchor, rule.alert);
      else if (seen !== rule.alert) {
        findings.push({
          rule: "runbook/anchor",
          severity: "error",
          where: ruleWhere(source, rule.alert),
          message: `Alert "${rule.alert}" differs from "${seen}" only in case: both runbook_urls end in #${anchor}, the section of whichever comes first. Rename one.`,
        });
      }
    }
  }
  return findings;
}

export function renderRunbook(model: Model): Rendered {
  return rendered([[runbookPath, runbookDocument(model)]], sharedAnchors(model));
}
