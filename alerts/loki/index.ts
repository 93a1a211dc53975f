/**
 * The Loki ruler's rule groups (LogQL), written to config/loki/rules.yml and the loki-rules
 * ConfigMap. Add a group by adding its module here.
 */
import { type RuleGroupSource } from "../../scripts/authoring/index.ts";
import { group as errors } from "./errors.ts";
import { group as mlService } from "./ml-service.ts";

export const logRuleGroups: RuleGroupSource[] = [
  { file: "alerts/loki/ml-service.ts", group: mlService },
  { file: "alerts/loki/errors.ts", group: errors },
];
