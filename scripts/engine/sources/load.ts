import { drills } from "../../../alerts/drills/index.ts";
import { ruleGroups } from "../../../alerts/index.ts";
import { logRuleGroups } from "../../../alerts/loki/index.ts";
import { platform } from "../../../config/platform.ts";
import { dashboards } from "../../../dashboards/index.ts";
import type { Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import { modelOf } from "./model-of.ts";

/**
 * The model of this repository: the catalogue, the dashboards, the rule groups (Prometheus and
 * Loki) and the drills.
 */
export const loadSources = (root: string): { model: Model; findings: Finding[] } =>
  modelOf(root, { platform, dashboards, ruleGroups, logRuleGroups, drills });
