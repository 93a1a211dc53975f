import type { RuleGroup } from "../scripts/authoring/index.ts";
import { slos } from "../config/platform.ts";
import { sloRuleGroup } from "./lib/slo.ts";

/** One rule group per SLO of config/platform.ts, generated: never edit a copy of these rules. */
export const groups: RuleGroup[] = slos.map(sloRuleGroup);
