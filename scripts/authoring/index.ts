/**
 * The authoring API: everything dashboards/, alerts/ and config/ write against, from one
 * place. The engine behind it (scripts/engine/) is free to change shape; this is the contract.
 */
export type { Component, Datasource, Platform, Secret } from "../engine/model/platform.ts";
export { gridWidth, type DashboardSource } from "../engine/model/dashboard.ts";
export {
  runbookAnchor,
  severities,
  type AlertSeverity,
  type AlertingRule,
  type Duration,
  type RecordingRule,
  type Rule,
  type RuleGroup,
  type RuleGroupSource,
} from "../engine/model/rules.ts";
export { defined, definedAs } from "../engine/model/site.ts";
export {
  burnThreshold,
  defineSlo,
  errorBudget,
  sloAlertName,
  sloMatcher,
  sloSeries,
  sloWindows,
  tierSeverity,
  type AlertingPolicy,
  type BurnRateTier,
  type Events,
  type Sli,
  type Slo,
} from "../engine/model/slo.ts";
export type {
  Drill,
  DrillPanel,
  DrillSeries,
  DrillSource,
  ExpectedAlert,
} from "../engine/model/drills.ts";
export type { Suppression } from "../engine/model/suppressions.ts";
export { escapeRegex } from "../engine/promql/escape.ts";
export { leMatcher } from "../engine/model/series.ts";
export {
  durationSeconds,
  formatDuration,
  formatPercent,
  formatPercentile,
  formatRoughDuration,
  tidy,
} from "../engine/text/humanize.ts";
