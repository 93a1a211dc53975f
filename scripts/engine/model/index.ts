import type { Catalogue } from "./catalogue.ts";
import type { Platform, Thresholds } from "./platform.ts";
import type { DashboardSource } from "./dashboard.ts";
import type { RuleGroupSource } from "./rules.ts";
import type { DrillSource } from "./drills.ts";
import type { SloSource } from "./slo.ts";
import type { Validators } from "../schema/load.ts";

/** Everything the checks and renderers work on: built from the sources, never from disk output. */
export interface Model {
  /** config/platform.ts: jobs, namespaces, datasources, URLs. */
  platform: Platform;
  /** config/platform.ts `thresholds`, for the check that they are in range. */
  thresholds?: Thresholds;
  catalogue: Catalogue;
  dashboards: DashboardSource[];
  ruleGroups: RuleGroupSource[];
  /** Loki ruler groups: the same rule model, with LogQL expressions. */
  logRuleGroups: RuleGroupSource[];
  /** Service level objectives (config/platform.ts `slos`); their rules are in ruleGroups. */
  slos: SloSource[];
  /** Outage drills (alerts/drills/): ours only; other teams' files come without. */
  drills: DrillSource[];
  /** The dashboard JSON Schemas of config/schema/, compiled. */
  validators: Validators;
}

/** Rendered outputs: repository-relative path to exact file content. */
export type Files = ReadonlyMap<string, string>;
