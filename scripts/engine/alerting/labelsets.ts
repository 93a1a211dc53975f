import { parseLogql } from "../logql/parse.ts";
import { streamMatchers } from "../logql/selectors.ts";
import type { Model } from "../model/index.ts";
import type { AlertingRule, RuleGroupSource } from "../model/rules.ts";
import { alternatives } from "../promql/escape.ts";
import { parsePromql } from "../promql/parse.ts";
import { vectorSelectors, type Matcher } from "../promql/selectors.ts";

/** An alert as Alertmanager sees it: the labels it routes, groups and inhibits on. */
export interface AlertLabelSet {
  alert: string;
  source: RuleGroupSource;
  labels: Record<string, string>;
}

/** The jobs an expression selects (`job="a"`, `job=~"a|b"`); empty when it does not say. */
export function jobsOf(matchers: Matcher[]): string[] {
  const jobs = matchers
    .filter((m) => m.label === "job" && !m.templated)
    .flatMap((m) =>
      m.op === "=" ? [m.value] : m.op === "=~" ? (alternatives(m.value) ?? []) : [],
    );
  return [...new Set(jobs)];
}

const jobTemplate = /\{\{-?\s*\$labels\.job\s*-?\}\}/g;

/**
 * The label sets an alert fires with, one per job its expression selects: the rule's labels
 * with `{{ $labels.job }}` filled in, `alertname`, and `job`. Other templated values stay as
 * written.
 */
export function alertLabelSets(
  source: RuleGroupSource,
  rule: AlertingRule,
  language: "promql" | "logql",
): AlertLabelSet[] {
  const matchers =
    language === "promql"
      ? vectorSelectors(parsePromql(rule.expr)).flatMap((s) => s.matchers)
      : streamMatchers(parseLogql(rule.expr));
  const jobs = jobsOf(matchers);
  return (jobs.length > 0 ? jobs : [undefined]).map((job) => ({
    alert: rule.alert,
    source,
    labels: {
      ...Object.fromEntries(
        Object.entries(rule.labels).map(([k, v]) => [k, job ? v.replace(jobTemplate, job) : v]),
      ),
      alertname: rule.alert,
      ...(job ? { job } : {}),
    },
  }));
}

/** Every alert of the model (Prometheus' and the Loki ruler's) as the label sets it fires with. */
export function modelLabelSets(model: Model): AlertLabelSet[] {
  const sets = (groups: RuleGroupSource[], language: "promql" | "logql") =>
    groups.flatMap((source) =>
      source.group.rules.flatMap((rule) =>
        rule.kind === "alert" ? alertLabelSets(source, rule, language) : [],
      ),
    );
  return [...sets(model.ruleGroups, "promql"), ...sets(model.logRuleGroups, "logql")];
}
